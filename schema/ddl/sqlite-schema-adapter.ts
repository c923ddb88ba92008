import { sql } from 'kysely';
import { readSqliteCatalog } from '../catalog/read-sqlite-catalog.ts';
import type { AnyKysely } from '../connect.ts';
import { SchemaError } from '../schema-errors.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import { addColumn, createIndex, createTableFromDefinition, defaultExpression, dropColumn, renameColumn, type ColumnSpelling } from './kysely-ddl.ts';
import { dialectFacts } from '../dialect-facts.ts';
import type { SchemaAdapter } from './schema-adapter.ts';
import { definitionOf, rebuildSqliteTable } from './sqlite-table-rebuild.ts';

// Declared type names as SQLAlchemy writes them: SQLite keeps the text and derives affinity from it.
const TYPES: Record<ColumnType, (length?: number) => string> = {
  varchar: (length) => `VARCHAR(${length})`,
  text: () => 'TEXT',
  integer: () => 'INTEGER',
  boolean: () => 'BOOLEAN',
  datetime: () => 'DATETIME',
  timestamp: () => 'TIMESTAMP',
  blob: () => 'BLOB',
};

const spelling: ColumnSpelling = {
  type: (column) => TYPES[column.type](column.length),
  defaultExpression: (column) => defaultExpression(column, (value) => (value ? '1' : '0')),
};

/** SQLite's result code for a lock held by another connection. */
const SQLITE_BUSY = 5;

const foreignKeyName = (table: string, fk: { columns: string[] }) => `${table}_${fk.columns.join('_')}_fkey`;

/**
 * SQLite: transactional DDL, no length enforcement, no charsets; type changes rebuild the table;
 * a whole upgrade is one transaction.
 */
export const sqliteSchemaAdapter: SchemaAdapter = {
  ...dialectFacts('sqlite'),
  supportsTransactionalDdl: true,
  layoutAInitialModeColumn: 'actionmode',
  describeColumn: (column: ColumnSchema) => ({ ...column }),
  describeTable: (table: TableDefinition): TableSchema => ({
    name: table.name,
    columns: table.columns.map((c) => ({ ...c })),
    primaryKey: [...table.primaryKey],
    foreignKeys: (table.foreignKeys ?? []).map((fk) => ({ ...fk })),
    indexes: [...(table.indexes ?? [])],
  }),
  readCatalog: readSqliteCatalog,
  createTable: (db, table) => createTableFromDefinition(db, table, spelling, { foreignKeyName }),
  addColumn: (db, table, column) => addColumn(db, table, column, spelling),
  createIndex,
  widenColumn: async (db, table, column, length) => {
    const target = definitionOf(table);
    target.columns = target.columns.map((c) => (c.name === column ? { ...c, length } : c));
    await rebuildSqliteTable(db, table, target, spelling);
  },
  convertCharset: async () => {},
  renameColumn,
  dropColumn,
  withMigrationConnection: (db, run) => db.connection().execute((connection) => withForeignKeysOff(connection, () => run(connection))),
  withSchemaLock: (db, run) => db.connection().execute((connection) => withForeignKeysOff(connection, async () => {
    // IMMEDIATE takes the write lock up front: a second upgrade waits (busy timeout) instead of
    // deadlocking on lock upgrade, and finds the work done when it gets its turn.
    try {
      await sql`begin immediate`.execute(connection);
    } catch (error) {
      if ((error as { errcode?: number }).errcode !== SQLITE_BUSY) throw error;
      throw new SchemaError('another process has been writing to this SQLite database for longer than the busy timeout (database is locked); retry when it has finished', { cause: error });
    }
    try {
      const result = await run(connection, true);
      await sql`commit`.execute(connection);
      return result;
    } catch (error) {
      await sql`rollback`.execute(connection);
      throw error;
    }
  })),
};

/** Runs `work` with foreign-key enforcement off (it cannot change inside a transaction), then restores it. */
async function withForeignKeysOff<T>(connection: AnyKysely, work: () => Promise<T>): Promise<T> {
  const { rows: [state] } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(connection);
  const wasOn = Number(state?.foreign_keys) === 1;
  if (wasOn) await sql`pragma foreign_keys = off`.execute(connection);
  try {
    return await work();
  } finally {
    if (wasOn) await sql`pragma foreign_keys = on`.execute(connection);
  }
}
