import { partitionTransform } from '../batch/partition-transform.ts';
import { type DeleteMode } from '../mapping/mapping.ts';
import { sortPartitions, type SourcePartition } from '../source/source-partition.ts';
import { applyDeletes } from './apply-deletes.ts';
import { recheckPartition } from './recheck-partition.ts';
import { analyzeDocumentMapWithoutStatistics, refreshPlannerStatistics } from '../state/planner-statistics.ts';
import { applyDocuments, applyUpserts } from './apply-upserts.ts';
import { changeBudget } from './change-budget.ts';
import { countChanges, type ChangeCounts, type ChangeScope } from './change-set.ts';
import type { OpenPipeline } from './open-pipeline.ts';
import type { Baseline } from './pipeline-baseline.ts';
import { LockLostError, SweepIncompleteError, SyncError } from './sync-errors.ts';
import type { SyncEventListener } from './sync-events.ts';
import { emptyPartitionSyncStats, sumPartitions, type PartitionSyncStats, type SyncStats } from './sync-stats.ts';
import { clearSweeps, type SweepResult } from './sweep-to-state.ts';
import { sweepChanges } from './sweep-changes.ts';

/** How one pass runs; the caller holds the pipeline lock. */
export interface SyncPassOptions {
  runId: string;
  maxCount?: number;
  deleteMode: DeleteMode;
  slices: number;
  batchSize: number;
  sweepPageSize: number;
  forced: boolean;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

function firstLine(error: Error): string {
  return error.message.split('\n')[0] ?? error.message;
}

/**
 * One sync: sweep every partition's ids and versions, staging in the state database those that
 * differ from the document map (every id of partitions with deletes, sweep-changes.ts), diff them
 * there against the map, then apply — new and changed documents in the mapping's foreign-key
 * order (Freezer: clients, sessions, actions, jobs, backups), deletes in reverse order and only after a complete sweep — at
 * most `maxCount` changes in all. Unchanged documents are never fetched nor written.
 */
export async function runSyncPass(pipeline: OpenPipeline, baseline: Baseline, options: SyncPassOptions): Promise<{ stats: SyncStats; error?: Error }> {
  const startedAt = Date.now();
  const emit = options.onEvent ?? (() => {});
  const { mapping, source, target, store, schema, pipelineId } = pipeline;
  const scope: ChangeScope = { store, pipelineId, sweepId: options.runId, hashed: pipeline.description.kind === 'file' };
  const partitions: Record<string, PartitionSyncStats> = {};
  let sweep: SweepResult | undefined;
  let error: Error | undefined;

  try {
    await clearSweeps(store, pipelineId);
    // The sweep looks every id up in the document map: not without statistics.
    await analyzeDocumentMapWithoutStatistics(store);
    const swept = await sweepChanges({
      source,
      store,
      pipelineId,
      sweepId: options.runId,
      partitions: sortPartitions(pipeline.description.partitions, mapping.partitioning),
      slices: options.slices,
      pageSize: options.sweepPageSize,
      hashContent: scope.hashed,
      signal: options.signal,
      onEvent: emit,
    });
    sweep = swept.sweep;
    options.signal?.throwIfAborted();
    await refreshPlannerStatistics(store, Object.values(sweep.staged).reduce((sum, n) => sum + n, 0));
    const counts = new Map<SourcePartition, ChangeCounts>();
    const record = (found: Map<string, ChangeCounts>, only?: SourcePartition) => {
      for (const partition of only ? [only] : sortPartitions([...pipeline.description.partitions, ...found.keys()], mapping.partitioning)) {
        const c = found.get(partition) ?? { new: 0, changed: 0, deleted: 0 };
        counts.set(partition, c);
        partitions[partition] = {
          ...emptyPartitionSyncStats(),
          swept: sweep!.swept[partition] ?? 0,
          staged: sweep!.staged[partition] ?? 0,
          fullPass: swept.fullPass.has(partition),
          ...c,
          found: c.new + c.changed + c.deleted,
        };
      }
    };
    record(await countChanges(scope, swept.fullyStaged));
    const all = sortPartitions(counts.keys(), mapping.partitioning);
    const budget = changeBudget(options.maxCount);
    let context: Promise<unknown> | undefined;
    // Only a run with something to write pays for the mapping's first pass (Freezer: a full read of clients and actions).
    const contextOnce = () =>
      (context ??= mapping.prepare({
        source,
        schema,
        settings: { migrationTime: baseline.migrationTime, defaultProjectId: baseline.defaultProjectId },
        pageSize: options.batchSize,
        slices: options.slices,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      }));
    const documentJob = async (partition: SourcePartition) => {
      const ctx = await contextOnce();
      return {
        ...scope,
        source,
        target,
        schema,
        runId: options.runId,
        partition,
        transform: partitionTransform(mapping, partition, ctx),
        tableOrder: mapping.target.tableOrder,
        removeRows: mapping.sync.removeRows,
        ...(mapping.sync.upkeep === undefined ? {} : { upkeep: mapping.sync.upkeep }),
        deleteMode: options.deleteMode,
        signal: options.signal,
        onEvent: emit,
      };
    };
    for (const partition of mapping.sync.recheckPartitions ?? []) {
      const changes = counts.get(partition);
      if (changes === undefined || changes.new + changes.changed + changes.deleted === 0) continue;
      const transform = partitionTransform(mapping, partition, await contextOnce());
      const marked = await recheckPartition({ source, store, pipelineId, sweepId: scope.sweepId, hashed: scope.hashed, partition, transform, pageSize: options.batchSize, signal: options.signal });
      if (marked > 0) {
        sweep.staged[partition] = (sweep.staged[partition] ?? 0) + marked;
        record(await countChanges(scope, swept.fullyStaged, partition), partition);
      }
    }
    emit({ type: 'found', partitions: Object.fromEntries([...counts].map(([p, c]) => [p, c])) });

    const reapply = async (partition: string, docIds: string[]) => {
      let rows = 0;
      for (let i = 0; i < docIds.length; i += options.batchSize) {
        const page = docIds.slice(i, i + options.batchSize).map((docId) => ({ docId, known: null }));
        rows += (await applyDocuments(await documentJob(partition), page)).rows;
      }
      return rows;
    };

    for (const partition of all) {
      const c = counts.get(partition)!;
      if (c.new + c.changed === 0 || budget.left() <= 0) continue;
      const applied = await applyUpserts({ ...(await documentJob(partition)), batchSize: options.batchSize, budget });
      const p = partitions[partition]!;
      p.done += applied.done;
      p.rejected += applied.rejected;
      p.rows += applied.rows;
    }
    if (sweep.complete) {
      for (const partition of [...all].reverse()) {
        if (counts.get(partition)!.deleted === 0) continue;
        const applied = await applyDeletes({ ...scope, target, schema, partition, mode: options.deleteMode, removeRows: mapping.sync.removeRows, ...(mapping.sync.upkeep === undefined ? {} : { upkeep: mapping.sync.upkeep }), batchSize: options.batchSize, budget, reapply, signal: options.signal, onEvent: emit });
        partitions[partition]!.done += applied.done;
        partitions[partition]!.rows += applied.rows;
      }
    } else {
      const failed = sweep.failures[0]!;
      error = new SweepIncompleteError(
        `the sweep of ${failed.partition} did not complete (${firstLine(failed.error)}); no deletes were applied, only new and changed documents; rerun sync`,
        { cause: failed.error },
      );
    }
  } catch (caught) {
    error = caught instanceof Error ? caught : new Error(String(caught));
  } finally {
    await clearSweeps(store, pipelineId).catch(() => {});
  }

  if (options.signal?.aborted) {
    const reason: unknown = options.signal.reason;
    error = reason instanceof LockLostError ? reason : new SyncError('interrupted; the changes applied so far are kept and the next sync finds the rest: rerun sync', { cause: error });
  }
  for (const p of Object.values(partitions)) p.remaining = p.found - p.done;
  const totals = sumPartitions(partitions);
  const sweepComplete = sweep?.complete ?? false;
  const workRemains = totals.remaining > 0 || !sweepComplete || error !== undefined;
  const finishedAt = Date.now();
  const sourceStats = source.stats();
  const stats: SyncStats = {
    runId: options.runId,
    pipelineId,
    layout: pipeline.layout,
    deleteMode: options.deleteMode,
    maxCount: options.maxCount ?? null,
    forced: options.forced,
    partitions,
    ...totals,
    sweepComplete,
    workRemains,
    elapsedMs: finishedAt - startedAt,
    sweepMs: sweep?.ms ?? 0,
    lagMs: workRemains || sweep === undefined ? null : finishedAt - sweep.startedAt,
    retries: sourceStats.retries,
    reopenedContexts: sourceStats.contextReopens,
  };
  return error === undefined ? { stats } : { stats, error };
}
