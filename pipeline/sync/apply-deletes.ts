import type { TargetSchema } from '../../schema/table-schema.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { DocumentRecord, StateStore } from '../state/state-store.ts';
import { nextDeletes, type ChangeScope, type PendingDelete } from './change-set.ts';
import type { ChangeBudget } from './change-budget.ts';
import type { DeleteMode, SyncRules, SyncUpkeep } from '../mapping/mapping.ts';
import { markStale } from './mark-stale.ts';
import { claimedSqlIds } from '../state/document-map-sql-ids.ts';
import { upkeepScope } from './upkeep-scope.ts';
import { withDatabaseRetries } from '../batch/transient-database-error.ts';
import { inStateAndTarget } from '../batch/state-and-target.ts';
import type { SyncEventListener } from './sync-events.ts';

export interface DeleteJob extends ChangeScope {
  target: OpenDatabase;
  schema: TargetSchema;
  partition: string;
  mode: DeleteMode;
  /** The mapping's delete rule. */
  removeRows: SyncRules['removeRows'];
  batchSize: number;
  budget: ChangeBudget;
  /** The mapping's upkeep of rows some documents build for others, if it has one. */
  upkeep?: SyncUpkeep;
  /** Rewrites documents of a partition from the source (those the upkeep names). Returns the rows written. */
  reapply: (partition: string, docIds: string[]) => Promise<number>;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

export interface DeleteResult {
  done: number;
  rows: number;
}

/** SQL ids that another live document of the partition still maps to (two documents, one row). */
async function sharedSqlIds(store: StateStore, job: DeleteJob, gone: readonly PendingDelete[]): Promise<Set<string>> {
  const sqlIds = [...new Set(gone.flatMap((g) => (g.status === 'loaded' && g.sqlId !== null ? [g.sqlId] : [])))];
  if (sqlIds.length === 0) return new Set();
  return claimedSqlIds(store.db, store.dialect, { pipelineId: job.pipelineId, partition: job.partition, sqlIds, exceptDocIds: gone.map((g) => g.docId) });
}

/**
 * Applies the deletes of one partition — documents in the document map that a complete sweep did
 * not find — page by page: the mapping's rows are soft-deleted (`deleted`, `deleted_at`) or deleted,
 * with the rows they own, and the document map records `deleted` (the reject of a rejected document
 * is forgotten). Target rows and state commit together when they share a database. The mapping's
 * upkeep runs around each page: documents it names are rewritten from the source afterwards.
 */
export async function applyDeletes(job: DeleteJob): Promise<DeleteResult> {
  const result: DeleteResult = { done: 0, rows: 0 };
  for (;;) {
    job.signal?.throwIfAborted();
    const limit = Math.min(job.batchSize, job.budget.left());
    if (limit <= 0) break;
    // Applied deletes leave the result set, so each page starts from the beginning again.
    const gone = await nextDeletes(job, job.partition, null, limit);
    if (gone.length === 0) break;
    job.budget.spend(gone.length);
    const shared = await sharedSqlIds(job.store, job, gone);
    const sqlIds = [...new Set(gone.flatMap((g) => (g.status === 'loaded' && g.sqlId !== null && !shared.has(g.sqlId) ? [g.sqlId] : [])))];
    const records: DocumentRecord[] = gone.map((g) => ({ partition: job.partition, docId: g.docId, sqlId: g.sqlId, version: g.version, status: 'deleted' }));
    const docIds = gone.map((g) => g.docId);
    const upkeep = job.upkeep === undefined ? null : await job.upkeep.before(upkeepScope({ ...job, deleteMode: job.mode }), job.partition, 'delete', sqlIds);
    // Documents whose rows rebuild what this delete removes (Freezer: jobs naming a deleted action) are rewritten after it.
    const rewrite = upkeep?.rewrite;
    if (rewrite !== undefined && rewrite.docIds.length > 0) await withDatabaseRetries(() => job.store.adapter.transaction((tx) => markStale(tx, job.store, job.pipelineId, rewrite.partition, rewrite.docIds)));
    let rows = await inStateAndTarget(
      job.target,
      job.store,
      (tx) => job.removeRows(tx, job.target.db, job.schema, job.partition, sqlIds, job.mode, new Date()),
      async (tx) => {
        await job.store.writeDocuments(tx, job.pipelineId, records);
        await job.store.clearRejects(tx, job.pipelineId, job.partition, docIds);
        await tx.deleteWhereIn('es2sql_content_hashes', 'doc_id', docIds, [
          { column: 'pipeline_id', value: job.pipelineId },
          { column: 'source_partition', value: job.partition },
        ]);
      },
    );
    if (rewrite !== undefined && rewrite.docIds.length > 0) rows += await job.reapply(rewrite.partition, rewrite.docIds);
    if (upkeep?.afterCommit !== undefined) rows += await upkeep.afterCommit();
    result.done += gone.length;
    result.rows += rows;
    job.onEvent?.({ type: 'applied', partition: job.partition, kind: 'delete', documents: gone.length, rows });
  }
  return result;
}
