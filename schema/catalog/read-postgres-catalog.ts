import { sql } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import { ForeignSchemaError } from '../schema-errors.ts';
import type { ColumnSchema, ColumnType, TableSchema } from '../table-schema.ts';
import type { Catalog } from './catalog.ts';
import { parseDefaultLiteral } from './default-literal.ts';

interface ColumnRow {
  table_name: string;
  column_name: string;
  data_type: string;
  character_maximum_length: number | null;
  is_nullable: string;
  column_default: string | null;
}

interface ConstraintRow {
  name: string;
  kind: string;
  table_name: string;
  columns: string[];
  referenced_table: string | null;
  referenced_columns: string[] | null;
}

interface IndexRow {
  name: string;
  table_name: string;
  is_unique: boolean;
  columns: string[];
}

const TYPES: Record<string, ColumnType> = {
  'character varying': 'varchar',
  text: 'text',
  integer: 'integer',
  boolean: 'boolean',
  'timestamp without time zone': 'datetime',
  bytea: 'blob',
};

function column(row: ColumnRow): ColumnSchema {
  const type = TYPES[row.data_type];
  if (!type) throw new ForeignSchemaError(`table ${row.table_name} has column ${row.column_name} of type ${row.data_type}, which freezer-api never creates; this is not freezer-api's table: use a database of its own for freezer`, row.table_name);
  const defaultValue = parseDefaultLiteral(row.column_default, type);
  const result: ColumnSchema = { name: row.column_name, type, nullable: row.is_nullable === 'YES', hasDefault: defaultValue !== undefined };
  if (type === 'varchar' && row.character_maximum_length !== null) result.length = Number(row.character_maximum_length);
  if (defaultValue !== undefined) result.defaultValue = defaultValue;
  return result;
}

/** Reads PostgreSQL's catalog for the current schema (`search_path`), describing only `describe`. */
export async function readPostgresCatalog(db: AnyKysely, describe: readonly string[]): Promise<Catalog> {
  const { rows: tableRows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(db);
  const tableNames = tableRows.map((r) => r.table_name);
  const wanted = tableNames.filter((t) => describe.includes(t));
  const catalog: Catalog = { dialect: 'postgres', tableNames, tables: {} };
  if (wanted.length === 0) return catalog;
  const { rows: columnRows } = await sql<ColumnRow>`
    select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default
    from information_schema.columns
    where table_schema = current_schema() and table_name in (${sql.join(wanted)})
    order by table_name, ordinal_position`.execute(db);
  const { rows: constraintRows } = await sql<ConstraintRow>`
    select c.conname as name, c.contype as kind, t.relname as table_name,
      array(select a.attname from unnest(c.conkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)::text[] as columns,
      r.relname as referenced_table,
      array(select a.attname from unnest(c.confkey) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)::text[] as referenced_columns
    from pg_constraint c
    join pg_class t on t.oid = c.conrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    left join pg_class r on r.oid = c.confrelid
    where ns.nspname = current_schema() and c.contype in ('p', 'f') and t.relname in (${sql.join(wanted)})
    order by c.conname`.execute(db);
  const { rows: indexRows } = await sql<IndexRow>`
    select i.relname as name, t.relname as table_name, x.indisunique as is_unique,
      array(select a.attname from unnest(x.indkey::int2[]) with ordinality k(n, o)
            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.n order by k.o)::text[] as columns
    from pg_index x
    join pg_class i on i.oid = x.indexrelid
    join pg_class t on t.oid = x.indrelid
    join pg_namespace ns on ns.oid = t.relnamespace
    where ns.nspname = current_schema() and not x.indisprimary and t.relname in (${sql.join(wanted)})
    order by i.relname`.execute(db);
  for (const name of wanted) {
    const table: TableSchema = { name, columns: columnRows.filter((r) => r.table_name === name).map(column), primaryKey: [], foreignKeys: [], indexes: [] };
    for (const c of constraintRows.filter((r) => r.table_name === name)) {
      if (c.kind === 'p') table.primaryKey = c.columns;
      else table.foreignKeys!.push({ name: c.name, columns: c.columns, referencedTable: c.referenced_table ?? '', referencedColumns: c.referenced_columns ?? [] });
    }
    table.indexes = indexRows.filter((r) => r.table_name === name).map((r) => ({ name: r.name, columns: r.columns, unique: r.is_unique }));
    catalog.tables[name] = table;
  }
  return catalog;
}
