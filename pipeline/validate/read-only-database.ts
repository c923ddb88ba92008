import { existsSync } from 'node:fs';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openDatabase, type AnyKysely } from '../../schema/connect.ts';
import { parseDatabaseUrl, type DatabaseLocation } from '../../schema/database-url.ts';
import { asUnreachable } from '../../schema/schema-errors.ts';
import { ReadOnlySqliteDatabase } from './read-only-sqlite-database.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** A target (or state) database es2sql only reads. */
export interface ReadOnlyDatabase {
  location: DatabaseLocation;
  db: AnyKysely;
  /**
   * Runs `work` in one read-only transaction (PostgreSQL and MySQL: REPEATABLE READ, READ ONLY, so
   * every statement sees the same snapshot and the server refuses any write; SQLite: the file is
   * opened read-only).
   */
  read<T>(work: (db: AnyKysely) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Driver codes for "this database does not exist" (PostgreSQL, MySQL/MariaDB). */
const MISSING_DATABASE = new Set(['3D000', 'ER_BAD_DB_ERROR']);

function isMissingDatabase(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && MISSING_DATABASE.has(code);
}

/**
 * Opens a database URL for reading only, or returns null when the database does not exist (a
 * SQLite file that is not there, a server database not created yet) — nothing is created either
 * way. Unreachable servers throw `TargetUnreachableError`.
 */
export async function openReadOnlyDatabase(url: string | DatabaseLocation): Promise<ReadOnlyDatabase | null> {
  const location = typeof url === 'string' ? parseDatabaseUrl(url) : url;
  let db: AnyKysely;
  const embedded = dialectFacts(location.dialect).embedded;
  if (embedded) {
    const path = location.path ?? ':memory:';
    if (path === ':memory:' || !existsSync(path)) return null;
    try {
      db = new Kysely({ dialect: new SqliteDialect({ database: new ReadOnlySqliteDatabase(path) }) });
    } catch (error) {
      throw asUnreachable(error, location.display);
    }
  } else {
    db = openDatabase(location, { poolSize: 2 });
  }
  const read = <T>(work: (db: AnyKysely) => Promise<T>): Promise<T> =>
    embedded
      ? db.transaction().execute(work)
      : db.transaction().setIsolationLevel('repeatable read').setAccessMode('read only').execute(work);
  try {
    await read((tx) => sql`select 1 as one`.execute(tx));
  } catch (error) {
    await db.destroy().catch(() => {});
    if (isMissingDatabase(error)) return null;
    throw asUnreachable(error, location.display);
  }
  return { location, db, read, close: () => db.destroy() };
}
