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
      CREATE TABLE stored_actions (action_id TEXT PRIMARY KEY, project_id TEXT, doc TEXT NOT NULL) WITHOUT ROWID;
      CREATE TABLE derived_actions (action_id TEXT PRIMARY KEY) WITHOUT ROWID;
    `);
    this.#insertExpected = this.db.prepare('INSERT INTO expected (entity, part, doc_id, sql_id, hash) VALUES (?, ?, ?, ?, ?)');
    this.#insertActual = this.db.prepare('INSERT OR REPLACE INTO actual (entity, sql_id, hash) VALUES (?, ?, ?)');
    this.#insertReject = this.db.prepare('INSERT INTO rejects (part, entity, doc_id, reason, source) VALUES (?, ?, ?, ?, ?)');
    this.#insertStored = this.db.prepare('INSERT OR REPLACE INTO stored_actions (action_id, project_id, doc) VALUES (?, ?, ?)');
    this.#insertDerived = this.db.prepare('INSERT OR IGNORE INTO derived_actions (action_id) VALUES (?)');
    this.#selectStored = this.db.prepare('SELECT project_id, doc FROM stored_actions WHERE action_id = ?');
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

  /** Records the action row a migrated action document became (canonical entry form). */
  storeAction(actionId: string, projectId: string | null, canonicalDocument: string): void {
    this.#insertStored.run(actionId, projectId, canonicalDocument);
  }

  /** The entry form {@link storeAction} recorded for an action id (a mapping's cross-document lookup). */
  storedAction(actionId: string): { projectId: string | null; document: ApiDocument } | undefined {
    const row = this.#selectStored.get(actionId) as { project_id: string | null; doc: string } | undefined;
    return row === undefined ? undefined : { projectId: row.project_id, document: parseJson(row.doc) as ApiDocument };
  }

  derivedAction(actionId: string): void {
    this.#insertDerived.run(actionId);
  }

  /** Indexes for the comparison (once, after both sides are in). */
  index(): void {
    this.db.exec(`
      CREATE INDEX IF NOT EXISTS expected_sql ON expected (entity, sql_id);
      CREATE INDEX IF NOT EXISTS rejects_entity ON rejects (entity);
    `);
  }
}
