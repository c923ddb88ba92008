import type { SyncStats } from './sync-stats.ts';

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

/**
 * The per-entity table a sync prints, after nova-manage's `online_data_migrations`: what was found
 * (new + changed + deleted) and what this run did, then one summary line.
 */
export function syncReportLines(stats: SyncStats): string[] {
  const names = Object.keys(stats.partitions);
  const width = Math.max(6, ...names.map((n) => n.length));
  const row = (name: string, found: number | string, done: number | string, remaining: number | string, detail = '') =>
    `${name.padEnd(width)}  ${String(found).padStart(7)}  ${String(done).padStart(7)}  ${String(remaining).padStart(9)}${detail ? `  ${detail}` : ''}`;
  const lines = [row('entity', 'found', 'done', 'remaining', 'new/changed/deleted')];
  for (const name of names) {
    const p = stats.partitions[name]!;
    lines.push(row(name, p.found, p.done, p.remaining, `${p.new}/${p.changed}/${p.deleted}`));
  }
  lines.push(row('total', stats.found, stats.done, stats.remaining));
  lines.push(syncSummaryLine(stats));
  return lines;
}

/** One line: in step (with the lag) or how much is left, rows written, time. */
export function syncSummaryLine(stats: SyncStats): string {
  const tail = `${stats.rows} rows written, ${stats.swept} documents swept in ${seconds(stats.sweepMs)}, ${seconds(stats.elapsedMs)} in all`;
  if (!stats.sweepComplete) return `sweep incomplete: deletes were not applied; ${tail}`;
  if (stats.workRemains) return `work remains: ${stats.remaining} of ${stats.found} changes left (max-count ${stats.maxCount ?? '-'}); run sync again; ${tail}`;
  return `in step with the source (lag ${seconds(stats.lagMs ?? 0)}); ${tail}`;
}
