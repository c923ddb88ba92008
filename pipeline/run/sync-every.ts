import { sync, type SyncOptions, type SyncResult } from './sync.ts';
import { isRefusal } from '../sync/sync-errors.ts';

/** Options of {@link syncEvery}: those of sync, plus the period. */
export interface SyncEveryOptions extends SyncOptions {
  /** Time from the start of one run to the start of the next; a run that takes longer is followed at once. */
  everyMs: number;
  /** Stop after this many runs (tests, one-shot catch-ups). Default: until the signal aborts. */
  maxRuns?: number;
}

/** How a sync loop ended. */
export interface SyncEveryResult {
  runs: number;
  /** The last run's result. */
  last?: SyncResult;
  /** Set when the loop stopped on an error that another run would not fix (cut over, no migration). */
  error?: Error;
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      resolve();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/**
 * Keeps SQL in step with Elasticsearch while the old backend still serves: runs {@link sync} every
 * `everyMs` until the signal aborts, reporting each run (with its lag) as a `run-done` event. A run
 * that fails for a passing reason (ES unreachable, incomplete sweep, another sync holding the lock)
 * is reported and the loop goes on; a refusal (cut over, no completed migration) ends it.
 */
export async function syncEvery(options: SyncEveryOptions): Promise<SyncEveryResult> {
  if (!(options.everyMs > 0)) throw new RangeError(`every must be a positive duration, got ${options.everyMs} ms`);
  let runs = 0;
  let last: SyncResult | undefined;
  while (!options.signal?.aborted && (options.maxRuns === undefined || runs < options.maxRuns)) {
    const startedAt = Date.now();
    last = await sync(options);
    runs++;
    options.onEvent?.({ type: 'run-done', run: runs, stats: last.stats, ...(last.error ? { error: last.error } : {}) });
    if (last.error && isRefusal(last.error)) return { runs, last, error: last.error };
    if (options.maxRuns !== undefined && runs >= options.maxRuns) break;
    await pause(Math.max(0, startedAt + options.everyMs - Date.now()), options.signal);
  }
  return last ? { runs, last } : { runs };
}
