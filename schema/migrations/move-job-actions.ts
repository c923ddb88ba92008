import { sql } from 'kysely';
import { catalogColumn, type Catalog } from '../catalog/catalog.ts';
import { SchemaError } from '../schema-errors.ts';
import { inTransaction } from './in-transaction.ts';
import type { DataMove } from './migration.ts';
import { planJobActions, type JobActionsPlan, type LegacyJobRow } from './plan-job-actions.ts';

/** Refuses values the target's columns cannot hold, before anything is written. */
function checkWidths(plan: JobActionsPlan, catalog: Catalog): void {
  const rows = [
    ...plan.actions.map((a) => ({ table: 'actions', values: a.values as Record<string, unknown>, where: `job ${a.jobId}, job_actions entry ${a.position}` })),
    ...plan.links.map((l) => ({ table: 'job_actions', values: l as unknown as Record<string, unknown>, where: `job ${l.job_id}, job_actions entry ${l.position}` })),
  ];
  for (const { table, values, where } of rows) {
    for (const [name, value] of Object.entries(values)) {
      const length = catalogColumn(catalog, table, name)?.length;
      if (typeof value === 'string' && catalogColumn(catalog, table, name)?.type === 'varchar' && length !== undefined && value.length > length) {
        throw new SchemaError(
          `cannot move jobs.job_actions into rows: ${where} needs ${table}.${name} = "${value.slice(0, 80)}" (${value.length} characters) but the column holds ${length}; shorten it in jobs.job_actions, then rerun es2sql schema upgrade (the move wrote nothing)`,
        );
      }
    }
  }
}

/**
 * The contract-phase data move of alembic `a1b2c3d4e5f6`: every job's `job_actions` JSON becomes
 * ordered `job_actions` rows, creating actions for entries that name no existing action. Runs in one
 * transaction; ids are deterministic and only missing rows are written, so it can be rerun. The
 * migration drops `jobs.job_actions` afterwards.
 */
export const moveJobActionsJson: DataMove = {
  description: 'turn jobs.job_actions JSON into job_actions rows (and actions for inline entries)',
  isDone: async ({ catalog }) => catalogColumn(catalog, 'jobs', 'job_actions') === undefined,
  run: async (context) => {
    const { db } = context;
    const jobs = (await db.selectFrom('jobs').select(['id', 'project_id', 'user_id', 'job_actions']).orderBy('id').execute()) as LegacyJobRow[];
    const actionIds = new Set((await db.selectFrom('actions').select('id').execute()).map((r) => String(r.id)));
    const plan = planJobActions(jobs, actionIds);
    if (context.adapter.enforcesLengths) checkWidths(plan, context.catalog);
    const linkIds = new Set((await db.selectFrom('job_actions').select('id').execute()).map((r) => String(r.id)));
    const links = plan.links.filter((l) => !linkIds.has(l.id));
    await inTransaction(context, async (trx) => {
      for (const action of plan.actions) {
        const fromJob = (column: string) => sql`(select ${sql.ref(column)} from ${sql.table('jobs')} where ${sql.ref('id')} = ${action.jobId})`;
        await trx.insertInto('actions').values({ ...action.values, created_at: fromJob('created_at'), updated_at: fromJob('updated_at') }).execute();
      }
      for (const link of links) await trx.insertInto('job_actions').values({ ...link }).execute();
    });
    plan.warnings.forEach((line) => context.report(`warning: ${line}`));
    context.report(`moved jobs.job_actions of ${jobs.length} jobs: ${links.length} job_actions rows and ${plan.actions.length} actions written`);
  },
};
