import type { VerificationReport } from '../report/report-types.ts';


/** `3 missing, 1 extra, 2 different (backups 4, jobs 2)`: verify's verdict in one line. */
export function differenceSummary(report: VerificationReport): string {
  const { missing, extra, different } = report.totals;
  const perEntity = Object.entries(report.entities)
    .map(([entity, e]) => [entity, e.missing + e.extra + e.different] as const)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => `${entity} ${n}`);
  return `${missing} missing, ${extra} extra, ${different} different${perEntity.length > 0 ? ` (${perEntity.join(', ')})` : ''}`;
}

/** The first differences, one per line, for the CLI to print under the refusal. */
export function differenceLines(report: VerificationReport, limit = 20): string[] {
  const lines = [
    ...report.missing.map((m) => `missing   ${m.entity} ${m.docId}${m.sqlId !== m.docId ? ` (sql id ${m.sqlId})` : ''}`),
    ...report.extra.map((e) => `extra     ${e.entity} sql id ${e.sqlId}`),
    ...report.different.map((d) => `different ${d.entity} ${d.docId}${d.fields.length > 0 ? `: ${d.fields.join(', ')}` : ''}`),
  ];
  const total = report.totals.missing + report.totals.extra + report.totals.different;
  if (total > lines.length && lines.length <= limit) lines.push(`… and ${total - lines.length} more (see the report)`);
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more (see the report)`] : lines;
}
