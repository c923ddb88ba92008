import { sql } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import { ForeignSchemaError } from '../schema-errors.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import type { Catalog } from './catalog.ts';
import { parseDefaultLiteral } from './default-literal.ts';
import { MYSQL_TEXT_BYTES } from '../dialect-facts.ts';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  column_type: string;
  character_maximum_length: number | string | null;
  is_nullable: string;
  column_default: string | null;
  character_set_name: string | null;
  collation_name: string | null;
}

interface KeyRow {
  table_name: string;
  constraint_name: string;
  column_name: string;
  referenced_table_name: string | null;
  referenced_column_name: string | null;
}

interface IndexRow {
  table_name: string;
  index_name: string;
  non_unique: number | string;
  column_name: string;
}

function columnType(row: ColumnRow): ColumnType | undefined {
  const type = row.column_type.toLowerCase();
  if (type === 'tinyint(1)') return 'boolean';
  if (row.data_type === 'int' && /^int(\(\d+\))?$/.test(type)) return 'integer';
  const simple: Record<string, ColumnType> = { varchar: 'varchar', text: 'text', datetime: 'datetime', timestamp: 'timestamp', blob: 'blob' };
  return simple[row.data_type.toLowerCase()];
}

function column(row: ColumnRow): ColumnSchema {
  const type = columnType(row);
  if (!type) throw new ForeignSchemaError(`table ${row.table_name} has column ${row.column_name} of type ${row.column_type}, which freezer-api never creates; this is not freezer-api's table: use a database of its own for freezer`, row.table_name);
  const defaultValue = parseDefaultLiteral(row.column_default, type);
  const result: ColumnSchema = { name: row.column_name, type, nullable: row.is_nullable === 'YES', hasDefault: defaultValue !== undefined };
  if (type === 'varchar') result.length = Number(row.character_maximum_length);
  if (type === 'text') result.length = MYSQL_TEXT_BYTES;
  if (defaultValue !== undefined) result.defaultValue = defaultValue;
  if (row.character_set_name) result.charset = row.character_set_name;
  if (row.collation_name) result.collation = row.collation_name;
  return result;
}

/** Reads MySQL/MariaDB's information_schema for the connection's database, describing only `describe`. */
export async function readMysqlCatalog(db: AnyKysely, describe: readonly string[]): Promise<Catalog> {
  const { rows: tableRows } = await sql<{ table_name: string; table_collation: string | null }>`
    select TABLE_NAME as table_name, TABLE_COLLATION as table_collation from information_schema.TABLES
    where TABLE_SCHEMA = database() and TABLE_TYPE = 'BASE TABLE' order by TABLE_NAME`.execute(db);
  const { rows: [schemaRow] } = await sql<{ charset: string; collation: string }>`
    select DEFAULT_CHARACTER_SET_NAME as charset, DEFAULT_COLLATION_NAME as collation
    from information_schema.SCHEMATA where SCHEMA_NAME = database()`.execute(db);
  const catalog: Catalog = {
    dialect: 'mysql',
    tableNames: tableRows.map((r) => r.table_name),
    tables: {},
    databaseCharset: schemaRow?.charset,
    databaseCollation: schemaRow?.collation,
  };
  const wanted = tableRows.filter((r) => describe.includes(r.table_name));
  if (wanted.length === 0) return catalog;
  const names = wanted.map((r) => r.table_name);
  const { rows: columnRows } = await sql<ColumnRow>`
    select TABLE_NAME as table_name, COLUMN_NAME as column_name, DATA_TYPE as data_type, COLUMN_TYPE as column_type,
      CHARACTER_MAXIMUM_LENGTH as character_maximum_length, IS_NULLABLE as is_nullable, COLUMN_DEFAULT as column_default,
      CHARACTER_SET_NAME as character_set_name, COLLATION_NAME as collation_name
    from information_schema.COLUMNS where TABLE_SCHEMA = database() and TABLE_NAME in (${sql.join(names)})
    order by TABLE_NAME, ORDINAL_POSITION`.execute(db);
  const { rows: keyRows } = await sql<KeyRow>`
    select TABLE_NAME as table_name, CONSTRAINT_NAME as constraint_name, COLUMN_NAME as column_name,
      REFERENCED_TABLE_NAME as referenced_table_name, REFERENCED_COLUMN_NAME as referenced_column_name
    from information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = database() and TABLE_NAME in (${sql.join(names)})
    order by TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION`.execute(db);
  const { rows: indexRows } = await sql<IndexRow>`
    select TABLE_NAME as table_name, INDEX_NAME as index_name, NON_UNIQUE as non_unique, COLUMN_NAME as column_name
    from information_schema.STATISTICS where TABLE_SCHEMA = database() and TABLE_NAME in (${sql.join(names)}) and INDEX_NAME <> 'PRIMARY'
    order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`.execute(db);
  for (const { table_name: name, table_collation: collation } of wanted) {
    const table: TableSchema = { name, columns: columnRows.filter((r) => r.table_name === name).map(column), primaryKey: [], foreignKeys: [], indexes: [] };
    if (collation) {
      table.collation = collation;
      table.charset = collation.split('_')[0];
    }
    const keys = keyRows.filter((r) => r.table_name === name);
    table.primaryKey = keys.filter((k) => k.constraint_name === 'PRIMARY').map((k) => k.column_name);
    for (const fkName of [...new Set(keys.filter((k) => k.referenced_table_name).map((k) => k.constraint_name))]) {
      const parts = keys.filter((k) => k.constraint_name === fkName);
      table.foreignKeys!.push({ name: fkName, columns: parts.map((p) => p.column_name), referencedTable: parts[0]?.referenced_table_name ?? '', referencedColumns: parts.map((p) => p.referenced_column_name ?? '') });
    }
    for (const indexName of [...new Set(indexRows.filter((r) => r.table_name === name).map((r) => r.index_name))]) {
      const parts = indexRows.filter((r) => r.table_name === name && r.index_name === indexName);
      table.indexes!.push({ name: indexName, columns: parts.map((p) => p.column_name), unique: Number(parts[0]?.non_unique) === 0 });
    }
    catalog.tables[name] = table;
  }
  return catalog;
}
