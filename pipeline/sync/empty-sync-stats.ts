import type { DeleteMode } from '../mapping/mapping.ts';
import type { SyncStats } from './sync-stats.ts';

/** Stats of a run that stopped before sweeping (refused, lock held, unreachable source): nothing done, work remains. */
export function emptySyncStats(runId: string, deleteMode: DeleteMode, options: { maxCount?: number; force?: boolean }): SyncStats {
  return {
    runId,
    pipelineId: '',
    layout: '',
    deleteMode,
    maxCount: options.maxCount ?? null,
    forced: false,
    partitions: {},
    swept: 0,
    staged: 0,
    found: 0,
    done: 0,
    remaining: 0,
    rejected: 0,
    rows: 0,
    sweepComplete: false,
    workRemains: true,
    elapsedMs: 0,
    sweepMs: 0,
    lagMs: null,
    retries: 0,
    reopenedContexts: 0,
  };
}
