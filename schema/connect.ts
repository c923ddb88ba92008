import { CompiledQuery, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DatabaseLocation } from './database-url.ts';
import { NodeSqliteDatabase } from './sqlite/node-sqlite-database.ts';

// Kysely is used untyped here: es2sql writes to whatever schema it finds (introspected), not to a
// compile-time model.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyKysely = Kysely<any>;

export interface OpenOptions {
  /** Connections in the pool (ignored for SQLite, which has one). */
  poolSize?: number;
  /** For commands that only read (status): SQLite opens the file read-only and changes nothing in it. */
  readOnly?: boolean;
}

// pg: BIGINT (int8) stays a string by default; counts come back as int8, make them numbers when safe.
pg.types.setTypeParser(20, (text: string) => {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : text;
});

const pgPools = new WeakMap<AnyKysely, pg.Pool>();

/**
 * The pg pool behind a PostgreSQL Kysely instance, for the bulk path (COPY) that Kysely does not
 * expose. Shares the pool's connection budget with Kysely.
 */
export function postgresPoolOf(db: AnyKysely): pg.Pool | undefined {
  return pgPools.get(db);
}

/**
 * Opens a Kysely instance for a parsed database URL. MySQL sessions run in strict TRADITIONAL mode
 * (as oslo.db does), UTF-8 with 4-byte characters, and UTC.
 */
export function openDatabase(location: DatabaseLocation, options: OpenOptions = {}): AnyKysely {
  const poolSize = options.poolSize ?? 4;
  switch (location.dialect) {
    case 'postgres': {
      const ssl = location.options.sslmode && location.options.sslmode !== 'disable' ? { rejectUnauthorized: location.options.sslmode === 'verify-full' } : undefined;
      const pool = new pg.Pool({
        host: location.host,
        port: location.port ?? 5432,
        user: location.user,
        password: location.password,
        database: location.database,
        max: poolSize,
        ssl,
        connectionTimeoutMillis: 15_000,
      });
      // An idle client that dies (server restart) must not crash the process; the next query reports it.
      pool.on('error', () => {});
      const db = new Kysely({ dialect: new PostgresDialect({ pool }) });
      pgPools.set(db, pool);
      return db;
    }
    case 'mysql':
      return new Kysely({
        dialect: new MysqlDialect({
          // Loaded on first use: mysql2 costs about 90 ms of CPU to load, which runs into other databases need not pay.
          pool: async () => {
            // The module object as CommonJS exports it (its default), also where a bundler builds the namespace.
            const { default: mysql } = await import('mysql2');
            return mysql.createPool({
              host: location.host,
              port: location.port ?? 3306,
              user: location.user,
              password: location.password,
              database: location.database,
              connectionLimit: poolSize,
              charset: 'utf8mb4',
              supportBigNumbers: true,
              bigNumberStrings: false,
              dateStrings: true,
              timezone: 'Z',
              connectTimeout: 15_000,
              // es2sql's batch statements carry their values as literals in the text (multi-row-insert.ts),
              // and mysql2 would still scan a statement of megabytes for `?` placeholders before finding
              // it has no values to put in (9% of a MariaDB migrate's CPU). Only statements with values are formatted.
              queryFormat: (sql: string, values: Parameters<typeof mysql.format>[1] | undefined) => (values === undefined || (Array.isArray(values) && values.length === 0) ? sql : mysql.format(sql, values, false, 'Z')),
            });
          },
          onCreateConnection: async (connection) => {
            await connection.executeQuery(CompiledQuery.raw("SET SESSION sql_mode = 'TRADITIONAL', time_zone = '+00:00'"));
          },
        }),
      });
    case 'sqlite': {
      const path = location.path ?? ':memory:';
      return new Kysely({ dialect: new SqliteDialect({ database: new NodeSqliteDatabase(path, { readOnly: options.readOnly ?? false }) }) });
    }
  }
}
