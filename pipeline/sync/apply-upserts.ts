import type { TargetSchema } from '../../schema/table-schema.ts';
import type { MappedDocument as Accepted, MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import { transformAndCommit } from '../batch/transform-and-commit.ts';
import { withDatabaseRetries } from '../batch/transient-database-error.ts';
import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { nextUpserts, type ChangeScope, type PendingUpsert } from './change-set.ts';
import type { ChangeBudget } from './change-budget.ts';
import type { DeleteMode, SyncRules, SyncUpkeep } from '../mapping/mapping.ts';
import { claimedSqlIds } from '../state/document-map-sql-ids.ts';
import { upkeepScope } from './upkeep-scope.ts';
import type { SyncEventListener } from './sync-events.ts';

/** What applying documents needs: where they come from and go, and how they map. */
export interface DocumentJob extends ChangeScope {
  source: DocumentSource;
  target: OpenDatabase;
  schema: TargetSchema;
  runId: string;
  partition: SourcePartition;
  transform: (doc: SourceDocument) => TransformOutcome;
  deleteMode: DeleteMode;
  /** The mapping's delete rule (rows of documents that now map elsewhere or are refused). */
  removeRows: SyncRules['removeRows'];
  /** The mapping's table write order. */
  tableOrder: readonly string[];
  /** The mapping's upkeep of rows some documents build for others, if it has one. */
  upkeep?: SyncUpkeep;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

export interface UpsertJob extends DocumentJob {
  batchSize: number;
  budget: ChangeBudget;
}

export interface UpsertResult {
  done: number;
  rejected: number;
  rows: number;
}

/** The last line of the file wins when a dump repeats an id (the same rule as a full read). */
function lastById(documents: readonly SourceDocument[]): SourceDocument[] {
  const byId = new Map<string, SourceDocument>();
  for (const doc of documents) byId.set(doc.id, doc);
  return [...byId.values()];
}

/** SQL ids a document had that its new outcome no longer writes (its SQL id changed, or it is rejected now). */
function orphanedSqlIds(pending: readonly PendingUpsert[], outcomes: ReadonlyMap<string, TransformOutcome>): string[] {
  const orphans = new Set<string>();
  for (const p of pending) {
    const outcome = outcomes.get(p.docId);
    if (outcome === undefined || p.known?.status !== 'loaded' || p.known.sqlId === null) continue;
    if (outcome.kind === 'rejected' || outcome.sqlId !== p.known.sqlId) orphans.add(p.known.sqlId);
  }
  return [...orphans];
}

/** Of these SQL ids, those another loaded document of the partition still maps to. */
function stillClaimed(job: DocumentJob, sqlIds: string[], docIds: string[]): Promise<Set<string>> {
  return claimedSqlIds(job.store.db, job.store.dialect, { pipelineId: job.pipelineId, partition: job.partition, sqlIds, exceptDocIds: docIds });
}

/**
 * Fetches documents by id and writes them: transformed with the run's context, committed through
 * `transformAndCommit` (rows, rejects and the document map with the new `_version`, in one transaction
 * when state and target share a database). Before that, rows a document no longer writes (a client
 * whose uuid changed, a document rejected now) are removed, and the mapping's upkeep runs around
 * the commit. Documents deleted since the sweep are skipped: the next sync sees them as deleted.
 */
export async function applyDocuments(job: DocumentJob, pending: readonly PendingUpsert[]): Promise<UpsertResult> {
  const result: UpsertResult = { done: 0, rejected: 0, rows: 0 };
  const documents = lastById(await job.source.fetch(job.partition, pending.map((p) => p.docId)));
  if (documents.length === 0) return result;
  const outcomes = new Map<string, TransformOutcome>(documents.map((doc) => [doc.id, job.transform(doc)]));
  const fetched = pending.filter((p) => outcomes.has(p.docId));
  const claimed = await stillClaimed(job, orphanedSqlIds(fetched, outcomes), documents.map((d) => d.id));
  const orphans = orphanedSqlIds(fetched, outcomes).filter((id) => !claimed.has(id));
  const accepted = [...outcomes.values()].filter((o): o is Accepted => o.kind === 'accepted');
  const sqlIds = [...new Set([...accepted.map((a) => a.sqlId), ...fetched.flatMap((p) => (p.known?.sqlId ? [p.known.sqlId] : []))])];
  const upkeep = job.upkeep === undefined ? null : await job.upkeep.before(upkeepScope(job), job.partition, 'upsert', sqlIds);
  const beforeCommit = upkeep?.beforeCommit;

  if (orphans.length > 0 || beforeCommit !== undefined) {
    result.rows += await withDatabaseRetries(() =>
      job.target.adapter.transaction(async (tx) => {
        const removed = await job.removeRows(tx, job.target.db, job.schema, job.partition, orphans, job.deleteMode, new Date());
        return removed + (beforeCommit === undefined ? 0 : await beforeCommit(tx, accepted));
      }),
    );
  }

  // The content hashes of version-less documents ride in the batch (encodeBatch).
  const batch = await transformAndCommit(
    { target: job.target, schema: job.schema, state: job.store, runId: job.runId, pipelineId: job.pipelineId, partition: job.partition, transform: (doc) => outcomes.get(doc.id)!, tableOrder: job.tableOrder },
    documents,
  );
  if (upkeep?.afterCommit !== undefined) result.rows += await upkeep.afterCommit();
  result.done += batch.read;
  result.rejected += batch.rejected;
  result.rows += batch.rows;
  job.onEvent?.({ type: 'applied', partition: job.partition, kind: 'upsert', documents: batch.read, rows: batch.rows });
  return result;
}

/**
 * Applies the new and changed documents of one partition, page by page in `doc_id` order (keyset
 * paging over the diff), until none are left or the budget is spent.
 */
export async function applyUpserts(job: UpsertJob): Promise<UpsertResult> {
  const result: UpsertResult = { done: 0, rejected: 0, rows: 0 };
  let after: string | null = null;
  for (;;) {
    job.signal?.throwIfAborted();
    const limit = Math.min(job.batchSize, job.budget.left());
    if (limit <= 0) break;
    const pending = await nextUpserts(job, job.partition, after, limit);
    if (pending.length === 0) break;
    after = pending[pending.length - 1]!.docId;
    job.budget.spend(pending.length);
    const applied = await applyDocuments(job, pending);
    result.done += applied.done;
    result.rejected += applied.rejected;
    result.rows += applied.rows;
  }
  return result;
}
