import type { VerifierReport } from './cutover-verifier.ts';

function count(listed: unknown[] | undefined, total: number | undefined): number {
  return total ?? listed?.length ?? 0;
}

/** `3 missing, 1 extra, 2 different (backups 4, jobs 2)`: verify's verdict in one line. */
export function differenceSummary(report: VerifierReport): string {
  const missing = count(report.missing, report.totals?.missing);
  const extra = count(report.extra, report.totals?.extra);
  const different = count(report.different, report.totals?.different);
  const perEntity = Object.entries(report.entities ?? {})
    .map(([entity, e]) => [entity, (e.missing ?? 0) + (e.extra ?? 0) + (e.different ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([entity, n]) => `${entity} ${n}`);
  return `${missing} missing, ${extra} extra, ${different} different${perEntity.length > 0 ? ` (${perEntity.join(', ')})` : ''}`;
}

/** The first differences, one per line, for the CLI to print under the refusal. */
export function differenceLines(report: VerifierReport, limit = 20): string[] {
  const lines = [
    ...(report.missing ?? []).map((m) => `missing   ${m.entity} ${m.docId}${m.sqlId && m.sqlId !== m.docId ? ` (sql id ${m.sqlId})` : ''}`),
    ...(report.extra ?? []).map((e) => `extra     ${e.entity} sql id ${e.sqlId}`),
    ...(report.different ?? []).map((d) => `different ${d.entity} ${d.docId}${d.fields && d.fields.length > 0 ? `: ${d.fields.join(', ')}` : ''}`),
  ];
  return lines.length > limit ? [...lines.slice(0, limit), `… and ${lines.length - limit} more (see the report)`] : lines;
}
