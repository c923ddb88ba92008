import { sql } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { TableSchema } from '../table-schema.ts';
import { createIndex, createTableFromDefinition, type ColumnSpelling } from './kysely-ddl.ts';

/**
 * SQLite cannot change a column's declared type in place. Like alembic's batch mode, the table is
 * rebuilt: a copy with the new definition is created, filled, swapped in under the old name, and
 * its indexes are recreated. Foreign keys pointing at the table keep working because they name the
 * table, not the copy. Run inside a transaction with foreign-key enforcement off (the adapter's
 * migration connection does that).
 */
export async function rebuildSqliteTable(db: AnyKysely, current: TableSchema, target: TableDefinition, spelling: ColumnSpelling): Promise<void> {
  const copy = `_rebuild_${current.name}`;
  await db.schema.dropTable(copy).ifExists().execute();
  await createTableFromDefinition(db, { ...target, name: copy, primaryKeyName: `${current.name}_pkey`, indexes: [] }, spelling, {
    foreignKeyName: (name, fk) => `${name}_${fk.columns.join('_')}_fkey`,
  });
  const columns = sql.join(target.columns.filter((c) => current.columns.some((k) => k.name === c.name)).map((c) => sql.ref(c.name)));
  await sql`insert into ${sql.table(copy)} (${columns}) select ${columns} from ${sql.table(current.name)}`.execute(db);
  await db.schema.dropTable(current.name).execute();
  await db.schema.alterTable(copy).renameTo(current.name).execute();
  for (const index of target.indexes ?? []) await createIndex(db, current.name, index);
}

/** A table definition that recreates an introspected table as it is. */
export function definitionOf(table: TableSchema): TableDefinition {
  return {
    name: table.name,
    columns: table.columns.map((c) => ({ ...c })),
    primaryKey: [...table.primaryKey],
    foreignKeys: (table.foreignKeys ?? []).map((fk) => ({ ...fk })),
    indexes: (table.indexes ?? []).map((i) => ({ ...i })),
  };
}
