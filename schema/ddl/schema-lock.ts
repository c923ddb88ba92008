import { sql } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import { SchemaError } from '../schema-errors.ts';

/** How long an upgrade waits for another one on the same database. */
export const SCHEMA_LOCK_WAIT_SECONDS = 300;

function busy(): SchemaError {
  return new SchemaError(`another es2sql schema upgrade has been running on this database for more than ${SCHEMA_LOCK_WAIT_SECONDS} s; retry when it has finished`);
}

/** PostgreSQL: a session advisory lock (scoped to the database) held on the upgrade's connection. */
export function withPostgresSchemaLock<T>(db: AnyKysely, run: (connection: AnyKysely, inTransaction: boolean) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const deadline = Date.now() + SCHEMA_LOCK_WAIT_SECONDS * 1000;
    for (;;) {
      const { rows: [row] } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(2069, 1) as locked`.execute(connection);
      if (row?.locked) break;
      if (Date.now() > deadline) throw busy();
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    try {
      return await run(connection, false);
    } finally {
      await sql`select pg_advisory_unlock(2069, 1)`.execute(connection);
    }
  });
}

/** MySQL/MariaDB: a named user lock (per database) held on the upgrade's connection. */
export function withMysqlSchemaLock<T>(db: AnyKysely, run: (connection: AnyKysely, inTransaction: boolean) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    const name = sql`concat('es2sql-schema-', md5(database()))`;
    const { rows: [row] } = await sql<{ locked: number | null }>`select get_lock(${name}, ${SCHEMA_LOCK_WAIT_SECONDS}) as locked`.execute(connection);
    if (Number(row?.locked) !== 1) throw busy();
    try {
      return await run(connection, false);
    } finally {
      await sql`select release_lock(${name})`.execute(connection);
    }
  });
}
