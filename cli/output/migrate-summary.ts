import type { RunStats } from '../../pipeline/batch/run-stats.ts';
import { formatElapsed } from './format-seconds.ts';
import { textTable, withSeparators } from './text-table.ts';

const ORDER = ['clients', 'actions', 'sessions', 'jobs', 'backups', 'unclassified'];

/** The per-entity table of a migrate run: documents in the source, read, migrated, rejected, rows written. */
export function migrateTable(stats: RunStats): string {
  const entities = Object.keys(stats.partitions).sort((a, b) => ORDER.indexOf(a) - ORDER.indexOf(b));
  const rows = entities.map((entity) => {
    const p = stats.partitions[entity]!;
    return [entity, p.total, p.read, p.migrated, p.rejected, p.rows];
  });
  const total = entities.reduce((n, entity) => n + stats.partitions[entity]!.total, 0);
  rows.push(['total', total, stats.read, stats.migrated, stats.rejected, stats.rows]);
  return textTable(
    [{ header: 'entity' }, { header: 'in source', align: 'right' }, { header: 'read', align: 'right' }, { header: 'migrated', align: 'right' }, { header: 'rejected', align: 'right' }, { header: 'rows written', align: 'right' }],
    rows,
  );
}

function findingsLine(stats: RunStats): string | undefined {
  const counts: Record<string, number> = {};
  for (const p of Object.values(stats.partitions)) for (const [code, n] of Object.entries(p.findings)) counts[code] = (counts[code] ?? 0) + n;
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (entries.length === 0) return undefined;
  return `findings (migrated, with a change or a warning; see docs/dirty-data.md): ${entries.map(([code, n]) => `${code} ${withSeparators(n)}`).join(', ')}`;
}

/**
 * The end-of-run summary of `migrate`: what was migrated where, the table, and one line each for
 * time and rate, rejects (and how to list them), findings and count differences.
 */
export function migrateSummary(stats: RunStats, where: { source: string; target: string; stopped?: boolean }): string {
  const head = stats.alreadyComplete
    ? `Already migrated: ${where.source} into ${where.target} (layout ${stats.layout}, run ${stats.runId}); nothing to do. Use es2sql sync to catch up with changes, or --restart to migrate again.`
    : `${where.stopped ? 'Stopped migrating' : 'Migrated'} ${where.source} into ${where.target} (layout ${stats.layout}${stats.resumed ? ', resumed' : ''})`;
  const lines = [head, '', migrateTable(stats), ''];
  if (!stats.alreadyComplete) {
    lines.push(`run ${stats.runId}: ${withSeparators(stats.read)} documents in ${formatElapsed(stats.elapsedMs)} (${withSeparators(stats.docsPerSecond)} docs/s)${stats.retries > 0 ? `, ${stats.retries} retried requests` : ''}${stats.reopenedContexts > 0 ? `, ${stats.reopenedContexts} search contexts reopened` : ''}`);
  }
  lines.push(stats.rejected > 0 ? `${withSeparators(stats.rejected)} documents rejected (nothing written for them): es2sql status --rejects lists them with the reason` : 'no document rejected');
  const findings = findingsLine(stats);
  if (findings) lines.push(findings);
  if (where.stopped) {
    // A stopped run read less than the source holds because it stopped, not because the source changed.
    lines.push(`stopped after ${withSeparators(stats.read)} of ${withSeparators(Object.values(stats.partitions).reduce((n, p) => n + p.total, 0))} documents: rerun the same command to resume from the last checkpoint`);
    return lines.join('\n');
  }
  for (const r of stats.reconciliation) {
    lines.push(`note: ${r.partition}: the source counted ${withSeparators(r.counted)} documents at the start and ${withSeparators(r.read)} were read (it changed during the run); es2sql sync catches up`);
  }
  return lines.join('\n');
}
