import type { TargetSchema } from '../../schema/table-schema.ts';
import type { MappedDocument as Accepted, MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import { planBatch, type BatchPlan } from '../load/batch-plan.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { DocumentRecord, RejectRecord, StateStore } from '../state/state-store.ts';
import { toRejectRecord } from './reject-record.ts';
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
  /** The mapping's table write order (foreign-key safe); tables not listed come last. */
  tableOrder: readonly string[];
}

async function applyPlan(tx: LoadTransaction, plan: BatchPlan): Promise<void> {
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
  for (const doc of documents) {
    const outcome = context.transform(doc);
    for (const finding of outcome.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
    if (outcome.kind === 'accepted') {
      accepted.push(outcome);
      records.push({ partition, docId: doc.id, sqlId: outcome.sqlId, version: doc.version, status: 'loaded' });
    } else {
      rejects.push(toRejectRecord(partition, doc, outcome));
      records.push({ partition, docId: doc.id, sqlId: null, version: doc.version, status: 'rejected' });
    }
  }
  const plan = planBatch(accepted, context.schema, context.tableOrder);
  const result: BatchResult = { read: documents.length, migrated: accepted.length, rejected: rejects.length, rows: plan.rowCount, findings, accepted };
  const writeState = async (tx: LoadTransaction) => {
    await state.writeRejects(tx, context.pipelineId, context.runId, rejects);
    await state.clearRejects(tx, context.pipelineId, partition, accepted.map((a) => a.docId));
    await state.writeDocuments(tx, context.pipelineId, records);
    await extraState?.(tx, result);
  };
  await inStateAndTarget(target, state, (tx) => applyPlan(tx, plan), writeState);
  return result;
}
