import { sql } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import { ForeignSchemaError } from '../schema-errors.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import type { Catalog } from './catalog.ts';
import { parseDefaultLiteral } from './default-literal.ts';

interface ColumnRow {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
}

interface ForeignKeyRow {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
}

interface IndexRow {
  name: string;
  unique: number;
  origin: string;
}

const TYPES: Record<string, ColumnType> = {
  TEXT: 'text',
  INTEGER: 'integer',
  BOOLEAN: 'boolean',
  DATETIME: 'datetime',
  TIMESTAMP: 'timestamp',
  BLOB: 'blob',
};

function column(table: string, row: ColumnRow): ColumnSchema {
  const declared = row.type.trim().toUpperCase();
  const varchar = /^VARCHAR\s*\(\s*(\d+)\s*\)$/.exec(declared);
  const type: ColumnType | undefined = varchar ? 'varchar' : TYPES[declared];
  if (!type) throw new ForeignSchemaError(`table ${table} has column ${row.name} of type ${row.type || '(none)'}, which freezer-api never creates; this is not freezer-api's table: use a database of its own for freezer`, table);
  const defaultValue = parseDefaultLiteral(row.dflt_value, type);
  // SQLite lets a primary-key column be NULL unless declared NOT NULL; freezer's always are.
  const result: ColumnSchema = { name: row.name, type, nullable: row.notnull === 0, hasDefault: defaultValue !== undefined };
  if (varchar?.[1]) result.length = Number(varchar[1]);
  if (defaultValue !== undefined) result.defaultValue = defaultValue;
  return result;
}

/** Reads SQLite's schema through the table-valued PRAGMA functions, describing only `describe`. */
export async function readSqliteCatalog(db: AnyKysely, describe: readonly string[]): Promise<Catalog> {
  const { rows: tableRows } = await sql<{ name: string }>`
    select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db);
  const catalog: Catalog = { dialect: 'sqlite', tableNames: tableRows.map((r) => r.name), tables: {} };
  for (const name of catalog.tableNames.filter((t) => describe.includes(t))) {
    const { rows: columnRows } = await sql<ColumnRow>`select * from pragma_table_info(${name}) order by cid`.execute(db);
    const { rows: fkRows } = await sql<ForeignKeyRow>`select * from pragma_foreign_key_list(${name}) order by id, seq`.execute(db);
    const { rows: indexRows } = await sql<IndexRow>`select name, "unique", origin from pragma_index_list(${name}) order by name`.execute(db);
    const table: TableSchema = {
      name,
      columns: columnRows.map((r) => column(name, r)),
      primaryKey: columnRows.filter((r) => r.pk > 0).sort((a, b) => a.pk - b.pk).map((r) => r.name),
      foreignKeys: [],
      indexes: [],
    };
    for (const id of [...new Set(fkRows.map((r) => r.id))]) {
      const parts = fkRows.filter((r) => r.id === id);
      table.foreignKeys!.push({ columns: parts.map((p) => p.from), referencedTable: parts[0]?.table ?? '', referencedColumns: parts.map((p) => p.to ?? 'id') });
    }
    for (const index of indexRows.filter((r) => r.origin === 'c')) {
      const { rows: parts } = await sql<{ name: string }>`select name from pragma_index_info(${index.name}) order by seqno`.execute(db);
      table.indexes!.push({ name: index.name, columns: parts.map((p) => p.name), unique: index.unique === 1 });
    }
    catalog.tables[name] = table;
  }
  return catalog;
}
