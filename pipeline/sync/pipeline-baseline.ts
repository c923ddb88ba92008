import type { RunRecord } from '../state/run-record.ts';
import type { StateStore } from '../state/state-store.ts';
import { NoBaselineError } from './sync-errors.ts';

/** What the migration decided once and sync must keep deciding the same way. */
export interface Baseline {
  run: RunRecord;
  /** The migrate run's `created_at` fallback: rows sync rewrites equal the ones a migration writes. */
  migrationTime: Date;
  defaultProjectId: string | null;
}

/**
 * The completed migrate run sync builds on. Refuses when there is none, or when the newest one has
 * not completed (a migration is running or failed: sync would race it or build on half a baseline).
 */
export async function requireBaseline(store: StateStore, pipelineId: string, pair: string): Promise<Baseline> {
  const run = await store.latestRun(pipelineId, 'migrate');
  if (run === undefined) {
    throw new NoBaselineError(`no migration from ${pair} yet: run "es2sql migrate" with the same source and target first; sync only catches up with what changed after it`);
  }
  if (run.status !== 'completed') {
    throw new NoBaselineError(`the migration from ${pair} has not completed (run ${run.runId} is ${run.status}): rerun "es2sql migrate" to finish it, then sync`);
  }
  let defaultProjectId: string | null = null;
  try {
    const options = JSON.parse(run.options ?? '{}') as { defaultProjectId?: string | null };
    defaultProjectId = options.defaultProjectId ?? null;
  } catch {
    // Options are informational; a run without them used no default project.
  }
  return { run, migrationTime: new Date(run.migrationTime), defaultProjectId };
}
