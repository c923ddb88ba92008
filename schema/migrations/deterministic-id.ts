import { createHash } from 'node:crypto';

/**
 * A 32-hex-character id (the shape of freezer-api's `uuid4().hex`) derived from its inputs, so a
 * rerun of a data move, or a loader writing the same document again, produces the same row.
 */
export function deterministicId(kind: string, ...parts: string[]): string {
  return createHash('sha256').update(['es2sql', kind, ...parts].join('\u0000')).digest('hex').slice(0, 32);
}

/** Id of the `job_actions` row linking a job's entry at `position` (0-based) to its action. */
export function jobActionLinkId(jobId: string, position: number): string {
  return deterministicId('job_actions', jobId, String(position));
}

/** Id of the action created for a job entry that carries no `action_id`. */
export function inlineActionId(jobId: string, position: number): string {
  return deterministicId('actions', jobId, String(position));
}
