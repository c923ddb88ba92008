import { sql } from 'kysely';
import { readMysqlCatalog } from '../catalog/read-mysql-catalog.ts';
import type { AnyKysely } from '../connect.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import { addColumn, createIndex, createTableFromDefinition, defaultExpression, dropColumn, onOneConnection, renameColumn, type ColumnSpelling } from './kysely-ddl.ts';
import { MYSQL_TEXT_BYTES, dialectFacts } from '../dialect-facts.ts';
import type { SchemaAdapter } from './schema-adapter.ts';
import { withMysqlSchemaLock } from './schema-lock.ts';

const TYPES: Record<ColumnType, (column: ColumnSchema) => string> = {
  varchar: (c) => `varchar(${c.length})`,
  text: () => 'text',
  integer: () => 'integer',
  boolean: () => 'boolean',
  datetime: () => 'datetime',
  // Without an explicit NULL, servers with explicit_defaults_for_timestamp=OFF make it NOT NULL DEFAULT now().
  timestamp: (c) => (c.nullable ? 'timestamp NULL' : 'timestamp'),
  blob: () => 'blob',
};

const spelling: ColumnSpelling = {
  type: (column) => TYPES[column.type](column),
  defaultExpression: (column) => defaultExpression(column, (value) => (value ? 'true' : 'false')),
};

/** MySQL's canonical name for a charset clause freezer-api writes (`utf8` is utf8mb3). */
function catalogCharset(charset: string | undefined): string | undefined {
  return charset === 'utf8' ? 'utf8mb3' : charset;
}

const isText = (column: ColumnSchema) => column.type === 'varchar' || column.type === 'text';

function describeColumn(column: ColumnSchema, table: TableDefinition): ColumnSchema {
  const result = { ...column };
  if (column.type === 'text') result.length = MYSQL_TEXT_BYTES;
  const charset = catalogCharset(table.mysqlCharset);
  if (charset && isText(column)) result.charset = charset;
  return result;
}

/** A full column definition for MODIFY, keeping nullability, default and (optionally new) charset. */
function columnDefinition(column: ColumnSchema, charset = column.charset, collation = column.collation): string {
  const parts = [spelling.type(column)];
  if (isText(column) && charset) parts.push(`CHARACTER SET ${charset}`);
  if (isText(column) && collation) parts.push(`COLLATE ${collation}`);
  if (!column.nullable) parts.push('NOT NULL');
  const expression = spelling.defaultExpression(column);
  if (expression !== undefined) parts.push(`DEFAULT ${expression}`);
  return parts.join(' ');
}

const quote = (identifier: string) => `\`${identifier.replace(/`/g, '``')}\``;

async function alter(db: AnyKysely, table: string, clauses: string[]): Promise<void> {
  await sql.raw(`ALTER TABLE ${quote(table)} ${clauses.join(', ')}`).execute(db);
}

/**
 * MySQL/MariaDB: DDL commits implicitly, lengths enforced (oslo.db's strict mode), charsets per
 * table. Layout A tables say `DEFAULT CHARSET=utf8` as freezer-api's do; alembic's tables take the
 * database default. A table with foreign keys takes the charset and collation of the table it
 * references: errno 150 is impossible even in a database whose layout-A tables are still utf8mb3.
 */
export const mysqlSchemaAdapter: SchemaAdapter = {
  ...dialectFacts('mysql'),
  supportsTransactionalDdl: false,
  layoutAInitialModeColumn: 'mode',
  describeColumn,
  describeTable: (table: TableDefinition): TableSchema => {
    const described: TableSchema = {
      name: table.name,
      columns: table.columns.map((c) => describeColumn(c, table)),
      primaryKey: [...table.primaryKey],
      foreignKeys: (table.foreignKeys ?? []).map((fk, i) => ({ ...fk, name: `${table.name}_ibfk_${i + 1}` })),
      indexes: [...(table.indexes ?? [])],
    };
    const charset = catalogCharset(table.mysqlCharset);
    if (charset) described.charset = charset;
    return described;
  },
  readCatalog: readMysqlCatalog,
  createTable: (db, table, catalog) => {
    let options = 'ENGINE=InnoDB';
    const referenced = table.foreignKeys?.[0] ? catalog.tables[table.foreignKeys[0].referencedTable] : undefined;
    if (table.mysqlCharset) options += ` DEFAULT CHARSET=${table.mysqlCharset}`;
    else if (referenced?.charset) options += ` DEFAULT CHARSET=${referenced.charset}${referenced.collation ? ` COLLATE=${referenced.collation}` : ''}`;
    return createTableFromDefinition(db, table, spelling, {
      // The names InnoDB gives unnamed foreign keys, as alembic leaves them.
      foreignKeyName: (name, _fk, ordinal) => `${name}_ibfk_${ordinal + 1}`,
      tableOptions: options,
    });
  },
  addColumn: (db, table, column) => addColumn(db, table, column, spelling),
  createIndex,
  widenColumn: async (db, table, column, length) => {
    const current = table.columns.find((c) => c.name === column);
    if (!current) throw new Error(`${table.name}.${column} does not exist`);
    await alter(db, table.name, [`MODIFY ${quote(column)} ${columnDefinition({ ...current, length })}`]);
  },
  convertCharset: async (db, table, charset, collation) => {
    const clauses = [`DEFAULT CHARACTER SET ${charset}${collation ? ` COLLATE ${collation}` : ''}`];
    for (const column of table.columns.filter(isText)) clauses.push(`MODIFY ${quote(column.name)} ${columnDefinition(column, charset, collation)}`);
    await alter(db, table.name, clauses);
  },
  renameColumn,
  dropColumn,
  withMigrationConnection: onOneConnection,
  withSchemaLock: withMysqlSchemaLock,
};
