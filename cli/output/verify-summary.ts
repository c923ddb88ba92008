import type { VerificationReport } from '../../pipeline/report/report-types.ts';
import { formatElapsed } from './format-seconds.ts';
import { textTable } from './text-table.ts';

const ORDER = ['clients', 'actions', 'sessions', 'jobs', 'backups', 'unclassified'];

/** The end-of-run summary of `verify`: per entity what matched and what is missing, extra or different, then the first differences. */
export function verifySummary(report: VerificationReport, listed = 10): string {
  const entities = Object.keys(report.entities).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const row = (name: string, e: VerificationReport['totals']) => [name, e.esRead, e.knownRejects, e.expected, e.sqlRows, e.matched, e.missing, e.extra, e.different];
  const table = textTable(
    ['entity', 'ES read', 'known rejects', 'expected', 'SQL rows', 'matched', 'missing', 'extra', 'different'].map((header, i) => ({ header, align: i === 0 ? ('left' as const) : ('right' as const) })),
    [...entities.map((entity) => row(entity, report.entities[entity]!)), row('total', report.totals)],
  );
  const verdict = report.clean
    ? 'SQL matches Elasticsearch: nothing missing, extra or different'
    : `SQL differs from Elasticsearch: ${report.totals.missing} missing, ${report.totals.extra} extra, ${report.totals.different} different`;
  const lines = [`Verified ${report.source?.display ?? 'the source'} against ${report.target?.display ?? 'the target'} (layout ${report.target?.layout ?? '?'})`, '', table, '', `${verdict} (${formatElapsed(report.elapsedMs)})`];
  const first = [
    ...report.missing.map((m) => `missing    ${m.entity} ${m.docId}`),
    ...report.extra.map((e) => `extra      ${e.entity} sql id ${e.sqlId}`),
    ...report.different.map((d) => `different  ${d.entity} ${d.docId}${d.fields.length > 0 ? `: ${d.fields.join(', ')}` : ''}`),
  ];
  if (first.length > 0) lines.push(...first.slice(0, listed), ...(first.length > listed ? [`… ${first.length - listed} more in the report (--report)`] : []));
  return lines.join('\n');
}
