import { existsSync } from 'node:fs';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Bindable = null | number | bigint | string | NodeJS.ArrayBufferView;

function bindable(parameters: ReadonlyArray<unknown>): Bindable[] {
  return parameters.map((value) => (value === undefined ? null : typeof value === 'boolean' ? (value ? 1 : 0) : (value as Bindable)));
}

class ReadOnlyStatement implements SqliteStatement {
  readonly reader: boolean;
  readonly #statement: StatementSync;

  constructor(statement: StatementSync) {
    this.#statement = statement;
    this.reader = statement.columns().length > 0;
  }

  all(parameters: ReadonlyArray<unknown>): unknown[] {
    return this.#statement.all(...bindable(parameters));
  }

  run(parameters: ReadonlyArray<unknown>): { changes: number | bigint; lastInsertRowid: number | bigint } {
    return this.#statement.run(...bindable(parameters));
  }

  iterate(parameters: ReadonlyArray<unknown>): IterableIterator<unknown> {
    return this.#statement.iterate(...bindable(parameters)) as IterableIterator<unknown>;
  }
}

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
    return new ReadOnlyStatement(this.#db.prepare(sql));
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
