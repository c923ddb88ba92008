import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { openWritableDatabase, sameDatabase, type OpenDatabase } from '../load/target-database.ts';
import { StateStore } from './state-store.ts';

/** A state store and how to close what was opened for it. */
export interface OpenStateStore {
  store: StateStore;
  close(): Promise<void>;
}

/**
 * Opens es2sql's state database: `stateUrl` when given (`--state-db`, `ES2SQL_STATE_DB`,
 * `[state_database] connection`), else the target database under a pool of its own, like
 * placement's `[placement_database]` falling back to `[api_database]`. When state and target are the
 * same database, batch writes put their checkpoint in the target transaction.
 */
export async function openStateStore(stateUrl: string | undefined, target: OpenDatabase): Promise<OpenStateStore> {
  const location = stateUrl ? parseDatabaseUrl(stateUrl) : target.location;
  const opened = openWritableDatabase(location, 2);
  const store = new StateStore(opened.db, location.dialect, opened.adapter, sameDatabase(location, target.location));
  try {
    await store.ensureTables();
  } catch (error) {
    await opened.close();
    throw error;
  }
  return { store, close: () => opened.close() };
}
export type { OpenDatabase };
