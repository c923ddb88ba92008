/**
 * Errors of `sync` and `cutover`. Every message is one line that says what happened and what to do
 * next; the command layer prints it as is and picks the exit code from the class.
 */
export class SyncError extends Error {
  override name = 'SyncError';
}

/** The options are wrong (nothing was touched). */
export class SyncUsageError extends SyncError {
  override name = 'SyncUsageError';
}

/** Another process holds the pipeline's lock (and the caller did not ask to wait, or waited in vain). */
export class LockHeldError extends SyncError {
  override name = 'LockHeldError';
  readonly holder: string;
  readonly since: string;

  constructor(message: string, holder: string, since: string) {
    super(message);
    this.holder = holder;
    this.since = since;
  }
}

/** This process lost its lock (its heartbeat stopped long enough for another process to take over). */
export class LockLostError extends SyncError {
  override name = 'LockLostError';
}

/** The pipeline was cut over to SQL: freezer-api writes there now, syncing from ES would overwrite it. */
export class AlreadyCutOverError extends SyncError {
  override name = 'AlreadyCutOverError';
  readonly cutOverAt: string;

  constructor(message: string, cutOverAt: string) {
    super(message);
    this.cutOverAt = cutOverAt;
  }
}

/** No completed `migrate` run for this source and target: there is no baseline to sync from. */
export class NoBaselineError extends SyncError {
  override name = 'NoBaselineError';
}

/** The sweep did not see every document (ES error, shard failure, abort): no delete was applied. */
export class SweepIncompleteError extends SyncError {
  override name = 'SweepIncompleteError';
}

/** `cutover` refused: the final sync left work, or `verify` found differences. */
export class CutoverRefusedError extends SyncError {
  override name = 'CutoverRefusedError';
}

/** Errors that will not go away by running the same command again (a loop should stop on them). */
export function isRefusal(error: unknown): boolean {
  return error instanceof AlreadyCutOverError || error instanceof NoBaselineError || error instanceof CutoverRefusedError;
}
