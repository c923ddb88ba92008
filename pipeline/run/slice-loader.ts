import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Accepted, TransformOutcome } from '../../transforms/transform-result.ts';
import { planBatch, type BatchPlan } from '../load/batch-plan.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import type { SourceDocument } from '../source/source-document.ts';
import type { CheckpointRecord } from '../state/run-record.ts';
import type { DocumentRecord, RejectRecord, StateStore } from '../state/state-store.ts';
import { toRejectRecord } from './reject-record.ts';
import { withDatabaseRetries } from './transient-database-error.ts';

/** What one committed batch contributed, for stats and progress. */
export interface BatchReport {
  partition: SourcePartition;
  slice: number;
  read: number;
  migrated: number;
  rejected: number;
  rows: number;
  findings: Record<string, number>;
}

export interface SliceJob {
  source: DocumentSource;
  target: OpenDatabase;
  schema: TargetSchema;
  state: StateStore;
  runId: string;
  pipelineId: string;
  partition: SourcePartition;
  slice: number;
  slices: number;
  /** Where an earlier attempt stopped (undefined: start of the slice). */
  checkpoint: CheckpointRecord | undefined;
  pageSize: number;
  transform: (doc: SourceDocument) => TransformOutcome;
  signal?: AbortSignal;
  onBatch?: (report: BatchReport) => void;
}

async function applyPlan(tx: LoadTransaction, plan: BatchPlan): Promise<void> {
  for (const del of plan.deletes) await tx.deleteWhereIn(del.table, del.column, del.values);
  for (const write of plan.writes) await tx.write(write);
}

/**
 * Loads one slice of one partition: pulls a page, transforms it, and commits the rows together with
 * the checkpoint (cursor after the page) — in one transaction when the state tables live in the
 * target database, else target first and state second (a crash between the two replays one
 * idempotent batch). Returns the final checkpoint.
 */
export async function loadSlice(job: SliceJob): Promise<CheckpointRecord> {
  const { state, target, partition, slice, slices } = job;
  let checkpoint: CheckpointRecord = job.checkpoint ?? {
    runId: job.runId,
    partition,
    slice,
    slices,
    cursor: null,
    done: false,
    docsRead: 0,
    rowsWritten: 0,
    rejected: 0,
    findings: null,
  };
  if (checkpoint.done) return checkpoint;
  const findings: Record<string, number> = checkpoint.findings ? JSON.parse(checkpoint.findings) : {};
  const cursor = checkpoint.cursor === null ? null : JSON.parse(checkpoint.cursor);

  for await (const page of job.source.read(partition, slice, slices, cursor, { pageSize: job.pageSize, signal: job.signal })) {
    const accepted: Accepted[] = [];
    const rejects: RejectRecord[] = [];
    const documents: DocumentRecord[] = [];
    const batchFindings: Record<string, number> = {};
    for (const doc of page.documents) {
      const outcome = job.transform(doc);
      for (const finding of outcome.findings) batchFindings[finding.code] = (batchFindings[finding.code] ?? 0) + 1;
      if (outcome.kind === 'accepted') {
        accepted.push(outcome);
        documents.push({ partition, docId: doc.id, sqlId: outcome.sqlId, version: doc.version, status: 'loaded' });
      } else {
        rejects.push(toRejectRecord(partition, doc, outcome));
        documents.push({ partition, docId: doc.id, sqlId: null, version: doc.version, status: 'rejected' });
      }
    }
    const plan = planBatch(accepted, job.schema);
    for (const [code, count] of Object.entries(batchFindings)) findings[code] = (findings[code] ?? 0) + count;
    const next: CheckpointRecord = {
      ...checkpoint,
      cursor: JSON.stringify(page.cursor),
      docsRead: checkpoint.docsRead + page.documents.length,
      rowsWritten: checkpoint.rowsWritten + plan.rowCount,
      rejected: checkpoint.rejected + rejects.length,
      findings: JSON.stringify(findings),
    };
    const writeState = async (tx: LoadTransaction) => {
      await state.writeRejects(tx, job.pipelineId, job.runId, rejects);
      await state.clearRejects(tx, job.pipelineId, partition, accepted.map((a) => a.docId));
      await state.writeDocuments(tx, job.pipelineId, documents);
      await state.writeCheckpoint(tx, next);
    };
    if (state.sharedWithTarget) {
      await withDatabaseRetries(() =>
        target.adapter.transaction(async (tx) => {
          await applyPlan(tx, plan);
          await writeState(tx);
        }),
      );
    } else {
      await withDatabaseRetries(() => target.adapter.transaction((tx) => applyPlan(tx, plan)));
      await withDatabaseRetries(() => state.adapter.transaction(writeState));
    }
    checkpoint = next;
    job.onBatch?.({
      partition,
      slice,
      read: page.documents.length,
      migrated: accepted.length,
      rejected: rejects.length,
      rows: plan.rowCount,
      findings: batchFindings,
    });
    if (job.signal?.aborted) return checkpoint;
  }
  checkpoint = { ...checkpoint, done: true };
  const done = checkpoint;
  await withDatabaseRetries(() => state.adapter.transaction((tx) => state.writeCheckpoint(tx, done)));
  return checkpoint;
}
