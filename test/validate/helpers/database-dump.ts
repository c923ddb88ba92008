import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import pg from 'pg';
import { createConnection } from 'mysql2/promise';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';

function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

function stable(value: unknown): string {
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? `${v}n` : Buffer.isBuffer(v) ? `hex:${v.toString('hex')}` : v instanceof Date ? v.toISOString() : v));
}

function orderAll(width: number): string {
  return Array.from({ length: Math.max(1, width) }, (_, i) => String(i + 1)).join(', ');
}

/**
 * Everything a database holds, reduced to one fingerprint: for SQLite the file's bytes and the
 * files beside it (a `-wal`/`-shm` appearing counts as a change); for PostgreSQL and MySQL the
 * catalog (tables, columns, types, defaults, constraints, indexes) and every row of every table
 * in primary-key order. Equal fingerprints before and after a command prove it wrote nothing.
 */
export async function databaseFingerprint(url: string): Promise<string> {
  const location = parseDatabaseUrl(url);
  if (location.dialect === 'sqlite') {
    const path = location.path!;
    if (!existsSync(path)) return 'absent';
    const siblings = readdirSync(dirname(path)).filter((name) => name.startsWith(basename(path))).sort();
    return sha256(stable({ siblings, file: sha256(readFileSync(path)) }));
  }
  if (location.dialect === 'postgres') {
    const client = new pg.Client({ host: location.host, port: location.port, user: location.user, password: location.password, database: location.database });
    await client.connect();
    try {
      const catalog = await client.query(`select table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, ordinal_position from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`);
      const constraints = await client.query(`select conname, conrelid::regclass::text as tbl, pg_get_constraintdef(oid) as def from pg_constraint where connamespace = 'public'::regnamespace order by conname`);
      const indexes = await client.query(`select indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`);
      const tables = [...new Set(catalog.rows.map((r) => String(r.table_name)))];
      const rows: Record<string, unknown[]> = {};
      for (const table of tables) {
        const width = catalog.rows.filter((r) => r.table_name === table).length;
        rows[table] = (await client.query(`select * from "${table}" order by ${orderAll(width)}`)).rows;
      }
      return sha256(stable({ catalog: catalog.rows, constraints: constraints.rows, indexes: indexes.rows, rows }));
    } finally {
      await client.end();
    }
  }
  const connection = await createConnection({ host: location.host, port: location.port, user: location.user, password: location.password, database: location.database, supportBigNumbers: true, bigNumberStrings: true, dateStrings: true });
  try {
    const [catalog] = await connection.query(`select TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, CHARACTER_SET_NAME, COLLATION_NAME, ORDINAL_POSITION from information_schema.COLUMNS where TABLE_SCHEMA = database() order by TABLE_NAME, ORDINAL_POSITION`);
    const [tables] = await connection.query(`select TABLE_NAME, ENGINE, TABLE_COLLATION, CREATE_OPTIONS from information_schema.TABLES where TABLE_SCHEMA = database() order by TABLE_NAME`);
    const [keys] = await connection.query(`select TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME, NON_UNIQUE from information_schema.STATISTICS where TABLE_SCHEMA = database() order by TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`);
    const rows: Record<string, unknown> = {};
    for (const table of (tables as Array<{ TABLE_NAME: string }>).map((t) => t.TABLE_NAME)) {
      const width = (catalog as Array<{ TABLE_NAME: string }>).filter((c) => c.TABLE_NAME === table).length;
      [rows[table]] = await connection.query(`select * from \`${table}\` order by ${orderAll(width)}`);
    }
    return sha256(stable({ catalog, tables, keys, rows }));
  } finally {
    await connection.end();
  }
}

/** Whether a server database of that URL exists at all. */
export async function databaseExists(url: string): Promise<boolean> {
  const location = parseDatabaseUrl(url);
  if (location.dialect === 'sqlite') return existsSync(location.path!);
  if (location.dialect === 'postgres') {
    const client = new pg.Client({ host: location.host, port: location.port, user: location.user, password: location.password, database: 'postgres' });
    await client.connect();
    try {
      return (await client.query('select 1 from pg_database where datname = $1', [location.database])).rowCount === 1;
    } finally {
      await client.end();
    }
  }
  const connection = await createConnection({ host: location.host, port: location.port, user: location.user, password: location.password });
  try {
    const [rows] = await connection.query('select SCHEMA_NAME from information_schema.SCHEMATA where SCHEMA_NAME = ?', [location.database]);
    return (rows as unknown[]).length === 1;
  } finally {
    await connection.end();
  }
}
