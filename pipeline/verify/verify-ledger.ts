import type { StatementSync } from 'node:sqlite';
import { parseJson } from '../../core/parse-json.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import type { ScratchDatabase } from '../validate/scratch-database.ts';

/** One Elasticsearch document expected in SQL. */
export interface ExpectedRow {
  entity: string;
  partition: string;
  docId: string;
  sqlId: string;
  hash: string;
}

/** One Elasticsearch document es2sql refuses. */
export interface KnownReject {
  partition: string;
  entity: string;
  docId: string;
  reason: string;
  source: 'state' | 'policy';
}

/**
 * verify's bookkeeping in a scratch SQLite file, so a million documents cost disk, not memory:
 * the expected hash of every ES document, the hash of every visible SQL row, the known rejects,
 * the action rows layout-B job entries resolve to, and the actions es2sql derives from job entries.
 */
export class VerifyLedger {
  readonly db: ScratchDatabase['db'];
  readonly #insertExpected: StatementSync;
  readonly #insertActual: StatementSync;
  readonly #insertReject: StatementSync;
  readonly #insertStored: StatementSync;
  readonly #insertDerived: StatementSync;
  readonly #selectStored: StatementSync;

  constructor(scratch: ScratchDatabase) {
    this.db = scratch.db;
    this.db.exec(`
      CREATE TABLE expected (entity TEXT NOT NULL, part TEXT NOT NULL, doc_id TEXT NOT NULL, sql_id TEXT NOT NULL, hash TEXT NOT NULL);
      CREATE TABLE actual (entity TEXT NOT NULL, sql_id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (entity, sql_id)) WITHOUT ROWID;
      CREATE TABLE rejects (part TEXT NOT NULL, entity TEXT NOT NULL, doc_id TEXT NOT NULL, reason TEXT NOT NULL, source TEXT NOT NULL);
      CREATE TABLE stored_documents (entity TEXT NOT NULL, sql_id TEXT NOT NULL, scope TEXT, doc TEXT NOT NULL, PRIMARY KEY (entity, sql_id)) WITHOUT ROWID;
      CREATE TABLE derived_rows (entity TEXT NOT NULL, sql_id TEXT NOT NULL, PRIMARY KEY (entity, sql_id)) WITHOUT ROWID;
    `);
    this.#insertExpected = this.db.prepare('INSERT INTO expected (entity, part, doc_id, sql_id, hash) VALUES (?, ?, ?, ?, ?)');
    this.#insertActual = this.db.prepare('INSERT OR REPLACE INTO actual (entity, sql_id, hash) VALUES (?, ?, ?)');
    this.#insertReject = this.db.prepare('INSERT INTO rejects (part, entity, doc_id, reason, source) VALUES (?, ?, ?, ?, ?)');
    this.#insertStored = this.db.prepare('INSERT OR REPLACE INTO stored_documents (entity, sql_id, scope, doc) VALUES (?, ?, ?, ?)');
    this.#insertDerived = this.db.prepare('INSERT OR IGNORE INTO derived_rows (entity, sql_id) VALUES (?, ?)');
    this.#selectStored = this.db.prepare('SELECT scope, doc FROM stored_documents WHERE entity = ? AND sql_id = ?');
  }

  /** Runs `work` in one scratch transaction (one per page keeps inserts fast). */
  batch(work: () => void): void {
    this.db.exec('BEGIN');
    try {
      work();
      this.db.exec('COMMIT');
    } catch (error) {
      this.db.exec('ROLLBACK');
      throw error;
    }
  }

  expected(row: ExpectedRow): void {
    this.#insertExpected.run(row.entity, row.partition, row.docId, row.sqlId, row.hash);
  }

  actual(entity: string, sqlId: string, hash: string): void {
    this.#insertActual.run(entity, sqlId, hash);
  }

  reject(reject: KnownReject): void {
    this.#insertReject.run(reject.partition, reject.entity, reject.docId, reject.reason, reject.source);
  }

  /**
   * Keeps the expected form of a document for later lookups by other documents of the same
   * verification (a mapping's cross-document reads), with an optional scope (an owner, a tenant).
   */
  storeDocument(entity: string, sqlId: string, scope: string | null, canonicalDocument: string): void {
    this.#insertStored.run(entity, sqlId, scope, canonicalDocument);
  }

  /** The document {@link storeDocument} kept for an entity's SQL id. */
  storedDocument(entity: string, sqlId: string): { scope: string | null; document: ApiDocument } | undefined {
    const row = this.#selectStored.get(entity, sqlId) as { scope: string | null; doc: string } | undefined;
    return row === undefined ? undefined : { scope: row.scope, document: parseJson(row.doc) as ApiDocument };
  }

  /**
   * Records a row that other documents' writes create (no document of its own expects it): found in
   * SQL, it counts as derived, not as extra.
   */
  derivedRow(entity: string, sqlId: string): void {
    this.#insertDerived.run(entity, sqlId);
  }

  /** Indexes for the comparison (once, after both sides are in). */
  index(): void {
    this.db.exec(`
      CREATE INDEX IF NOT EXISTS expected_sql ON expected (entity, sql_id);
      CREATE INDEX IF NOT EXISTS rejects_entity ON rejects (entity);
    `);
  }
}
