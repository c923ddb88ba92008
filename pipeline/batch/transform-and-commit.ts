import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Accepted, TransformOutcome } from '../../transforms/transform-result.ts';
import { planBatch, type BatchPlan } from '../load/batch-plan.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { DocumentRecord, RejectRecord, StateStore } from '../state/state-store.ts';
import { contentHash } from '../sync/content-hash.ts';
import { removeEntityRows } from '../sync/remove-entity-rows.ts';
import { toRejectRecord } from './reject-record.ts';
import { resolveDuplicates, type BatchItem } from './resolve-duplicates.ts';
import { inStateAndTarget } from './state-and-target.ts';

/** What one committed batch did. */
export interface BatchResult {
  read: number;
  migrated: number;
  rejected: number;
  /** Rows written in all tables. */
  rows: number;
  /** Finding code → documents it applied to in this batch. */
  findings: Record<string, number>;
  /** ES id → SQL id of the documents migrated. */
  accepted: Accepted[];
}

export interface BatchContext {
  target: OpenDatabase;
  schema: TargetSchema;
  state: StateStore;
  runId: string;
  pipelineId: string;
  partition: SourcePartition;
  transform: (doc: SourceDocument) => TransformOutcome;
  /**
   * A migrate: apply the duplicate rule (resolve-duplicates.ts) against this run's earlier batches
   * since this time (the run's start), and record the content hash of documents without `_version`
   * (what the next sync compares against). Unset (sync, which does both its own way).
   */
  duplicatesSince?: string;
}

async function applyPlan(tx: LoadTransaction, plan: BatchPlan, context: BatchContext, staleSqlIds: readonly string[]): Promise<void> {
  // Rows of earlier copies that lost to a copy in this batch (duplicate rule) go first.
  if (staleSqlIds.length > 0) await removeEntityRows(tx, context.target.db, context.schema, context.partition, staleSqlIds, 'hard', new Date());
  for (const del of plan.deletes) await tx.deleteWhereIn(del.table, del.column, del.values);
  for (const write of plan.writes) await tx.write(write);
}

/**
 * Transforms a batch of documents and commits their rows together with the bookkeeping that goes
 * with them (rejects, the document map, and whatever `extraState` adds — a checkpoint). When the
 * state tables live in the target database this is ONE transaction; otherwise the target commits
 * first and the state second, so a crash in between replays one idempotent batch.
 */
export async function transformAndCommit(
  context: BatchContext,
  documents: readonly SourceDocument[],
  extraState?: (tx: LoadTransaction, result: BatchResult) => Promise<void>,
): Promise<BatchResult> {
  const { state, target, partition } = context;
  const accepted: Accepted[] = [];
  const rejects: RejectRecord[] = [];
  const records: DocumentRecord[] = [];
  const findings: Record<string, number> = {};
  let items: BatchItem[] = documents.map((doc) => ({ doc, outcome: context.transform(doc) }));
  let staleSqlIds: string[] = [];
  if (context.duplicatesSince !== undefined) {
    const resolved = await resolveDuplicates(state, context.pipelineId, partition, context.duplicatesSince, items);
    items = resolved.items;
    rejects.push(...resolved.rejects);
    records.push(...resolved.records);
    staleSqlIds = resolved.staleSqlIds;
  }
  for (const { doc, outcome } of items) {
    for (const finding of outcome.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
    if (outcome.kind === 'accepted') {
      accepted.push(outcome);
      records.push({ partition, docId: doc.id, sqlId: outcome.sqlId, version: doc.version, status: 'loaded' });
    } else {
      rejects.push(toRejectRecord(partition, doc, outcome));
      records.push({ partition, docId: doc.id, sqlId: null, version: doc.version, status: 'rejected' });
    }
  }
  // What the next sync compares a document without `_version` against (NDJSON dumps): its content hash.
  const hashes = context.duplicatesSince === undefined ? [] : items.filter(({ doc }) => doc.version === null).map(({ doc }) => [context.pipelineId, partition, doc.id, contentHash(doc)]);
  const plan = planBatch(accepted, context.schema);
  const result: BatchResult = { read: documents.length, migrated: accepted.length, rejected: rejects.length, rows: plan.rowCount, findings, accepted };
  const writeState = async (tx: LoadTransaction) => {
    await state.writeRejects(tx, context.pipelineId, context.runId, rejects);
    await state.clearRejects(tx, context.pipelineId, partition, accepted.map((a) => a.docId));
    await state.writeDocuments(tx, context.pipelineId, records);
    if (hashes.length > 0) await tx.write({ table: 'es2sql_content_hashes', columns: ['pipeline_id', 'source_partition', 'doc_id', 'content_hash'], rows: hashes, primaryKey: ['pipeline_id', 'source_partition', 'doc_id'], mode: 'upsert' });
    await extraState?.(tx, result);
  };
  await inStateAndTarget(target, state, (tx) => applyPlan(tx, plan, context, staleSqlIds), writeState);
  return result;
}
