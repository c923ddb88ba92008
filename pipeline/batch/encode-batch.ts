import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Accepted, TransformOutcome } from '../../transforms/transform-result.ts';
import { planBatch } from '../load/batch-plan.ts';
import type { RowEncoder } from '../load/row-encoder.ts';
import type { SourceDocument } from '../source/source-document.ts';
import { contentHashesWrite, documentsWrite, rejectsWrite, type DocumentRecord, type RejectRecord } from '../state/state-writes.ts';
import { contentHash } from '../sync/content-hash.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { toRejectRecord } from '../run/reject-record.ts';

/** What {@link encodeBatch} needs besides the documents: all of it decided once per slice. */
export interface BatchEncoding {
  partition: string;
  pipelineId: string;
  runId: string;
  schema: TargetSchema;
  transform: (doc: SourceDocument) => TransformOutcome;
  /** Encoders of the target and of the state database (the same dialect when they are one). */
  target: RowEncoder;
  state: RowEncoder;
}

/** An encoded batch, and the accepted outcomes for callers that look at them (sync's upkeep). */
export interface EncodedBatchWithOutcomes {
  batch: EncodedBatch;
  accepted: Accepted[];
}

/**
 * Transforms a page of documents and encodes everything its commit writes, synchronously: the
 * documents, outcomes and rows are garbage as soon as this returns (they die young, which keeps the
 * collector cheap), and only the encoded text is held across the commit. Documents without a
 * `_version` (files dumped without one) also get their content hash, the change key the next sync
 * compares against.
 */
export function encodeBatch(documents: readonly SourceDocument[], encoding: BatchEncoding): EncodedBatchWithOutcomes {
  const { partition, pipelineId } = encoding;
  const accepted: Accepted[] = [];
  const rejects: RejectRecord[] = [];
  const records: DocumentRecord[] = [];
  const hashes: [string, string][] = [];
  const findings: Record<string, number> = {};
  for (const doc of documents) {
    const outcome = encoding.transform(doc);
    for (const finding of outcome.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
    if (outcome.kind === 'accepted') {
      accepted.push(outcome);
      records.push({ partition, docId: doc.id, sqlId: outcome.sqlId, version: doc.version, status: 'loaded' });
    } else {
      rejects.push(toRejectRecord(partition, doc, outcome));
      records.push({ partition, docId: doc.id, sqlId: null, version: doc.version, status: 'rejected' });
    }
    if (doc.version === null) hashes.push([doc.id, contentHash(doc)]);
  }
  const plan = planBatch(accepted, encoding.schema);
  const at = new Date().toISOString();
  const stateWrites = [encoding.state.encode(documentsWrite(pipelineId, records, at))];
  if (hashes.length > 0) stateWrites.push(encoding.state.encode(contentHashesWrite(pipelineId, partition, hashes)));
  const batch: EncodedBatch = {
    read: documents.length,
    migrated: accepted.length,
    rejected: rejects.length,
    rows: plan.rowCount,
    findings,
    deletes: plan.deletes,
    writes: plan.writes.map((write) => encoding.target.encode(write)),
    rejectWrites: rejects.length > 0 ? [encoding.state.encode(rejectsWrite(pipelineId, encoding.runId, rejects, at))] : [],
    stateWrites: records.length > 0 ? stateWrites : [],
    clearRejectIds: accepted.map((a) => a.docId),
  };
  return { batch, accepted };
}
