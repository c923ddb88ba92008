import type { RunRecord } from '../../pipeline/state/run-record.ts';

/** One run as `status` shows it (stats parsed; secrets never stored, so nothing to hide). */
export interface StatusRun extends Omit<RunRecord, 'stats' | 'options'> {
  stats: Record<string, unknown> | null;
  options: Record<string, unknown> | null;
}

/** How far one partition of a run got, summed over its slices' checkpoints. */
export interface StatusPartition {
  entity: string;
  slicesDone: number;
  slices: number;
  docsRead: number;
  rowsWritten: number;
  rejected: number;
}

/** Per source index + target pair: rejects, last sync, cutover. */
export interface StatusPipeline {
  pipelineId: string;
  source: string;
  target: string;
  rejects: Array<{ entity: string; reason: string; count: number }>;
  /** The newest sync run: when, how it ended, lag and changes left. */
  lastSync: { runId: string; status: string; finishedAt: string | null; lagMs: number | null; remaining: number | null; workRemains: boolean | null } | null;
  cutover: { runId: string; cutOverAt: string } | null;
}

/** What `es2sql status` reads from the state database (and prints, or returns as JSON). */
export interface StatusReport {
  stateDatabase: string;
  /** Newest first. */
  runs: StatusRun[];
  /** Checkpoints of the newest unfinished migrate run, else of the newest migrate run. */
  checkpoints: { runId: string; status: string; partitions: StatusPartition[] } | null;
  pipelines: StatusPipeline[];
}
