import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { isEntity, type Entity } from '../../core/entity.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { LoadTransaction } from '../../pipeline/load/load-adapter.ts';
import { datetimeText, toDriverValue } from '../../pipeline/load/driver-values.ts';
import type { DeleteMode } from '../../pipeline/mapping/mapping.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/**
 * Rows that go with an entity's own row when its document leaves the index, children first: an
 * action its `action_reports` row (HEAD's `delete_action`); a job its `job_actions` links and its
 * `user_credentials` row (HEAD's `delete_job`). An action's links stay: in Elasticsearch the jobs
 * keep naming it, and the job upkeep rebuilds the action from their entries (job-action-upkeep.ts);
 * only a hard delete removes them first, for the foreign key. Tables the target lacks are skipped.
 */
function ownedRows(entity: Entity, mode: DeleteMode): readonly { table: string; column: string }[] {
  switch (entity) {
    case 'actions':
      return mode === 'hard' ? [{ table: 'job_actions', column: 'action_id' }, { table: 'action_reports', column: 'id' }] : [{ table: 'action_reports', column: 'id' }];
    case 'jobs':
      return [{ table: 'job_actions', column: 'job_id' }, { table: 'user_credentials', column: 'job_id' }];
    default:
      return [];
  }
}

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
 * Freezer's delete rule (`soft`: set `deleted`, `deleted_at` as freezer-api's delete_* do; `hard`:
 * DELETE the rows). Deletes the rows of documents that left the source: the entity's own rows (by SQL id) and the
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
  const encoding = dialectFacts(schema.dialect).valueEncoding;
  const yes = toDriverValue(true, encoding);
  const no = toDriverValue(false, encoding);
  const at = datetimeText(now, encoding);
  const targets = [...ownedRows(partition, mode), { table: partition, column: 'id' }].filter((t) => schema.tables[t.table] !== undefined);
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
