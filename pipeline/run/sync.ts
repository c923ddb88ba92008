import { randomUUID } from 'node:crypto';
import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import type { SourceSpec } from '../source/source-spec.ts';
import { readCutoverMarker } from '../sync/cutover-marker.ts';
import { openPipeline, type OpenPipeline } from '../sync/open-pipeline.ts';
import { requireBaseline } from '../sync/pipeline-baseline.ts';
import { PipelineLock, lockHolderName } from '../sync/pipeline-lock.ts';
import type { AnyMapping, DeleteMode } from '../mapping/mapping.ts';
import { runSyncPass } from '../sync/run-sync-pass.ts';
import { AlreadyCutOverError, SyncUsageError } from '../sync/sync-errors.ts';
import type { SyncEventListener } from '../sync/sync-events.ts';
import { emptySyncStats } from '../sync/empty-sync-stats.ts';
import type { SyncStats } from '../sync/sync-stats.ts';

export type { SyncStats, PartitionSyncStats } from '../sync/sync-stats.ts';
export type { SyncEvent, SyncEventListener } from '../sync/sync-events.ts';
export type { DeleteMode } from '../mapping/mapping.ts';

/** Options of {@link sync}. Nothing here is mutated. */
export interface SyncOptions {
  /** The same source `migrate` read (URL + index, or an NDJSON file). */
  source: SourceSpec;
  /** The mapping `migrate` used. Default: Freezer's. */
  mapping?: AnyMapping;
  /** The target database `migrate` wrote (postgres://, mysql://, mysql+pymysql://, sqlite:path). */
  target: string;
  /** State database URL; defaults to the target database (as for migrate). */
  stateDb?: string;
  /** Apply at most this many changes (new + changed + deleted documents), then stop; `stats.workRemains` tells whether more wait. */
  maxCount?: number;
  /** What a document gone from the source does to its rows: `soft` (the mapping's deleted-at rule; Freezer's default: `deleted`/`deleted_at` like freezer-api); `hard` deletes them. Default: the mapping's. */
  deleteMode?: DeleteMode;
  /** Parallel slices per partition for the sweep. Default 4. */
  slices?: number;
  /** Documents per fetch and transaction when applying changes. Default: the dialect's best. */
  batchSize?: number;
  /** Ids per page of the sweep (no `_source`, so pages can be large). Default 10 000. */
  sweepPageSize?: number;
  /** Sync although the pipeline was cut over to SQL (freezer-api's own SQL writes may be overwritten). */
  force?: boolean;
  /** When another sync holds the lock: `true` waits for it, a number waits that many ms, default fails at once. */
  wait?: boolean | number;
  /** Lock tuning (tests, unusual deployments): a lock without heartbeat for `staleMs` (default 2 min) is taken over. */
  lock?: { staleMs?: number; heartbeatMs?: number; pollMs?: number };
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

/** The outcome of a sync: stats always, `error` when it refused or stopped early (low layers throw, this returns). */
export interface SyncResult {
  stats: SyncStats;
  error?: Error;
}

function checkOptions(options: SyncOptions): void {
  if (options.maxCount !== undefined && !(Number.isInteger(options.maxCount) && options.maxCount >= 1)) {
    throw new SyncUsageError(`max-count must be a whole number of at least 1, got ${String(options.maxCount)}`);
  }
  if (options.deleteMode !== undefined && options.deleteMode !== 'soft' && options.deleteMode !== 'hard') {
    throw new SyncUsageError(`delete mode must be "soft" or "hard", got "${String(options.deleteMode)}"`);
  }
}

/**
 * Brings the target up to date with the source after a migration: inserts new documents, rewrites
 * changed ones, and soft-deletes (or deletes) the rows of documents gone from the source, without
 * touching unchanged ones. Change detection is an id + `_version` sweep without `_source` (content
 * hashes for sources without `_version`) diffed in SQL against migrate's document map; deletes are
 * applied only after a sweep that saw every slice of every partition. Two syncs of the same pipeline
 * never interleave (lock in the state database). Refuses after `cutover` unless `force`.
 */
export async function sync(options: SyncOptions): Promise<SyncResult> {
  const runId = randomUUID();
  const deleteMode = options.deleteMode ?? (options.mapping ?? freezerMapping).sync.defaultDeleteMode;
  let pipeline: OpenPipeline | undefined;
  let lock: PipelineLock | undefined;
  let stats = emptySyncStats(runId, deleteMode, options);
  try {
    checkOptions(options);
    const slices = Math.max(1, options.slices ?? 4);
    pipeline = await openPipeline({ mapping: options.mapping ?? freezerMapping, source: options.source, target: options.target, stateDb: options.stateDb, writers: slices, onEvent: options.onEvent });
    const { store, pipelineId } = pipeline;
    stats = { ...stats, pipelineId, layout: pipeline.layout };
    const pair = `${pipeline.description.display} into ${pipeline.target.location.display}`;
    lock = await PipelineLock.acquire(store, pipelineId, lockHolderName(`sync ${runId}`), { ...options.lock, wait: options.wait, signal: options.signal, onEvent: options.onEvent });
    const marker = await readCutoverMarker(store, pipelineId);
    if (marker !== undefined && !options.force) {
      throw new AlreadyCutOverError(
        `${pair} was cut over to SQL at ${marker.cutOverAt} (run ${marker.runId}); freezer-api writes to SQL now and a sync from Elasticsearch would overwrite its changes; pass --force only if freezer-api still uses Elasticsearch`,
        marker.cutOverAt,
      );
    }
    if (marker !== undefined) options.onEvent?.({ type: 'warning', message: `syncing although ${pair} was cut over at ${marker.cutOverAt} (--force)` });
    const baseline = await requireBaseline(store, pipelineId, pair);
    await store.createRun({
      runId,
      pipelineId,
      command: 'sync',
      source: pipeline.description.display,
      target: pipeline.target.location.display,
      layout: pipeline.layout,
      migrationTime: baseline.run.migrationTime,
      options: JSON.stringify({ mapping: pipeline.mapping.name, maxCount: options.maxCount ?? null, deleteMode, slices, batchSize: options.batchSize, force: options.force ?? false }),
    });
    const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    const result = await runSyncPass(pipeline, baseline, {
      runId,
      maxCount: options.maxCount,
      deleteMode,
      slices,
      batchSize: options.batchSize ?? pipeline.target.adapter.capabilities.preferredBatchRows,
      sweepPageSize: options.sweepPageSize ?? 10_000,
      forced: marker !== undefined,
      signal,
      onEvent: options.onEvent,
    });
    const error = lock.lost.aborted ? (lock.lost.reason as Error) : result.error;
    await store.finishRun(runId, error ? 'failed' : 'completed', result.stats, error?.message).catch(() => {});
    return error ? { stats: result.stats, error } : { stats: result.stats };
  } catch (error) {
    return { stats, error: error instanceof Error ? error : new Error(String(error)) };
  } finally {
    await lock?.release().catch(() => {});
    await pipeline?.close();
  }
}
