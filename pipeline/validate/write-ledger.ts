import type { StatementSync } from 'node:sqlite';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Row, SqlValue } from '../../core/mapped-rows.ts';
import type { MappedDocument, ReferenceRule } from '../mapping/mapping.ts';
import type { ScratchDatabase } from './scratch-database.ts';
import type { KeyNormaliser } from './key-normaliser.ts';

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
  readonly #insertName: StatementSync;
  readonly #references: readonly ReferenceRule[];

  constructor(scratch: ScratchDatabase, schema: TargetSchema, normalise: KeyNormaliser, references: readonly ReferenceRule[] = []) {
    this.#scratch = scratch;
    this.#schema = schema;
    this.#normalise = normalise;
    this.#references = references;
    scratch.db.exec(`
      CREATE TABLE writes (tbl TEXT NOT NULL, key TEXT NOT NULL, mode INTEGER NOT NULL, doc TEXT NOT NULL, entity TEXT NOT NULL);
      CREATE TABLE refs (kind TEXT NOT NULL, doc TEXT NOT NULL, entity TEXT NOT NULL, ref TEXT NOT NULL, scope TEXT, shown TEXT NOT NULL);
      CREATE TABLE names (kind TEXT NOT NULL, name TEXT NOT NULL, scope TEXT);
    `);
    this.#insertWrite = scratch.db.prepare('INSERT INTO writes (tbl, key, mode, doc, entity) VALUES (?, ?, ?, ?, ?)');
    this.#insertRef = scratch.db.prepare('INSERT INTO refs (kind, doc, entity, ref, scope, shown) VALUES (?, ?, ?, ?, ?, ?)');
    this.#insertName = scratch.db.prepare('INSERT INTO names (kind, name, scope) VALUES (?, ?, ?)');
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
  record(outcomes: readonly MappedDocument[]): void {
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

  #recordOne(outcome: MappedDocument): void {
    const { docId, entity } = outcome;
    for (const write of outcome.writes) {
      this.#insertWrite.run(write.table, this.keyOf(write.table, write.row), write.mode === 'upsert' ? 0 : 1, docId, entity);
      this.#recordReferences(write.table, write.row, docId, entity);
    }
    for (const child of outcome.children) {
      for (const row of child.rows) {
        this.#insertWrite.run(child.table, this.keyOf(child.table, row), 0, docId, entity);
        this.#recordReferences(child.table, row, docId, entity);
      }
    }
  }

  /** The names a row offers to references (its `to` side) and the references it makes (`from`). */
  #recordReferences(table: string, row: Row, docId: string, entity: string): void {
    for (const rule of this.#references) {
      if (table === rule.to.table) {
        const name = text(row[rule.to.column]);
        if (name !== null) this.#insertName.run(rule.kind, this.#normalise(rule.to.table, rule.to.column, name), rule.to.scopeColumn === undefined ? null : text(row[rule.to.scopeColumn]));
      }
      if (table === rule.from.table) {
        const value = text(row[rule.from.column]);
        if (value === null || (value === '' && rule.skipEmpty !== false)) continue;
        const scope = rule.from.scopeColumn === undefined ? null : text(row[rule.from.scopeColumn]);
        this.#insertRef.run(rule.kind, docId, entity, this.#normalise(rule.to.table, rule.to.column, value), scope, value);
      }
    }
  }

  /** Builds the indexes the summaries need (once, after the last `record`). */
  index(): void {
    this.#scratch.db.exec(`
      CREATE INDEX IF NOT EXISTS writes_key ON writes (tbl, key, mode);
      CREATE INDEX IF NOT EXISTS names_name ON names (kind, name);
      CREATE INDEX IF NOT EXISTS refs_kind ON refs (kind);
    `);
  }
}
