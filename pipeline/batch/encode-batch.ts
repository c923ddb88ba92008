import type { TargetSchema } from '../../schema/table-schema.ts';
import type { MappedDocument as Accepted, MappingOutcome as TransformOutcome } from '../mapping/mapping.ts';
import { planBatch, type BatchPlan } from '../load/batch-plan.ts';
import type { RowEncoder } from '../load/row-encoder.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { contentHashesWrite, documentsWrite, rejectsWrite, type DocumentRecord, type RejectRecord } from '../state/state-writes.ts';
import { contentHash } from '../sync/content-hash.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import { toRejectRecord } from './reject-record.ts';
import { resolveWithinPage, type ResolvedItems } from './resolve-duplicates.ts';

/** What {@link encodeBatch} needs besides the documents: all of it decided once per slice. */
export interface BatchEncoding {
  partition: string;
  pipelineId: string;
  runId: string;
  schema: TargetSchema;
  transform: (doc: SourceDocument) => TransformOutcome;
  /** The mapping's table write order (foreign-key safe); tables not listed come last. */
  tableOrder: readonly string[];
  /** Encoders of the target and of the state database (the same dialect when they are one). */
  target: RowEncoder;
  state: RowEncoder;
  /**
   * Apply the duplicate rule within each page (migrate; resolve-duplicates.ts): copies of one `_id`
   * or SQL id but the winner become `duplicate_document` rejects. Unset: sync, which keeps the
   * winning copy its own way.
   */
  duplicates?: boolean;
}

/** A page's documents through their transforms and the in-page duplicate rule, not yet tallied. */
export interface ItemsPage extends ResolvedItems {
  /** Documents in the page (all copies). */
  read: number;
}

/** A page after its transforms: what becomes rows, and the bookkeeping records. */
export interface TransformedPage {
  read: number;
  accepted: Accepted[];
  rejects: RejectRecord[];
  records: DocumentRecord[];
  /** `[doc id, content hash]` of documents without `_version`. */
  hashes: [string, string][];
  findings: Record<string, number>;
  /** SQL ids of copies committed earlier whose rows go (the duplicate rule). */
  staleSqlIds: string[];
}

/** An encoded batch, and the accepted outcomes for callers that look at them (sync's upkeep). */
export interface EncodedBatchWithOutcomes {
  batch: EncodedBatch;
  accepted: Accepted[];
}

/** Step 1a: every document through the transform, then the duplicate rule within the page when asked. */
export function transformItems(documents: readonly SourceDocument[], encoding: BatchEncoding): ItemsPage {
  const items = documents.map((doc) => ({ doc, outcome: encoding.transform(doc) }));
  const resolved = encoding.duplicates ? resolveWithinPage(encoding.partition, items) : { items, rejects: [], records: [], staleSqlIds: [] };
  return { read: documents.length, ...resolved };
}

/** Step 1b: findings counted, rejects and the document map recorded for the documents kept. */
export function tallyItems(items: ItemsPage, encoding: BatchEncoding): TransformedPage {
  const { partition } = encoding;
  const page: TransformedPage = { read: items.read, accepted: [], rejects: [...items.rejects], records: [...items.records], hashes: [], findings: {}, staleSqlIds: items.staleSqlIds };
  const { findings } = page;
  for (const { doc, outcome, hash } of items.items) {
    for (const finding of outcome.findings) findings[finding.code] = (findings[finding.code] ?? 0) + 1;
    if (outcome.kind === 'accepted') {
      page.accepted.push(outcome);
      page.records.push({ partition, docId: doc.id, sqlId: outcome.sqlId, version: doc.version, status: 'loaded' });
    } else {
      page.rejects.push(toRejectRecord(partition, doc, outcome));
      page.records.push({ partition, docId: doc.id, sqlId: null, version: doc.version, status: 'rejected' });
    }
    if (doc.version === null) page.hashes.push([doc.id, hash ?? contentHash(doc)]);
  }
  return page;
}

/** Step 1 (1a and 1b): every document through the transform; findings counted, rejects and the document map recorded. */
export function transformPage(documents: readonly SourceDocument[], encoding: BatchEncoding): TransformedPage {
  return tallyItems(transformItems(documents, encoding), encoding);
}

/** Step 3: the state database's writes of a page (rejects apart: they go before the reject clean-up). */
export function encodeBookkeeping(page: TransformedPage, encoding: BatchEncoding, at: string): Pick<EncodedBatch, 'rejectWrites' | 'stateWrites' | 'clearRejectIds' | 'rejectIds'> {
  const { pipelineId, partition, state } = encoding;
  const stateWrites = page.records.length > 0 ? [state.encode(documentsWrite(pipelineId, page.records, at))] : [];
  if (page.hashes.length > 0) stateWrites.push(state.encode(contentHashesWrite(pipelineId, partition, page.hashes)));
  return {
    rejectWrites: page.rejects.length > 0 ? [state.encode(rejectsWrite(pipelineId, encoding.runId, page.rejects, at))] : [],
    stateWrites,
    clearRejectIds: page.accepted.map((a) => a.docId),
    rejectIds: page.rejects.map((r) => r.docId),
  };
}

/** Steps 2 and 3 together: the planned target writes encoded, plus the bookkeeping. */
export function encodeTransformed(page: TransformedPage, plan: BatchPlan, encoding: BatchEncoding): EncodedBatch {
  return {
    read: page.read,
    migrated: page.accepted.length,
    rejected: page.rejects.length,
    rows: plan.rowCount,
    findings: page.findings,
    deletes: plan.deletes,
    writes: plan.writes.map((write) => encoding.target.encode(write)),
    staleSqlIds: page.staleSqlIds,
    ...encodeBookkeeping(page, encoding, new Date().toISOString()),
  };
}

/**
 * Transforms a page of documents and encodes everything its commit writes, synchronously: the
 * documents, outcomes and rows are garbage as soon as this returns (they die young, which keeps the
 * collector cheap), and only the encoded text is held across the commit. Documents without a
 * `_version` (files dumped without one) also get their content hash, the change key the next sync
 * compares against.
 */
export function encodeBatch(documents: readonly SourceDocument[], encoding: BatchEncoding): EncodedBatchWithOutcomes {
  const page = transformPage(documents, encoding);
  const batch = encodeTransformed(page, planBatch(page.accepted, encoding.schema, encoding.tableOrder), encoding);
  return { batch, accepted: page.accepted };
}
