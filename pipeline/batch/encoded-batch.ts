import type { EncodedWrite } from '../load/encoded-write.ts';

/** Child rows to clear before a batch's writes (a job's links are replaced as a set). */
export interface ChildDelete {
  table: string;
  column: string;
  values: string[];
  /** Only rows with these values in these columns too (a parent keyed by two columns). */
  where?: { column: string; value: string }[];
}

/**
 * One page of documents, transformed and encoded for the target and the state database: what a
 * commit needs and nothing more (no document objects, no row objects), so it is cheap to hold while
 * the previous batch commits and cheap to pass from a worker thread. Plain data.
 */
export interface EncodedBatch {
  /** Documents in the page. */
  read: number;
  migrated: number;
  rejected: number;
  /** Rows written in the target's tables. */
  rows: number;
  /** Finding code → documents it applied to. */
  findings: Record<string, number>;
  /** Target: child rows to clear first, then the table writes in foreign-key order. */
  deletes: ChildDelete[];
  writes: EncodedWrite[];
  /** State database: rejects, then (after {@link clearRejectIds}) the document map and content hashes. */
  rejectWrites: EncodedWrite[];
  stateWrites: EncodedWrite[];
  /** Migrated documents whose earlier rejects are forgotten. */
  clearRejectIds: string[];
  /** Documents whose rejects {@link rejectWrites} records (run-rejects.ts learns them before the commit). */
  rejectIds: string[];
  /**
   * SQL ids of copies committed earlier in the run that lost to a copy in this page (the duplicate
   * rule): their rows are removed first, in the same transaction.
   */
  staleSqlIds: string[];
  /** The main thread's note of this page's copies (run-copies.ts), dropped once the page is committed. */
  copiesTicket?: number;
}
