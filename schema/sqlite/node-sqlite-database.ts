import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { readOnlySqliteUrl } from './read-only-sqlite-url.ts';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

type Bindable = null | number | bigint | string | NodeJS.ArrayBufferView;

function bindable(parameters: ReadonlyArray<unknown>): Bindable[] {
  return parameters.map((value) => {
    if (value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    return value as Bindable;
  });
}

/** A `node:sqlite` statement as Kysely's SqliteDialect uses it (booleans bound as 0/1, undefined as NULL). */
export class NodeSqliteStatement implements SqliteStatement {
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

/** Prepared write statements kept by text, least recently used dropped first. */
const WRITERS_KEPT = 64;

const NO_OP: SqliteStatement = {
  reader: false,
  all: () => [],
  run: () => ({ changes: 0, lastInsertRowid: 0 }),
  iterate: () => [][Symbol.iterator](),
};

/**
 * Node's built-in `node:sqlite` behind the small interface Kysely's SqliteDialect expects, so the
 * embedded target needs no native add-on.
 */
export class NodeSqliteDatabase implements SqliteDatabase {
  readonly #db: DatabaseSync;
  readonly #writers = new Map<string, NodeSqliteStatement>();

  /** `readOnly`: open an existing file without changing it (see {@link readOnlySqliteUrl}). */
  constructor(path: string, options: { readOnly?: boolean } = {}) {
    if (options.readOnly && path !== ':memory:') {
      this.#db = new DatabaseSync(readOnlySqliteUrl(path), { readOnly: true, timeout: 30_000 });
      return;
    }
    this.#db = new DatabaseSync(path, { timeout: 30_000 });
    // freezer-api runs SQLite with foreign keys off (oslo.db default); es2sql loads in FK-safe order anyway.
    this.#db.exec('PRAGMA journal_mode = WAL');
    this.#db.exec('PRAGMA synchronous = NORMAL');
    // A migration commits a batch at a time, and each batch's random keys (document ids, uuids) touch
    // pages all over the indexes: SQLite's default 2 MiB page cache re-reads them batch after batch,
    // and a checkpoint every 1000 WAL pages copies the same hot pages back again and again. 16 MiB
    // and 10,000 pages (40 MiB of WAL) cut a 100k-document migrate's CPU by about 9% (paired runs,
    // BENCHMARKS.md) for about 16 MB more memory; durability is the same (the WAL is synced at
    // checkpoints as before, and checkpointed at close).
    this.#db.exec('PRAGMA cache_size = -16384');
    this.#db.exec('PRAGMA wal_autocheckpoint = 10000');
  }

  prepare(sql: string): SqliteStatement {
    // SQLite ends a transaction itself on some errors (SQLITE_FULL, SQLITE_IOERR, …); Kysely then
    // still sends ROLLBACK, whose "no transaction is active" error would replace the real one.
    if (/^\s*rollback\s*;?\s*$/i.test(sql) && !this.#db.isTransaction) return NO_OP;
    const cached = this.#writers.get(sql);
    if (cached !== undefined) {
      // Most recently used last: the least recently used is the first to go.
      this.#writers.delete(sql);
      this.#writers.set(sql, cached);
      return cached;
    }
    const statement = new NodeSqliteStatement(this.#db.prepare(sql));
    // Writes are kept by text (a batch's multi-row INSERTs repeat, see statement-row-encoder.ts, and
    // preparing one of a thousand rows took 3-5 ms); readers are not: a streamed reader must not be
    // reset by a second query with the same text.
    if (!statement.reader) {
      if (this.#writers.size >= WRITERS_KEPT) this.#writers.delete(this.#writers.keys().next().value!);
      this.#writers.set(sql, statement);
    }
    return statement;
  }

  close(): void {
    if (this.#db.isOpen) this.#db.close();
  }
}
