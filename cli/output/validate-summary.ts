import type { ValidationReport } from '../../pipeline/report/report-types.ts';
import { formatElapsed } from './format-seconds.ts';
import { textTable, withSeparators } from './text-table.ts';

const ORDER = ['clients', 'actions', 'sessions', 'jobs', 'backups', 'unclassified'];

/** The end-of-run summary of `validate`: per entity what would be migrated and rejected, the reasons and blocking references. */
export function validateSummary(report: ValidationReport): string {
  const entities = Object.keys(report.entities).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const rows = entities.map((entity) => {
    const e = report.entities[entity]!;
    return [entity, e.counted, e.read, e.wouldMigrate, e.wouldReject];
  });
  rows.push(['total', report.totals.counted, report.totals.read, report.totals.wouldMigrate, report.totals.wouldReject]);
  const target = report.target ? `${report.target.display ?? `a ${report.target.dialect} database`} (layout ${report.target.layout}${report.target.schemaFrom === 'layout-definition' ? ', from its definition' : ''})` : 'the target';
  const lines = [
    `Validated ${report.source?.display ?? 'the source'} against ${target}; nothing was written`,
    '',
    textTable([{ header: 'entity' }, { header: 'in source', align: 'right' }, { header: 'read', align: 'right' }, { header: 'would migrate', align: 'right' }, { header: 'would reject', align: 'right' }], rows),
    '',
    `${withSeparators(report.totals.read)} documents in ${formatElapsed(report.elapsedMs)} (${withSeparators(Math.round(report.docsPerSecond))} docs/s)`,
  ];
  if (report.rejectReasons.length > 0) {
    lines.push(`would reject: ${report.rejectReasons.map((r) => `${r.reason} ${withSeparators(r.count)}`).join(', ')} (docs/dirty-data.md explains each reason)`);
  } else lines.push('no document would be rejected');
  const blocking = report.references.filter((r) => r.severity === 'blocking' && r.count > 0);
  for (const reference of blocking) lines.push(`blocking: ${withSeparators(reference.count)} × ${reference.kind}: ${reference.description}`);
  const warnings = report.findings.filter((f) => f.severity !== 'info');
  if (warnings.length > 0) lines.push(`warnings: ${warnings.map((f) => `${f.code} ${withSeparators(f.count)}`).join(', ')}`);
  return lines.join('\n');
}
