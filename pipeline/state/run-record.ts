/** Commands that leave a run record in the state database. */
export type RunCommand = 'migrate' | 'sync' | 'validate' | 'verify' | 'cutover';
export type RunStatus = 'running' | 'completed' | 'failed';

/** One row of `es2sql_runs`. Times are ISO-8601 UTC text. */
export interface RunRecord {
  runId: string;
  /** Identifies the source index + target database pair the run works on. */
  pipelineId: string;
  command: RunCommand;
  status: RunStatus;
  /** Source and target as displayed (no passwords). */
  source: string;
  target: string;
  layout: string | null;
  /** Fixed per run: the `created_at` fallback, identical across resumes. */
  migrationTime: string;
  startedAt: string;
  finishedAt: string | null;
  /** Options of the run as JSON (never secrets). */
  options: string | null;
  /** Final RunStats as JSON. */
  stats: string | null;
  error: string | null;
}

/** One row of `es2sql_checkpoints`: how far one slice of one partition got. */
export interface CheckpointRecord {
  runId: string;
  partition: string;
  slice: number;
  slices: number;
  /** The source cursor (JSON text) to resume after; null before the first batch. */
  cursor: string | null;
  done: boolean;
  docsRead: number;
  rowsWritten: number;
  rejected: number;
  /** Finding code → count, cumulative for this slice (JSON text). */
  findings: string | null;
}
