import type { DocumentSource, SourcePartition } from '../source/document-source.ts';
import type { CheckpointRecord } from '../state/run-record.ts';
import { transformAndCommit, type BatchContext } from './transform-and-commit.ts';
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

export interface SliceJob extends BatchContext {
  source: DocumentSource;
  slice: number;
  slices: number;
  /** Where an earlier attempt stopped (undefined: start of the slice). */
  checkpoint: CheckpointRecord | undefined;
  pageSize: number;
  signal?: AbortSignal;
  onBatch?: (report: BatchReport) => void;
}

/** The sum of two code → count tallies, as a new object (a retried commit recomputes it from the same inputs). */
function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const sum = { ...a };
  for (const [code, count] of Object.entries(b)) sum[code] = (sum[code] ?? 0) + count;
  return sum;
}

/**
 * Loads one slice of one partition: pulls a page, and commits its rows together with the checkpoint
 * (the cursor after the page), so a rerun after a crash continues right after the last committed
 * page. Returns the final checkpoint.
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

  // No read-ahead: the other slices overlap reading with this one's commit, and a slice holds one
  // page, so memory and what a crash makes the rerun read again stay at one batch per slice.
  for await (const page of job.source.read(partition, slice, slices, cursor, { pageSize: job.pageSize, signal: job.signal, prefetch: false })) {
    let next = checkpoint;
    let merged = findings;
    const result = await transformAndCommit(job, page.documents, async (tx, batch) => {
      merged = addCounts(findings, batch.findings);
      next = {
        ...checkpoint,
        cursor: JSON.stringify(page.cursor),
        docsRead: checkpoint.docsRead + batch.read,
        rowsWritten: checkpoint.rowsWritten + batch.rows,
        rejected: checkpoint.rejected + batch.rejected,
        findings: JSON.stringify(merged),
      };
      await state.writeCheckpoint(tx, next);
    });
    checkpoint = next;
    findings = merged;
    job.onBatch?.({ partition, slice, read: result.read, migrated: result.migrated, rejected: result.rejected, rows: result.rows, findings: result.findings });
    if (job.signal?.aborted) return checkpoint;
  }
  checkpoint = { ...checkpoint, done: true };
  const done = checkpoint;
  await withDatabaseRetries(() => state.adapter.transaction((tx) => state.writeCheckpoint(tx, done)));
  return checkpoint;
}
