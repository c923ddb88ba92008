import type { CheckpointRecord } from '../state/run-record.ts';
import { addFindings, emptyPartitionStats, type RunStats } from './run-stats.ts';

/**
 * Run figures from the checkpoints, which are cumulative per slice and survive crashes: a resumed
 * run reports the whole migration, not only its own share.
 */
export function statsFromCheckpoints(input: {
  runId: string;
  layout: string;
  resumed: boolean;
  alreadyComplete: boolean;
  totals: Record<string, number>;
  checkpoints: readonly CheckpointRecord[];
  retries: { retries: number; reopened: number };
  elapsedMs: number;
}): RunStats {
  const partitions: RunStats['partitions'] = {};
  for (const [partition, total] of Object.entries(input.totals)) partitions[partition] = emptyPartitionStats(total);
  for (const c of input.checkpoints) {
    const p = (partitions[c.partition] ??= emptyPartitionStats());
    p.read += c.docsRead;
    p.rejected += c.rejected;
    p.migrated += c.docsRead - c.rejected;
    p.rows += c.rowsWritten;
    if (c.findings) addFindings(p.findings, JSON.parse(c.findings) as Record<string, number>);
  }
  const sum = (key: 'read' | 'migrated' | 'rejected' | 'rows') => Object.values(partitions).reduce((n, p) => n + p[key], 0);
  const read = sum('read');
  const reconciliation = Object.entries(partitions)
    .filter(([, p]) => input.checkpoints.length > 0 && p.total !== p.read)
    .map(([partition, p]) => ({ partition, counted: p.total, read: p.read }));
  return {
    runId: input.runId,
    resumed: input.resumed,
    alreadyComplete: input.alreadyComplete,
    layout: input.layout,
    partitions,
    read,
    migrated: sum('migrated'),
    rejected: sum('rejected'),
    rows: sum('rows'),
    retries: input.retries.retries,
    reopenedContexts: input.retries.reopened,
    reconciliation,
    elapsedMs: Math.round(input.elapsedMs),
    docsPerSecond: input.elapsedMs > 0 ? Math.round((read / input.elapsedMs) * 1000) : 0,
  };
}
