import { mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private on-disk SQLite file for bookkeeping that must not live in JavaScript memory. */
export interface ScratchDatabase {
  db: DatabaseSync;
  path: string;
  /** Closes and deletes the file and its folder. */
  close(): void;
}

/**
 * Creates a scratch SQLite database in a new folder under the OS temp dir (`ES2SQL_TMPDIR`
 * overrides). Durability is off (the file is thrown away), the page cache is capped so memory
 * stays flat whatever the size of the run.
 */
export function createScratchDatabase(purpose: string): ScratchDatabase {
  const dir = mkdtempSync(join(process.env.ES2SQL_TMPDIR ?? tmpdir(), `es2sql-${purpose}-`));
  const path = join(dir, 'scratch.db');
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = OFF');
  db.exec('PRAGMA synchronous = OFF');
  db.exec('PRAGMA cache_size = -32768');
  db.exec('PRAGMA temp_store = FILE');
  let closed = false;
  return {
    db,
    path,
    close: () => {
      if (closed) return;
      closed = true;
      if (db.isOpen) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
