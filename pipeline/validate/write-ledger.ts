import type { StatementSync } from 'node:sqlite';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Accepted, Row, SqlValue } from '../../transforms/transform-result.ts';
import type { ScratchDatabase } from './scratch-database.ts';
import type { KeyNormaliser } from './key-normaliser.ts';

/** A reference from one row to another, kept until the whole source has been read. */
export type ReferenceKind = 'job_client' | 'job_session' | 'job_action_link' | 'backup_job';

/** The table (and key column) each reference kind points at. */
export const REFERENCE_TARGETS: Readonly<Record<ReferenceKind, { table: string; column: string }>> = {
  job_client: { table: 'clients', column: 'client_id' },
  job_session: { table: 'sessions', column: 'id' },
  job_action_link: { table: 'actions', column: 'id' },
  backup_job: { table: 'jobs', column: 'id' },
};

function text(value: SqlValue | undefined): string | null {
  return typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
}

/**
 * Every row a dry run would write, kept in a scratch SQLite file rather than in memory: one line
 * per (table, key, mode, document) and one per reference. Once the source has been read, the
 * ledger answers what `migrate` would leave behind — distinct keys per table (an upsert of a key
 * replaces, `insert-if-absent` adds only a key nobody upserts), keys several documents write, and
 * references that point at no row.
 */
export class WriteLedger {
  readonly #scratch: ScratchDatabase;
  readonly #schema: TargetSchema;
  readonly #normalise: KeyNormaliser;
  readonly #insertWrite: StatementSync;
  readonly #insertRef: StatementSync;
  readonly #insertClient: StatementSync;

  constructor(scratch: ScratchDatabase, schema: TargetSchema, normalise: KeyNormaliser) {
    this.#scratch = scratch;
    this.#schema = schema;
    this.#normalise = normalise;
    scratch.db.exec(`
      CREATE TABLE writes (tbl TEXT NOT NULL, key TEXT NOT NULL, mode INTEGER NOT NULL, doc TEXT NOT NULL, entity TEXT NOT NULL);
      CREATE TABLE refs (kind TEXT NOT NULL, doc TEXT NOT NULL, entity TEXT NOT NULL, ref TEXT NOT NULL, scope TEXT, shown TEXT NOT NULL);
      CREATE TABLE client_names (name TEXT NOT NULL, project TEXT);
    `);
    this.#insertWrite = scratch.db.prepare('INSERT INTO writes (tbl, key, mode, doc, entity) VALUES (?, ?, ?, ?, ?)');
    this.#insertRef = scratch.db.prepare('INSERT INTO refs (kind, doc, entity, ref, scope, shown) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertClient = scratch.db.prepare('INSERT INTO client_names (name, project) VALUES (?, ?)');
  }

  get db() {
    return this.#scratch.db;
  }

  /** Normalised primary key of a row of `table`. */
  keyOf(table: string, row: Row): string {
    const primaryKey = this.#schema.tables[table]?.primaryKey ?? ['id'];
    return primaryKey.map((column) => this.#normalise(table, column, text(row[column]) ?? '')).join('\u0000');
  }

  normalise(table: string, column: string, value: string): string {
    return this.#normalise(table, column, value);
  }

  /** Records the rows and references of accepted outcomes (one scratch transaction). */
  record(outcomes: readonly Accepted[]): void {
    if (outcomes.length === 0) return;
    const db = this.#scratch.db;
    db.exec('BEGIN');
    try {
      for (const outcome of outcomes) this.#recordOne(outcome);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }

  #recordOne(outcome: Accepted): void {
    const { docId, entity } = outcome;
    const ref = (kind: ReferenceKind, value: string, scope: string | null) => {
      const target = REFERENCE_TARGETS[kind];
      this.#insertRef.run(kind, docId, entity, this.#normalise(target.table, target.column, value), scope, value);
    };
    for (const write of outcome.writes) {
      this.#insertWrite.run(write.table, this.keyOf(write.table, write.row), write.mode === 'upsert' ? 0 : 1, docId, entity);
      const row = write.row;
      if (write.table === 'clients') {
        const name = text(row.client_id);
        if (name !== null) this.#insertClient.run(this.#normalise('clients', 'client_id', name), text(row.project_id));
      } else if (write.table === 'jobs') {
        const client = text(row.client_id);
        if (client !== null && client !== '') ref('job_client', client, text(row.project_id));
        const session = text(row.session_id);
        if (session !== null && session !== '') ref('job_session', session, null);
      } else if (write.table === 'backups') {
        const job = text(row.job_id);
        if (job !== null && job !== '') ref('backup_job', job, null);
      }
    }
    for (const child of outcome.children) {
      for (const row of child.rows) {
        this.#insertWrite.run(child.table, this.keyOf(child.table, row), 0, docId, entity);
        const action = child.table === 'job_actions' ? text(row.action_id) : null;
        if (action !== null) ref('job_action_link', action, null);
      }
    }
  }

  /** Builds the indexes the summaries need (once, after the last `record`). */
  index(): void {
    this.#scratch.db.exec(`
      CREATE INDEX IF NOT EXISTS writes_key ON writes (tbl, key, mode);
      CREATE INDEX IF NOT EXISTS client_names_name ON client_names (name);
      CREATE INDEX IF NOT EXISTS refs_kind ON refs (kind);
    `);
  }
}
