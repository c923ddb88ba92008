import { createHash } from 'node:crypto';
import type { RunRecord } from '../state/run-record.ts';
import type { StateStore } from '../state/state-store.ts';

export interface ResolvedRun {
  record: RunRecord;
  /** Continues an interrupted or failed run (its checkpoints and migration time). */
  resumed: boolean;
  /** The newest run for this pipeline completed: nothing to do. */
  alreadyComplete: boolean;
}

function runIdFor(pipelineId: string, generation: number): string {
  const hex = createHash('sha256').update(`${pipelineId}/migrate/${generation}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Finds the run a `migrate` invocation belongs to: the unfinished one to resume, the completed one
 * (nothing to do), or a new one. New run ids derive from the pipeline and a generation number, so
 * several processes started together for `--slice i --slices N` all join the same run: the first
 * insert wins and the others read it back. No leader process is needed.
 */
export async function resolveMigrateRun(
  store: StateStore,
  init: { pipelineId: string; source: string; target: string; layout: string; restart: boolean; migrationTime?: Date; options: unknown },
): Promise<ResolvedRun> {
  // Counted before looking for an unfinished run: a sibling process that creates the run in
  // between is then either found below or collides on the same run id, never starts a second run.
  const generation = (await store.countRuns(init.pipelineId, 'migrate')) + 1;
  if (!init.restart) {
    const unfinished = await store.findUnfinishedRun(init.pipelineId, 'migrate');
    if (unfinished) {
      await store.markRunning(unfinished.runId);
      return { record: unfinished, resumed: true, alreadyComplete: false };
    }
    const latest = await store.latestRun(init.pipelineId, 'migrate');
    if (latest?.status === 'completed') return { record: latest, resumed: false, alreadyComplete: true };
  }
  const runId = runIdFor(init.pipelineId, generation);
  try {
    const record = await store.createRun({
      runId,
      pipelineId: init.pipelineId,
      command: 'migrate',
      source: init.source,
      target: init.target,
      layout: init.layout,
      migrationTime: (init.migrationTime ?? new Date()).toISOString(),
      options: JSON.stringify(init.options),
    });
    return { record, resumed: false, alreadyComplete: false };
  } catch (error) {
    const joined = await store.findRun(runId);
    if (!joined) throw error;
    return { record: joined, resumed: true, alreadyComplete: false };
  }
}
