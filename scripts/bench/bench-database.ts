import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createConnection } from 'mysql2/promise';
import type { Dialect } from '../../schema/dialect.ts';

/** Admin URLs of the servers the benchmark writes to (same defaults and variables as the tests). */
export const PG_ADMIN_URL = process.env.ES2SQL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_ADMIN_URL = process.env.ES2SQL_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/test';

/** An empty database for one measurement, dropped (or its file deleted) afterwards. */
export interface BenchDatabase {
  dialect: Dialect;
  url: string;
  drop(): Promise<void>;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function createBenchDatabase(dialect: Dialect, purpose: string): Promise<BenchDatabase> {
  const name = `es2sql_bench_${purpose}_${randomBytes(3).toString('hex')}`;
  switch (dialect) {
    case 'postgres': {
      const admin = async (statement: string) => {
        const client = new pg.Client({ connectionString: PG_ADMIN_URL });
        await client.connect();
        try {
          await client.query(statement);
        } finally {
          await client.end();
        }
      };
      await admin(`CREATE DATABASE "${name}"`);
      return { dialect, url: withDatabase(PG_ADMIN_URL, name), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
    }
    case 'mysql': {
      const admin = async (statement: string) => {
        const connection = await createConnection(MYSQL_ADMIN_URL);
        try {
          await connection.query(statement);
        } finally {
          await connection.end();
        }
      };
      await admin(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4`);
      return { dialect, url: withDatabase(MYSQL_ADMIN_URL, name), drop: () => admin(`DROP DATABASE IF EXISTS \`${name}\``) };
    }
    case 'sqlite': {
      const dir = join(tmpdir(), name);
      mkdirSync(dir, { recursive: true });
      return { dialect, url: `sqlite:${join(dir, 'target.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
    }
  }
}

/** Server version strings for the report. */
export async function databaseVersions(): Promise<Record<Dialect, string>> {
  const { DatabaseSync } = await import('node:sqlite');
  const memory = new DatabaseSync(':memory:');
  const sqlite = String((memory.prepare('select sqlite_version() as v').get() as { v: string }).v);
  memory.close();
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  const postgres = String((await client.query('show server_version')).rows[0]?.server_version ?? '?');
  await client.end();
  const connection = await createConnection(MYSQL_ADMIN_URL);
  const [rows] = await connection.query('select version() as v');
  await connection.end();
  return { postgres: `PostgreSQL ${postgres}`, mysql: `MariaDB/MySQL ${String((rows as { v: string }[])[0]?.v ?? '?')}`, sqlite: `SQLite ${sqlite} (node:sqlite)` };
}
