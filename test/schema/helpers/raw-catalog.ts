import { sql } from 'kysely';
import type { AnyKysely } from '../../../schema/connect.ts';
import type { Dialect } from '../../../schema/dialect.ts';

/**
 * The target's catalog exactly as the database reports it, read with plain catalog queries that do
 * not go through es2sql's introspection: what an operator would look at with `SHOW CREATE TABLE`,
 * `\d` or `PRAGMA table_info`. Keyed by table; columns in table order.
 */
export interface RawTable {
  columns: string[];
  primaryKey: string[];
  foreignKeys: string[];
  indexes: string[];
  /** MySQL: `InnoDB utf8mb3_general_ci`. */
  options?: string;
}

export type RawCatalog = Record<string, RawTable>;

async function rows<T>(db: AnyKysely, query: ReturnType<typeof sql<T>>): Promise<T[]> {
  return (await query.execute(db)).rows;
}

async function sqliteCatalog(db: AnyKysely): Promise<RawCatalog> {
  const result: RawCatalog = {};
  for (const { name } of await rows<{ name: string }>(db, sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)) {
    const info = await rows<{ name: string; type: string; notnull: number; dflt_value: string | null; pk: number }>(db, sql`select * from pragma_table_info(${name}) order by cid`);
    const fks = await rows<{ table: string; from: string; to: string }>(db, sql`select * from pragma_foreign_key_list(${name})`);
    const indexes = await rows<{ name: string; unique: number; origin: string }>(db, sql`select * from pragma_index_list(${name}) where origin = 'c'`);
    const indexText: string[] = [];
    for (const index of indexes) {
      const parts = await rows<{ name: string }>(db, sql`select name from pragma_index_info(${index.name}) order by seqno`);
      indexText.push(`${index.name}(${parts.map((p) => p.name).join(',')})${index.unique ? ' unique' : ''}`);
    }
    result[name] = {
      columns: info.map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.dflt_value !== null ? ` DEFAULT ${c.dflt_value}` : ''}`),
      primaryKey: info.filter((c) => c.pk > 0).map((c) => c.name),
      foreignKeys: fks.map((f) => `${f.from} -> ${f.table}(${f.to})`).sort(),
      indexes: indexText.sort(),
    };
  }
  return result;
}

async function mysqlCatalog(db: AnyKysely): Promise<RawCatalog> {
  const result: RawCatalog = {};
  const tables = await rows<{ name: string; engine: string; collation: string }>(db, sql`select TABLE_NAME as name, ENGINE as engine, TABLE_COLLATION as collation from information_schema.TABLES where TABLE_SCHEMA = database() order by TABLE_NAME`);
  for (const { name, engine, collation } of tables) {
    const columns = await rows<{ name: string; type: string; nullable: string; dflt: string | null; cs: string | null; co: string | null }>(db, sql`
      select COLUMN_NAME as name, COLUMN_TYPE as type, IS_NULLABLE as nullable, COLUMN_DEFAULT as dflt, CHARACTER_SET_NAME as cs, COLLATION_NAME as co
      from information_schema.COLUMNS where TABLE_SCHEMA = database() and TABLE_NAME = ${name} order by ORDINAL_POSITION`);
    const keys = await rows<{ name: string; col: string; rt: string | null; rc: string | null }>(db, sql`
      select CONSTRAINT_NAME as name, COLUMN_NAME as col, REFERENCED_TABLE_NAME as rt, REFERENCED_COLUMN_NAME as rc
      from information_schema.KEY_COLUMN_USAGE where TABLE_SCHEMA = database() and TABLE_NAME = ${name} order by CONSTRAINT_NAME, ORDINAL_POSITION`);
    const stats = await rows<{ name: string; col: string; nonUnique: number }>(db, sql`
      select INDEX_NAME as name, COLUMN_NAME as col, NON_UNIQUE as nonUnique from information_schema.STATISTICS
      where TABLE_SCHEMA = database() and TABLE_NAME = ${name} and INDEX_NAME <> 'PRIMARY' order by INDEX_NAME, SEQ_IN_INDEX`);
    result[name] = {
      columns: columns.map((c) => `${c.name} ${c.type}${c.nullable === 'NO' ? ' NOT NULL' : ''}${c.dflt !== null && c.dflt !== 'NULL' ? ` DEFAULT ${c.dflt}` : ''}${c.cs ? ` ${c.co}` : ''}`),
      primaryKey: keys.filter((k) => k.name === 'PRIMARY').map((k) => k.col),
      foreignKeys: keys.filter((k) => k.rt).map((k) => `${k.name}: ${k.col} -> ${k.rt}(${k.rc})`).sort(),
      indexes: [...new Set(stats.map((s) => s.name))].map((n) => `${n}(${stats.filter((s) => s.name === n).map((s) => s.col).join(',')})${Number(stats.find((s) => s.name === n)?.nonUnique) === 0 ? ' unique' : ''}`).sort(),
      options: `${engine} ${collation}`,
    };
  }
  return result;
}

async function postgresCatalog(db: AnyKysely): Promise<RawCatalog> {
  const result: RawCatalog = {};
  const tables = await rows<{ name: string }>(db, sql`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`);
  for (const { name } of tables) {
    const columns = await rows<{ name: string; type: string; len: number | null; nullable: string; dflt: string | null }>(db, sql`
      select column_name as name, data_type as type, character_maximum_length as len, is_nullable as nullable, column_default as dflt
      from information_schema.columns where table_schema = current_schema() and table_name = ${name} order by ordinal_position`);
    const constraints = await rows<{ def: string; kind: string; name: string }>(db, sql`
      select conname as name, contype as kind, pg_get_constraintdef(c.oid) as def from pg_constraint c
      join pg_class t on t.oid = c.conrelid join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = current_schema() and t.relname = ${name} order by conname`);
    const indexes = await rows<{ def: string }>(db, sql`select indexdef as def from pg_indexes where schemaname = current_schema() and tablename = ${name} and indexname not like '%_pkey' and indexname <> 'alembic_version_pkc' order by indexname`);
    result[name] = {
      columns: columns.map((c) => `${c.name} ${c.type}${c.len ? `(${c.len})` : ''}${c.nullable === 'NO' ? ' NOT NULL' : ''}${c.dflt !== null ? ` DEFAULT ${c.dflt}` : ''}`),
      primaryKey: constraints.filter((c) => c.kind === 'p').map((c) => c.def),
      foreignKeys: constraints.filter((c) => c.kind === 'f').map((c) => `${c.name}: ${c.def}`).sort(),
      indexes: indexes.map((i) => i.def.replace(/ ON [a-z_"]+\./, ' ON ')).sort(),
    };
  }
  return result;
}

/** Reads the raw catalog of every table in the target. */
export function rawCatalog(db: AnyKysely, dialect: Dialect): Promise<RawCatalog> {
  switch (dialect) {
    case 'sqlite': return sqliteCatalog(db);
    case 'mysql': return mysqlCatalog(db);
    case 'postgres': return postgresCatalog(db);
  }
}
