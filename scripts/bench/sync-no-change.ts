import { sync } from '../../pipeline/run/sync.ts';

/** A `sync` pass over a target that is already up to date: what a scheduled sync costs when nothing changed. */
export interface SyncNoChange {
  seconds: number;
  swept: number;
  found: number;
  /** Rows the sync wrote: 0 when nothing changed (absent in results saved before it was measured). */
  rows?: number;
  /** Time spent sweeping ids and versions into the state database. */
  sweepSeconds?: number;
}

/**
 * Times one `sync` right after the end-to-end migrate, in this process: it sweeps every id and
 * `_version`, diffs them against the document map and finds nothing to write. (This measurement
 * replaces test/sync/sync-benchmark.test.ts, which ran three 100k migrations in every `npm test`.)
 */
export async function measureSyncNoChange(esUrl: string, index: string, targetUrl: string): Promise<SyncNoChange> {
  const started = performance.now();
  const result = await sync({ source: { url: esUrl, index }, target: targetUrl });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) throw new Error(`sync failed: ${result.error.message}`);
  return { seconds, swept: result.stats.swept, found: result.stats.found, rows: result.stats.rows, sweepSeconds: result.stats.sweepMs / 1000 };
}
