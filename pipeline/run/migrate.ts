import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import type { LayoutChoice } from '../../schema/index.ts';
import { openWritableDatabase, type OpenDatabase } from '../load/target-database.ts';
import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import { sortPartitions } from '../source/source-partition.ts';
import { openSource } from '../source/open-source.ts';
import { isFileSourceSpec, type SourceSpec } from '../source/source-spec.ts';
import { acquireMigrateLock } from '../state/migrate-lock.ts';
import { openStateStore, type OpenStateStore } from '../state/open-state-store.ts';
import type { PipelineLock } from '../sync/pipeline-lock.ts';
import { pipelineId } from '../state/pipeline-id.ts';
import type { CheckpointRecord } from '../state/run-record.ts';
import { partitionTransform } from '../batch/partition-transform.ts';
import type { RunEventListener } from '../batch/run-events.ts';
import { resolveMigrateRun } from '../batch/resolve-migrate-run.ts';
import { statsFromCheckpoints } from '../batch/stats-from-checkpoints.ts';
import type { RunStats } from '../batch/run-stats.ts';
import { loadSlice } from '../batch/slice-loader.ts';
import { type AnyMapping } from '../mapping/mapping.ts';
import type { BatchEncoding } from '../batch/encode-batch.ts';
import { encodedPages } from '../batch/encoded-pages.ts';
import { BatchWorkerPool } from '../batch/batch-worker-pool.ts';
import { committedCopyKeys, earlierCopies } from '../batch/earlier-copies.ts';
import { RunCopies } from '../batch/run-copies.ts';
import { RunRejects } from '../batch/run-rejects.ts';
import { workerMappingOf } from '../batch/worker-mapping-of.ts';
import { pinnedMapping } from '../mapping/pinned-mapping.ts';
import { sourceForPinnedMapping } from './source-for-pinned-mapping.ts';
import { analyzeDocumentMap } from '../state/planner-statistics.ts';
import { StatisticsDuringLoad } from '../state/statistics-during-load.ts';

/** Options of {@link migrate}. Nothing here is mutated. */
export interface MigrateOptions {
  source: SourceSpec;
  /** Target database URL (postgres://, mysql://, mysql+pymysql://, sqlite:path). */
  target: string;
  /** How documents become tables (mappings/index.ts resolves `--mapping`). Default: Freezer's. */
  mapping?: AnyMapping;
  /** State database URL; defaults to the target database (own pool, `es2sql_*` tables). */
  stateDb?: string;
  /** Target schema when the database is empty or to check an existing one against. */
  layout?: LayoutChoice;
  /** Parallel slices per partition (capped by what the source can split). Default 4. */
  slices?: number;
  /**
   * Worker threads that read, transform and encode pages while this thread commits them; 0 does
   * everything on this thread. Default 0 (the CLI picks one from the core count).
   */
  workers?: number;
  /**
   * Module URLs each worker thread imports before its own modules, to set that thread up as the
   * caller set up its own (the bin: the bundle's library as `es2sql`, cli/bin-bundle.ts).
   */
  workerPreload?: readonly string[];
  /** Documents per batch (one source page, one transaction). Default: the dialect's best. */
  batchSize?: number;
  /** Scale-out: this process takes the slices s with s % count === index. */
  process?: { index: number; count: number };
  /** Project assigned to v1 documents without `project_id`; null keeps them project-less. */
  defaultProjectId?: string | null;
  /** Start a new run even if an earlier one completed. */
  restart?: boolean;
  /**
   * `created_at` for documents that carry no time of their own. Default: the run's start time,
   * stored with the run so a resumed run writes the same value. Fix it to make two separate runs
   * produce identical rows.
   */
  migrationTime?: Date;
  /**
   * When another migrate, sync or cutover of the same source and target runs (the pipeline lock):
   * `true` waits for it, a number waits that many ms, default fails at once with LockHeldError.
   */
  wait?: boolean | number;
  /** Lock tuning (tests): a lock without heartbeat for `staleMs` (default 2 min) is taken over. */
  lock?: { staleMs?: number; heartbeatMs?: number; pollMs?: number };
  signal?: AbortSignal;
  onEvent?: RunEventListener;
}

/** The outcome of a run: stats always, `error` when it stopped early (low layers throw, this returns). */
export interface MigrateResult {
  stats: RunStats;
  error?: Error;
}

function ownsSlice(slice: number, process: MigrateOptions['process']): boolean {
  return !process || slice % process.count === process.index;
}

/**
 * Moves an Elasticsearch index (or an elasticdump NDJSON file) into SQL through a mapping (Freezer by default).
 * Creates the schema when the target is empty, resumes an interrupted run from its checkpoints, and
 * changes nothing when the same migration already completed.
 */
export async function migrate(options: MigrateOptions): Promise<MigrateResult> {
  const startedAt = performance.now();
  const emit = options.onEvent ?? (() => {});
  let mapping = options.mapping ?? freezerMapping;
  const requestedSlices = Math.max(1, options.slices ?? 4);
  let source: DocumentSource | undefined;
  let target: OpenDatabase | undefined;
  let state: OpenStateStore | undefined;
  let lock: PipelineLock | undefined;
  let pool: BatchWorkerPool | undefined;
  let statistics: StatisticsDuringLoad | undefined;
  let runId = '';
  let layout = '';
  const partitionTotals: Record<string, number> = {};
  let checkpoints: CheckpointRecord[] = [];
  let resumed = false;
  const counters = () => {
    const s = source?.stats();
    const w = pool?.stats();
    return { retries: (s?.retries ?? 0) + (w?.retries ?? 0), reopened: (s?.contextReopens ?? 0) + (w?.contextReopens ?? 0) };
  };
  const stats = (alreadyComplete = false): RunStats =>
    statsFromCheckpoints({ runId, layout, resumed, alreadyComplete, totals: partitionTotals, checkpoints, retries: counters(), elapsedMs: performance.now() - startedAt });
  try {
    source = await openSource(options.source, mapping.partitioning);
    let description = await source.describe();
    target = openWritableDatabase(options.target, requestedSlices);
    const index = isFileSourceSpec(options.source) ? '' : (options.source.index ?? 'freezer');
    const pid = pipelineId(description.display, index, target.location, mapping.name);
    if (mapping.derived !== undefined) {
      // Pinned before its tables are created: the first run's definition, stored for every later command.
      state = await openStateStore(options.stateDb, target);
      const given = mapping;
      mapping = pinnedMapping(given, await state.store.storedDefinition(pid), emit);
      if (mapping === given) await state.store.storeDefinition(pid, given.name, given.derived!.text);
      ({ source, description } = await sourceForPinnedMapping({ source, description }, given, mapping, options.source));
    }
    const prepared = await mapping.target.prepare(target, { ...(options.layout === undefined ? {} : { choice: options.layout }), emit, create: true });
    const schema = prepared.schema;
    layout = prepared.label;
    state ??= await openStateStore(options.stateDb, target);
    const store = state.store;
    lock = await acquireMigrateLock(store, pid, { wait: options.wait, lock: options.lock, process: options.process, restart: options.restart ?? false, signal: options.signal, onEvent: options.onEvent });

    const run = await resolveMigrateRun(store, {
      pipelineId: pid,
      source: description.display,
      target: target.location.display,
      layout,
      restart: options.restart ?? false,
      migrationTime: options.migrationTime,
      options: { mapping: mapping.name, slices: requestedSlices, batchSize: options.batchSize, process: options.process, defaultProjectId: options.defaultProjectId ?? null },
    });
    runId = run.record.runId;
    resumed = run.resumed;
    checkpoints = await store.checkpoints(runId);
    if (run.alreadyComplete) {
      emit({ type: 'info', message: `migration of ${description.display} into ${target.location.display} already completed (run ${runId}); nothing to do. Use "es2sql sync" to catch up with changes, or --restart to migrate again.` });
      const previous = run.record.stats ? (JSON.parse(run.record.stats) as RunStats) : undefined;
      return { stats: previous ? { ...previous, alreadyComplete: true, elapsedMs: performance.now() - startedAt, docsPerSecond: 0 } : stats(true) };
    }

    const partitions = sortPartitions(description.partitions, mapping.partitioning);
    for (const partition of partitions) partitionTotals[partition] = await source.count(partition);
    const sliceCounts = new Map<SourcePartition, number>();
    for (const partition of partitions) sliceCounts.set(partition, await source.sliceCount(partition, requestedSlices));
    const conflicting = checkpoints.find((c) => !c.done && c.slices !== sliceCounts.get(c.partition as SourcePartition));
    if (conflicting) {
      throw new Error(`run ${runId} was started with ${conflicting.slices} slices for ${conflicting.partition}; rerun with --slices ${conflicting.slices}, or add --restart to start over`);
    }
    const doneDocs: Record<string, number> = {};
    for (const c of checkpoints) doneDocs[c.partition] = (doneDocs[c.partition] ?? 0) + c.docsRead;
    emit({ type: 'start', runId, resumed, totals: { ...partitionTotals }, done: doneDocs });

    const batchSize = options.batchSize ?? target.adapter.capabilities.preferredBatchRows;
    const requestedWorkers = Math.max(0, Math.floor(options.workers ?? 0));
    // Partitions this process will map whole, here, one after another: nothing of them committed
    // yet, no other `--slice` process and no worker thread sharing them.
    const mappedInOrder = new Set<string>(
      options.process === undefined && requestedWorkers === 0 ? partitions.filter((partition) => !checkpoints.some((c) => c.partition === partition)) : [],
    );
    // The mapping's first pass, then partition after partition: every read of an index searches
    // one point in time (released after the last partition; on a failure, closing the source does).
    const readContexts = source.holdReadContexts?.();
    const context: unknown = await mapping.prepare({
      mappedInOrder,
      source,
      schema,
      settings: { migrationTime: new Date(run.record.migrationTime), defaultProjectId: options.defaultProjectId ?? null },
      pageSize: batchSize,
      slices: requestedSlices,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    // The duplicate rule against copies this run committed earlier (a resumed run included: its start).
    const since = run.record.startedAt;
    // PostgreSQL's statistics of the state tables, kept up once the run looks documents up there.
    statistics = new StatisticsDuringLoad(store);
    const statisticsOf = statistics;
    // Alone in the run (not one of several `--slice` processes), this process knows every copy it
    // hands out; a resumed run first learns those committed before the interruption.
    const copies = new RunCopies(
      async (partition, docs) => {
        await statisticsOf.beforeLookup();
        return earlierCopies(store, pid, partition, since, docs);
      },
      { exclusive: options.process === undefined },
    );
    if (resumed && options.process === undefined) await copies.seed(committedCopyKeys(store, pid, partitions, since));
    // Alone in the run, it also knows every reject written from now on: a migrated document of a
    // partition without earlier rejects is only looked up in the reject table if this run rejected it.
    const rejects = options.process === undefined ? await RunRejects.open(store, pid, partitions) : undefined;
    if (requestedWorkers > 0) {
      const portable = workerMappingOf(mapping, context);
      if (portable.kind === 'portable') {
        pool = new BatchWorkerPool(requestedWorkers, {
          source: options.source,
          pipelineId: pid,
          runId,
          schema,
          targetDialect: target.location.dialect,
          stateDialect: store.dialect,
          mapping: portable.mapping,
          context: portable.context,
          duplicates: true,
          preload: options.workerPreload ?? [],
          sourceState: await source.shareState?.(),
        }, copies.resolve);
      } else {
        emit({ type: 'info', message: `mapping ${mapping.name} runs without worker threads (${portable.reason}); every page is transformed on the main thread` });
      }
    }
    const encodingOf = (partition: SourcePartition): BatchEncoding => ({
      partition,
      pipelineId: pid,
      runId,
      schema,
      transform: partitionTransform(mapping, partition, context),
      tableOrder: mapping.target.tableOrder,
      target: target!.adapter.encoder,
      state: store.adapter.encoder,
      duplicates: true,
    });

    // Stop too when another process took the lock over (this one missed its heartbeats).
    const loadSignal = options.signal ? AbortSignal.any([options.signal, lock.lost]) : lock.lost;
    const byKey = new Map(checkpoints.map((c) => [`${c.partition}/${c.slice}/${c.slices}`, c]));
    try {
      for (const partition of partitions) {
        const slices = sliceCounts.get(partition)!;
        const mine = Array.from({ length: slices }, (_, s) => s).filter((s) => ownsSlice(s, options.process));
        const results = await Promise.all(
          mine.map((slice) =>
            loadSlice({
              target: target!,
              state: store,
              runId,
              pipelineId: pid,
              partition,
              slice,
              slices,
              checkpoint: byKey.get(`${partition}/${slice}/${slices}`),
              pageSize: batchSize,
              schema,
              removeRows: (...args) => mapping.sync.removeRows(...args),
              pages: pool ? (read) => pool!.pages(read) : (read) => encodedPages(source!, read, encodingOf(partition), copies.resolve),
              signal: loadSignal,
              onBatch: (report) => {
                statisticsOf.committed(report.partition, report.read);
                emit({ type: 'batch', ...report });
              },
              ...(rejects === undefined ? {} : { rejects }),
              beforeRejectLookup: () => void statisticsOf.beforeLookup(),
              onCommitted: (batch) => batch.copiesTicket !== undefined && copies.committed(batch.copiesTicket),
            }),
          ),
        );
        for (const result of results) byKey.set(`${partition}/${result.slice}/${result.slices}`, result);
        if (loadSignal.aborted) break;
        emit({ type: 'partition-done', partition });
      }
    } finally {
      await readContexts?.release();
    }
    checkpoints = await store.checkpoints(runId);
    if (lock.lost.aborted) throw lock.lost.reason;
    if (options.signal?.aborted) {
      const error = new Error('interrupted; rerun the same command to resume from the last checkpoint');
      // Stopped early: what was not read is no count difference in the source.
      const stopped = { ...stats(), reconciliation: [] };
      await store.finishRun(runId, 'failed', stopped, error.message);
      return { stats: stopped, error };
    }
    const allDone = partitions.every((p) => {
      const slices = sliceCounts.get(p)!;
      return Array.from({ length: slices }, (_, s) => s).every((s) => checkpoints.some((c) => c.partition === p && c.slice === s && c.slices === slices && c.done));
    });
    const final = stats();
    if (allDone) {
      // What follows a migration (sync, verify, status) looks the document map up by id.
      await statistics.settled();
      await analyzeDocumentMap(store);
      await store.finishRun(runId, 'completed', final);
    } else {
      // Slices of other processes are still under way: their partial counts are no discrepancy.
      final.reconciliation = [];
      emit({ type: 'info', message: `this process finished its slices; run ${runId} completes when the other processes finish theirs` });
    }
    return { stats: final };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    if (state && runId) {
      checkpoints = await state.store.checkpoints(runId).catch(() => checkpoints);
      await state.store.finishRun(runId, 'failed', stats(), err.message).catch(() => {});
    }
    return { stats: stats(), error: err };
  } finally {
    await statistics?.settled();
    await pool?.close().catch(() => {});
    await lock?.release().catch(() => {});
    await source?.close().catch(() => {});
    await state?.close().catch(() => {});
    await target?.close().catch(() => {});
  }
}
