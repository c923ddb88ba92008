import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createConnection } from 'mysql2/promise';
import type { Dialect } from '../../schema/dialect.ts';

/**
 * Servers the tests use. Defaults are the machine's own PostgreSQL and MariaDB; override with
 * ES2SQL_TEST_PG (a postgres:// URL to an admin database) and ES2SQL_TEST_MYSQL (a mysql:// URL).
 */
export const PG_ADMIN_URL = process.env.ES2SQL_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const MYSQL_ADMIN_URL = process.env.ES2SQL_TEST_MYSQL ?? 'mysql://root@127.0.0.1:3306/test';

/** Dialects to run dialect-parametrised suites for: ES2SQL_TEST_DIALECTS=postgres,mysql,sqlite narrows it. */
export const TEST_DIALECTS: Dialect[] = (process.env.ES2SQL_TEST_DIALECTS ?? 'postgres,mysql,sqlite')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'postgres' || d === 'mysql' || d === 'sqlite');

export interface ScratchDatabase {
  dialect: Dialect;
  /** URL es2sql accepts as --target / --state-db. */
  url: string;
  /** Drops the database (or deletes the SQLite file). */
  drop(): Promise<void>;
}

function uniqueName(prefix: string): string {
  return `es2sql_${prefix}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
}

function withDatabase(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * Creates an empty database for one test on the given dialect. Options let MySQL databases be
 * created with a given default charset (Debian's MariaDB defaults to utf8mb4; freezer's layout A
 * tables are utf8mb3).
 */
export async function createScratchDatabase(
  dialect: Dialect,
  prefix = 't',
  options: { mysqlCharset?: string } = {},
): Promise<ScratchDatabase> {
  const name = uniqueName(prefix);
  switch (dialect) {
    case 'postgres': {
      const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE "${name}"`);
      } finally {
        await admin.end();
      }
      return {
        dialect,
        url: withDatabase(PG_ADMIN_URL, name),
        drop: async () => {
          const c = new pg.Client({ connectionString: PG_ADMIN_URL });
          await c.connect();
          try {
            await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
          } finally {
            await c.end();
          }
        },
      };
    }
    case 'mysql': {
      const admin = await createConnection(MYSQL_ADMIN_URL);
      try {
        const charset = options.mysqlCharset ?? 'utf8mb4';
        await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET ${charset}`);
      } finally {
        await admin.end();
      }
      return {
        dialect,
        url: withDatabase(MYSQL_ADMIN_URL, name),
        drop: async () => {
          const c = await createConnection(MYSQL_ADMIN_URL);
          try {
            await c.query(`DROP DATABASE IF EXISTS \`${name}\``);
          } finally {
            await c.end();
          }
        },
      };
    }
    case 'sqlite': {
      const dir = mkdtempSync(join(tmpdir(), 'es2sql-test-'));
      const file = join(dir, `${name}.db`);
      return {
        dialect,
        url: `sqlite:${file}`,
        drop: async () => rmSync(dir, { recursive: true, force: true }),
      };
    }
  }
}
