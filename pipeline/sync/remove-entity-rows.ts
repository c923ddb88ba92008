import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { isEntity, type Entity } from '../../transforms/entity.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { LoadTransaction } from '../load/load-adapter.ts';
import { datetimeText, toDriverValue } from '../load/sql-values.ts';

/** `soft`: set `deleted`, `deleted_at` as freezer-api's delete_* do; `hard`: DELETE the rows. */
export type DeleteMode = 'soft' | 'hard';

/**
 * Rows that go with an entity's own row when freezer-api deletes it (HEAD's `delete_action` and
 * `delete_job`), children first: an action takes its `action_reports` row and the `job_actions`
 * links naming it; a job its links and its `user_credentials` row. Tables the target lacks are skipped.
 */
const OWNED_ROWS: Readonly<Record<Entity, readonly { table: string; column: string }[]>> = {
  clients: [],
  sessions: [],
  actions: [{ table: 'job_actions', column: 'action_id' }, { table: 'action_reports', column: 'id' }],
  jobs: [{ table: 'job_actions', column: 'job_id' }, { table: 'user_credentials', column: 'job_id' }],
  backups: [],
};

const CHUNK = 1000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

async function countLive(tx: LoadTransaction, db: AnyKysely, table: string, column: string, ids: SqlValue[], no: SqlValue): Promise<number> {
  const query = db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .where(column, 'in', ids)
    .where((eb) => eb.or([eb('deleted', 'is', null), eb('deleted', '=', no)]));
  const rows = await tx.execute(query.compile());
  return Number(rows[0]?.n ?? 0);
}

async function countAll(tx: LoadTransaction, db: AnyKysely, table: string, column: string, ids: SqlValue[]): Promise<number> {
  const rows = await tx.execute(db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where(column, 'in', ids).compile());
  return Number(rows[0]?.n ?? 0);
}

/**
 * Deletes the rows of documents that left the source: the entity's own rows (by SQL id) and the
 * rows it owns, inside `tx`. Soft mode touches only rows not yet deleted, so a replay keeps the
 * first `deleted_at`. Returns the rows changed.
 */
export async function removeEntityRows(
  tx: LoadTransaction,
  db: AnyKysely,
  schema: TargetSchema,
  partition: string,
  sqlIds: readonly string[],
  mode: DeleteMode,
  now: Date,
): Promise<number> {
  if (!isEntity(partition) || sqlIds.length === 0) return 0;
  const dialect = schema.dialect;
  const yes = toDriverValue(true, dialect);
  const no = toDriverValue(false, dialect);
  const at = datetimeText(now, dialect);
  const targets = [...OWNED_ROWS[partition], { table: partition, column: 'id' }].filter((t) => schema.tables[t.table] !== undefined);
  let rows = 0;
  for (const { table, column } of targets) {
    for (const ids of chunks<SqlValue>(sqlIds)) {
      if (mode === 'hard') {
        rows += await countAll(tx, db, table, column, ids);
        await tx.deleteWhereIn(table, column, ids);
        continue;
      }
      const live = await countLive(tx, db, table, column, ids, no);
      if (live === 0) continue;
      rows += live;
      const update = db
        .updateTable(table)
        .set({ deleted: yes, deleted_at: at })
        .where(column, 'in', ids)
        .where((eb) => eb.or([eb('deleted', 'is', null), eb('deleted', '=', no)]));
      await tx.execute(update.compile());
    }
  }
  return rows;
}

/**
 * Soft mode, an action back in the source: its `job_actions` links that the delete had soft-deleted
 * come back too, for jobs that are themselves live (a fresh migration would have them). Returns the
 * rows changed.
 */
export async function restoreActionLinks(tx: LoadTransaction, db: AnyKysely, schema: TargetSchema, actionIds: readonly string[]): Promise<number> {
  if (schema.tables.job_actions === undefined || actionIds.length === 0) return 0;
  const yes = toDriverValue(true, schema.dialect);
  const no = toDriverValue(false, schema.dialect);
  let rows = 0;
  for (const ids of chunks<SqlValue>(actionIds)) {
    const liveJobs = db.selectFrom('jobs').select('id').where('deleted', '=', no);
    const match = db.selectFrom('job_actions').where('action_id', 'in', ids).where('deleted', '=', yes).where('job_id', 'in', liveJobs);
    const found = await tx.execute(match.select((eb) => eb.fn.countAll().as('n')).compile());
    const n = Number(found[0]?.n ?? 0);
    if (n === 0) continue;
    rows += n;
    // MySQL cannot update a table it selects from in a subquery; the jobs subquery reads another table.
    const update = db
      .updateTable('job_actions')
      .set({ deleted: no, deleted_at: null })
      .where('action_id', 'in', ids)
      .where('deleted', '=', yes)
      .where('job_id', 'in', liveJobs);
    await tx.execute(update.compile());
  }
  return rows;
}
