import { DatabaseSync } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';
import { NodeSqliteStatement } from '../../schema/sqlite/node-sqlite-database.ts';
import { readOnlySqliteUrl } from '../../schema/sqlite/read-only-sqlite-url.ts';

/**
 * An existing SQLite file opened so that nothing about it changes: read-only, no journal-mode
 * switch (es2sql's writable connection turns WAL on, which rewrites the header). When no `-wal`
 * file sits beside it (no writer has it open), it is opened `immutable`, which also creates no
 * `-wal`/`-shm` files; otherwise plain read-only, so committed WAL content is seen.
 */
export class ReadOnlySqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;

  constructor(path: string) {
    this.#db = new DatabaseSync(readOnlySqliteUrl(path), { readOnly: true, timeout: 30_000 });
  }

  prepare(sql: string): SqliteStatement {
    return new NodeSqliteStatement(this.#db.prepare(sql));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
