import { openDatabase, type AnyKysely } from '../../schema/connect.ts';
import { parseDatabaseUrl, type DatabaseLocation } from '../../schema/database-url.ts';
import type { LoadAdapter } from './load-adapter.ts';
import { openLoadAdapter } from './open-load-adapter.ts';

/** An open database es2sql writes to: where it is, a Kysely handle and the dialect's load adapter. */
export interface OpenDatabase {
  location: DatabaseLocation;
  db: AnyKysely;
  adapter: LoadAdapter;
  close(): Promise<void>;
}

/** Opens a database URL (or parsed location) with a pool big enough for `writers` parallel batches. */
export function openWritableDatabase(url: string | DatabaseLocation, writers = 4): OpenDatabase {
  const location = typeof url === 'string' ? parseDatabaseUrl(url) : url;
  const db = openDatabase(location, { poolSize: writers + 2 });
  return {
    location,
    db,
    adapter: openLoadAdapter(db, location.dialect),
    close: () => db.destroy(),
  };
}

/** Same database? (SQLite by file, servers by displayed URL, which carries host, port, user and name.) */
export function sameDatabase(a: DatabaseLocation, b: DatabaseLocation): boolean {
  return a.dialect === b.dialect && a.display === b.display;
}
