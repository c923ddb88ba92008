import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { NodeSqliteStatement } from '../../schema/sqlite/node-sqlite-database.ts';

/**
 * An existing SQLite file opened so that nothing about it changes: read-only, no journal-mode
 * switch (es2sql's writable connection turns WAL on, which rewrites the header). When no `-wal`
 * file sits beside it (no writer has it open), it is opened `immutable`, which also creates no
 * `-wal`/`-shm` files; otherwise plain read-only, so committed WAL content is seen.
 */
export class ReadOnlySqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    const url = pathToFileURL(path);
    if (!existsSync(`${path}-wal`)) url.searchParams.set('immutable', '1');
    else url.searchParams.set('mode', 'ro');
    this.#db = new DatabaseSync(url, { readOnly: true, timeout: 30_000 });
  }

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this.#db.prepare(sql));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
