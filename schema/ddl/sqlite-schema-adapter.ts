import { sql } from 'kysely';
import { readSqliteCatalog } from '../catalog/read-sqlite-catalog.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import { addColumn, createIndex, createTableFromDefinition, defaultExpression, dropColumn, renameColumn, type ColumnSpelling } from './kysely-ddl.ts';
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

const foreignKeyName = (table: string, fk: { columns: string[] }) => `${table}_${fk.columns.join('_')}_fkey`;

/** SQLite: transactional DDL, no length enforcement, no charsets; type changes rebuild the table. */
export const sqliteSchemaAdapter: SchemaAdapter = {
  dialect: 'sqlite',
  supportsTransactionalDdl: true,
  enforcesLengths: false,
  supportsCharsets: false,
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
  withMigrationConnection: (db, run) => db.connection().execute(async (connection) => {
    const { rows: [state] } = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(connection);
    const wasOn = Number(state?.foreign_keys) === 1;
    if (wasOn) await sql`pragma foreign_keys = off`.execute(connection);
    try {
      return await run(connection);
    } finally {
      if (wasOn) await sql`pragma foreign_keys = on`.execute(connection);
    }
  }),
};
