import { sync } from '../../pipeline/run/sync.ts';

/** A `sync` pass over a target that is already up to date: what a scheduled sync costs when nothing changed. */
export interface SyncNoChange {
  seconds: number;
  swept: number;
  found: number;
}

/**
 * Times one `sync` right after the end-to-end migrate, in this process: it sweeps every id and
 * `_version`, diffs them against the document map and finds nothing to write.
 */
export async function measureSyncNoChange(esUrl: string, index: string, targetUrl: string): Promise<SyncNoChange> {
  const started = performance.now();
  const result = await sync({ source: { url: esUrl, index }, target: targetUrl });
  const seconds = (performance.now() - started) / 1000;
  if (result.error) throw new Error(`sync failed: ${result.error.message}`);
  return { seconds, swept: result.stats.swept, found: result.stats.found };
}
