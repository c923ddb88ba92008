import { derivedId } from '../../core/derived-id.ts';

/**
 * Ids of the rows the job_actions data move invents. They are the ids the transforms give the same
 * rows when loading Elasticsearch documents straight into layout B head (docs/dirty-data.md), so a
 * database loaded as layout A and upgraded by es2sql holds the same ids as one loaded as B, and a
 * rerun writes identical rows.
 */

/** Id of the `job_actions` row linking a job's entry at `position` (0-based) to its action. */
export function jobActionLinkId(jobId: string, position: number): string {
  return derivedId('job_actions', jobId, String(position));
}

/** Id of the action created for a job entry that carries no `action_id`. */
export function inlineActionId(jobId: string, position: number): string {
  return derivedId('job_actions.action', jobId, String(position));
}
