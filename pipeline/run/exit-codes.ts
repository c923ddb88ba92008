/**
 * Process exit codes of every es2sql command, documented in the README. Scripts rely on them:
 * `until es2sql sync --max-count 1000; do :; done` loops while 1 (work remains) comes back.
 */
export const EXIT_CODES = {
  /** Done: clean migration, nothing would be rejected, SQL matches ES, in step. */
  ok: 0,
  /** `sync --max-count`: changes remain; run it again. */
  workRemains: 1,
  /** The command failed (unreachable host, credentials, schema mismatch, …). A rerun resumes. */
  error: 2,
  /** Finished, but documents were (or, for validate, would be) rejected; see the rejects/report. */
  rejects: 3,
  /** verify found differences between ES and SQL; cutover refused. */
  differences: 4,
  /** Invalid flags or flag combination. */
  usage: 64,
  /** Interrupted (Ctrl-C); rerun the same command to resume from the last checkpoint. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];
