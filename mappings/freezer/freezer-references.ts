import type { ReferenceRule } from '../../pipeline/mapping/mapping.ts';
import { targetCapabilities } from '../../transforms/target-capabilities.ts';

/**
 * The references validate checks across a Freezer source: a job's client (by `client_id` within
 * the job's project, NULL matching NULL, as freezer-api's lookup does) and session, a layout-B
 * job's action links, and a backup's job.
 */
export const FREEZER_REFERENCES: readonly ReferenceRule[] = [
  {
    kind: 'job_client',
    from: { table: 'jobs', column: 'client_id', scopeColumn: 'project_id' },
    to: { table: 'clients', column: 'client_id', scopeColumn: 'project_id' },
    entity: 'jobs',
    describe: (schema) =>
      targetCapabilities(schema).headValidation
        ? {
            description: "job's client_id names no client registered in the job's project: freezer-api HEAD refuses every update, start, stop and abort of the job (422) until the client registers",
            severity: 'warning',
          }
        : { description: "job's client_id names no client registered in the job's project: legal in SQL (ES never cascaded), the scheduler of that client will never pick the job up", severity: 'info' },
  },
  {
    kind: 'job_session',
    from: { table: 'jobs', column: 'session_id' },
    to: { table: 'sessions', column: 'id' },
    entity: 'jobs',
    describe: () => ({ description: "job's session_id names no session: legal in SQL (no foreign key), the session is gone", severity: 'info' }),
  },
  {
    kind: 'job_action_link',
    from: { table: 'job_actions', column: 'action_id' },
    to: { table: 'actions', column: 'id' },
    skipEmpty: false,
    entity: 'jobs',
    describe(schema) {
      // es2sql's own connections enforce foreign keys on every dialect (node:sqlite turns them on), unlike freezer-api's SQLite.
      const enforced = (schema.tables.job_actions?.foreignKeys ?? []).some((fk) => fk.columns.includes('action_id'));
      return enforced
        ? { description: 'job_actions link to an action no document creates: the foreign key job_actions.action_id → actions.id refuses the batch, so migrate stops', severity: 'blocking' }
        : { description: 'job_actions link to an action no document creates: freezer-api skips the entry on read', severity: 'warning' };
    },
  },
  {
    kind: 'backup_job',
    from: { table: 'backups', column: 'job_id' },
    to: { table: 'jobs', column: 'id' },
    entity: 'backups',
    describe: () => ({ description: "backup's job_id names no job: legal (ES never cascaded deletes), the API never returns backups.job_id", severity: 'info' }),
  },
];
