import type { SourcePartition } from '../source/document-source.ts';
import type { CheckpointRecord } from '../state/run-record.ts';
import { commitEncodedBatch, type CommitDestination } from './commit-encoded-batch.ts';
import type { EncodedBatch } from './encoded-batch.ts';
import type { EncodedPage, SliceRead } from './encoded-pages.ts';
import type { RunRejects } from './run-rejects.ts';
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

export interface SliceJob extends CommitDestination {
  runId: string;
  partition: SourcePartition;
  slice: number;
  slices: number;
  /** Where an earlier attempt stopped (undefined: start of the slice). */
  checkpoint: CheckpointRecord | undefined;
  pageSize: number;
  /** The slice's encoded pages: read and encoded in this thread, or by a worker thread. */
  pages: (read: SliceRead) => AsyncGenerator<EncodedPage>;
  signal?: AbortSignal;
  onBatch?: (report: BatchReport) => void;
  /** Set when this process is the run's only writer: which migrated documents may have a reject to forget. */
  rejects?: RunRejects;
  /** A batch's commit is about to read the reject table for some of its migrated documents (statistics-during-load.ts). */
  beforeRejectLookup?: () => void;
  /** A page's batch is committed (the duplicate rule's held copies are in the document map now). */
  onCommitted?: (batch: EncodedBatch) => void;
}

/** The sum of two code → count tallies, as a new object (a retried commit recomputes it from the same inputs). */
function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [code, count] of Object.entries(b)) sum[code] = (sum[code] ?? 0) + count;
  return sum;
}

/**
 * Loads one slice of one partition: takes its encoded pages, and commits each page's rows together
 * with the checkpoint (the cursor after the page), so a rerun after a crash continues right after
 * the last committed page. Returns the final checkpoint.
 */
export async function loadSlice(job: SliceJob): Promise<CheckpointRecord> {
  const { state, partition, slice, slices } = job;
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
  let findings: Record<string, number> = checkpoint.findings ? JSON.parse(checkpoint.findings) : {};
  const cursor = checkpoint.cursor === null ? null : JSON.parse(checkpoint.cursor);

  for await (const page of job.pages({ partition, slice, slices, cursor, pageSize: job.pageSize, signal: job.signal })) {
    const batch = job.rejects === undefined ? page.batch : { ...page.batch, clearRejectIds: job.rejects.toClear(partition, page.batch) };
    if (batch.clearRejectIds.length > 0) job.beforeRejectLookup?.();
    const merged = addCounts(findings, batch.findings);
    const next: CheckpointRecord = {
      ...checkpoint,
      cursor: JSON.stringify(page.cursor),
      docsRead: checkpoint.docsRead + batch.read,
      rowsWritten: checkpoint.rowsWritten + batch.rows,
      rejected: checkpoint.rejected + batch.rejected,
      findings: JSON.stringify(merged),
    };
    await commitEncodedBatch(job, batch, (tx) => state.writeCheckpoint(tx, next));
    job.onCommitted?.(batch);
    checkpoint = next;
    findings = merged;
    job.onBatch?.({ partition, slice, read: batch.read, migrated: batch.migrated, rejected: batch.rejected, rows: batch.rows, findings: batch.findings });
    if (job.signal?.aborted) return checkpoint;
  }
  checkpoint = { ...checkpoint, done: true };
  const done = checkpoint;
  await withDatabaseRetries(() => state.adapter.transaction((tx) => state.writeCheckpoint(tx, done)));
  return checkpoint;
}
