import { sql } from 'kysely';
import { readPostgresCatalog } from '../catalog/read-postgres-catalog.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import { addColumn, createIndex, createTableFromDefinition, defaultExpression, dropColumn, onOneConnection, renameColumn, type ColumnSpelling } from './kysely-ddl.ts';
import { dialectFacts } from '../dialect-facts.ts';
import type { SchemaAdapter } from './schema-adapter.ts';
import { withPostgresSchemaLock } from './schema-lock.ts';

const TYPES: Record<ColumnType, (length?: number) => string> = {
  varchar: (length) => `varchar(${length})`,
  text: () => 'text',
  integer: () => 'integer',
  boolean: () => 'boolean',
  datetime: () => 'timestamp',
  // SQLAlchemy's TIMESTAMP is PostgreSQL's timestamp without time zone, the same type as DateTime.
  timestamp: () => 'timestamp',
  // freezer-api declares BLOB, which PostgreSQL lacks (contract §2.5); bytea is its binary type.
  blob: () => 'bytea',
};

const spelling: ColumnSpelling = {
  type: (column) => TYPES[column.type](column.length),
  defaultExpression: (column) => defaultExpression(column, (value) => (value ? 'true' : 'false')),
};

function describeColumn(column: ColumnSchema): ColumnSchema {
  return { ...column, type: column.type === 'timestamp' ? 'datetime' : column.type };
}

/** PostgreSQL: transactional DDL, enforced lengths, no charsets; BLOB becomes bytea. */
export const postgresSchemaAdapter: SchemaAdapter = {
  ...dialectFacts('postgres'),
  supportsTransactionalDdl: true,
  layoutAInitialModeColumn: 'mode',
  creationNotice:
    'PostgreSQL: freezer-api cannot create its own schema here (it declares action_reports.log as BLOB, which PostgreSQL lacks); es2sql uses bytea, PostgreSQL\'s binary type, and is otherwise column-for-column identical to MySQL/SQLite',
  describeColumn,
  describeTable: (table: TableDefinition): TableSchema => ({
    name: table.name,
    columns: table.columns.map(describeColumn),
    primaryKey: [...table.primaryKey],
    foreignKeys: (table.foreignKeys ?? []).map((fk) => ({ ...fk, name: `${table.name}_${fk.columns.join('_')}_fkey` })),
    indexes: [...(table.indexes ?? [])],
  }),
  readCatalog: readPostgresCatalog,
  createTable: (db, table) => createTableFromDefinition(db, table, spelling, {
    // PostgreSQL's own name for an unnamed constraint, as alembic leaves them.
    foreignKeyName: (name, fk) => `${name}_${fk.columns.join('_')}_fkey`,
  }),
  addColumn: (db, table, column) => addColumn(db, table, column, spelling),
  createIndex,
  widenColumn: async (db, table, column, length) => {
    await db.schema.alterTable(table.name).alterColumn(column, (c) => c.setDataType(sql.raw(`varchar(${length})`))).execute();
  },
  convertCharset: async () => {},
  renameColumn,
  dropColumn,
  withMigrationConnection: onOneConnection,
  withSchemaLock: withPostgresSchemaLock,
};
