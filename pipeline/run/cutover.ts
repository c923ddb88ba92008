import { randomUUID } from 'node:crypto';
import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import type { SourceSpec } from '../source/source-spec.ts';
import { readCutoverMarker, writeCutoverMarker } from '../sync/cutover-marker.ts';
import { freezerApiConfig, type FreezerApiConfigChange } from '../sync/freezer-api-config.ts';
import { openPipeline, type OpenPipeline } from '../sync/open-pipeline.ts';
import { requireBaseline } from '../sync/pipeline-baseline.ts';
import { PipelineLock, lockHolderName } from '../sync/pipeline-lock.ts';
import type { AnyMapping, DeleteMode } from '../mapping/mapping.ts';
import { runSyncPass } from '../sync/run-sync-pass.ts';
import { differenceSummary } from '../sync/difference-summary.ts';
import { CutoverRefusedError, SyncError } from '../sync/sync-errors.ts';
import type { SyncEventListener } from '../sync/sync-events.ts';
import type { SyncStats } from '../sync/sync-stats.ts';
import type { VerificationReport } from '../report/report-types.ts';
import { verify } from './verify.ts';

export type { FreezerApiConfigChange } from '../sync/freezer-api-config.ts';
/** verify's report as cutover returns it (the name index.ts exports). */
export type { VerificationReport as VerifierReport } from '../report/report-types.ts';

/** Options of {@link cutover}. Nothing here is mutated. */
export interface CutoverOptions {
  /** The same source and target as migrate and sync. */
  source: SourceSpec;
  /** The mapping `migrate` used. Default: Freezer's. */
  mapping?: AnyMapping;
  target: string;
  stateDb?: string;
  /** Soft (default) or hard deletes in the final sync. */
  deleteMode?: DeleteMode;
  slices?: number;
  batchSize?: number;
  /** Where verify writes its report (the differences, when cutover refuses). */
  reportPath?: string;
  /** Wait for a running sync to finish instead of failing at once (see SyncOptions.wait). */
  wait?: boolean | number;
  lock?: { staleMs?: number; heartbeatMs?: number; pollMs?: number };
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

/** What a cutover did. */
export interface CutoverStats {
  runId: string;
  pipelineId: string;
  /** The pipeline had been cut over before; nothing was done. */
  alreadyCutOver: boolean;
  /** The final sync's figures (null when it did not run). */
  finalSync: SyncStats | null;
  /** verify's verdict (null when it did not run). */
  clean: boolean | null;
  /** When the marker was written (or found). */
  cutOverAt: string | null;
  elapsedMs: number;
}

/** The outcome of a cutover: on success the freezer-api.conf change; on refusal verify's report. */
export interface CutoverResult {
  stats: CutoverStats;
  /** verify's report (always when verify ran: the differences when it refused). */
  report?: VerificationReport;
  /** What to set in freezer-api.conf (on success, and when already cut over). */
  config?: FreezerApiConfigChange;
  error?: Error;
}

/**
 * The last step of an online migration, to run once freezer-api has stopped writing to
 * Elasticsearch: under the sync lock, a final unlimited sync, then `verify`. Refuses (no marker,
 * `CutoverRefusedError` with verify's report) unless SQL matches Elasticsearch; on success records
 * the cutover in `es2sql_cutovers` — later syncs refuse unless forced — and returns the exact
 * freezer-api.conf change. Requires a completed migration; a second cutover changes nothing.
 */
export async function cutover(options: CutoverOptions): Promise<CutoverResult> {
  const startedAt = Date.now();
  const runId = randomUUID();
  const stats: CutoverStats = { runId, pipelineId: '', alreadyCutOver: false, finalSync: null, clean: null, cutOverAt: null, elapsedMs: 0 };
  const done = (result: Omit<CutoverResult, 'stats'>): CutoverResult => ({ stats: { ...stats, elapsedMs: Date.now() - startedAt }, ...result });
  let pipeline: OpenPipeline | undefined;
  let lock: PipelineLock | undefined;
  let config: FreezerApiConfigChange | undefined;
  try {
    const slices = Math.max(1, options.slices ?? 4);
    pipeline = await openPipeline({ mapping: options.mapping ?? freezerMapping, source: options.source, target: options.target, stateDb: options.stateDb, writers: slices, onEvent: options.onEvent });
    const { store, pipelineId } = pipeline;
    stats.pipelineId = pipelineId;
    config = freezerApiConfig(pipeline.target.location, pipeline.schema);
    const pair = `${pipeline.description.display} into ${pipeline.target.location.display}`;
    lock = await PipelineLock.acquire(store, pipelineId, lockHolderName(`cutover ${runId}`), { ...options.lock, wait: options.wait, signal: options.signal, onEvent: options.onEvent });
    const marker = await readCutoverMarker(store, pipelineId);
    if (marker !== undefined) {
      stats.alreadyCutOver = true;
      stats.cutOverAt = marker.cutOverAt;
      options.onEvent?.({ type: 'info', message: `${pair} was already cut over at ${marker.cutOverAt} (run ${marker.runId}); nothing to do` });
      return done({ config });
    }
    const baseline = await requireBaseline(store, pipelineId, pair);
    await store.createRun({
      runId,
      pipelineId,
      command: 'cutover',
      source: pipeline.description.display,
      target: pipeline.target.location.display,
      layout: pipeline.layout,
      migrationTime: baseline.run.migrationTime,
      options: JSON.stringify({ mapping: pipeline.mapping.name, deleteMode: options.deleteMode ?? pipeline.mapping.sync.defaultDeleteMode, slices, batchSize: options.batchSize }),
    });
    const fail = async (error: Error, extra: Omit<CutoverResult, 'stats' | 'error'> = {}) => {
      await store.finishRun(runId, 'failed', stats, error.message).catch(() => {});
      return done({ ...extra, error });
    };

    const signal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    const synced = await runSyncPass(pipeline, baseline, {
      runId,
      deleteMode: options.deleteMode ?? pipeline.mapping.sync.defaultDeleteMode,
      slices,
      batchSize: options.batchSize ?? pipeline.target.adapter.capabilities.preferredBatchRows,
      sweepPageSize: 10_000,
      forced: false,
      signal,
      onEvent: options.onEvent,
    });
    stats.finalSync = synced.stats;
    if (synced.error || synced.stats.workRemains) {
      return fail(new SyncError(`the final sync did not finish (${synced.error?.message.split('\n')[0] ?? 'work remains'}); nothing was cut over: rerun cutover`, { cause: synced.error }));
    }

    const verified = await verify({
      ...(options.mapping === undefined ? {} : { mapping: options.mapping }),
      source: options.source,
      target: options.target,
      stateDb: options.stateDb,
      slices: options.slices,
      batchSize: options.batchSize,
      reportPath: options.reportPath,
      signal,
      onEvent: (event) => {
        if (event.type === 'info' || event.type === 'warning') options.onEvent?.(event);
      },
    });
    stats.clean = verified.error ? null : verified.report.clean;
    if (verified.error) {
      return fail(new SyncError(`verify could not finish (${verified.error.message.split('\n')[0]}); nothing was cut over: rerun cutover`, { cause: verified.error }), { report: verified.report });
    }
    if (!verified.report.clean) {
      const where = options.reportPath ? `; report: ${options.reportPath}` : '';
      return fail(
        new CutoverRefusedError(`SQL does not match Elasticsearch (${differenceSummary(verified.report)}); nothing was cut over: look at the differences${where}, fix them (a sync, a fixed document), then rerun cutover`),
        { report: verified.report },
      );
    }
    signal.throwIfAborted();
    stats.cutOverAt = new Date().toISOString();
    await writeCutoverMarker(store, {
      pipelineId,
      runId,
      cutOverAt: stats.cutOverAt,
      report: JSON.stringify({ finalSync: { found: synced.stats.found, done: synced.stats.done, rows: synced.stats.rows }, verify: { clean: true, totals: verified.report.totals ?? null } }),
    });
    await store.finishRun(runId, 'completed', stats);
    return done({ report: verified.report, config });
  } catch (error) {
    return done({ error: error instanceof Error ? error : new Error(String(error)) });
  } finally {
    await lock?.release().catch(() => {});
    await pipeline?.close();
  }
}
