import type { TargetSchema } from '../../schema/table-schema.ts';
import type { MappedDocument as Accepted, MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { StateStore } from '../state/state-store.ts';
import { commitEncodedBatch } from './commit-encoded-batch.ts';
import { encodeBatch } from './encode-batch.ts';

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

/**
 * Transforms a batch of documents ({@link encodeBatch}) and commits their rows together with the
 * bookkeeping that goes with them ({@link commitEncodedBatch}): the path of sync and of callers that
 * hold documents rather than a source slice.
 */
export async function transformAndCommit(
  context: BatchContext,
  documents: readonly SourceDocument[],
  extraState?: (tx: LoadTransaction, result: BatchResult) => Promise<void>,
): Promise<BatchResult> {
  const { batch, accepted } = encodeBatch(documents, {
    partition: context.partition,
    pipelineId: context.pipelineId,
    runId: context.runId,
    schema: context.schema,
    transform: context.transform,
    tableOrder: context.tableOrder,
    target: context.target.adapter.encoder,
    state: context.state.adapter.encoder,
  });
  const result: BatchResult = { read: batch.read, migrated: batch.migrated, rejected: batch.rejected, rows: batch.rows, findings: batch.findings, accepted };
  await commitEncodedBatch(context, batch, extraState && ((tx) => extraState(tx, result)));
  return result;
}
