import type { VerificationEntity } from '../report/report-types.ts';
import type { VerifyLedger } from './verify-ledger.ts';

/** A document whose hashes differ, before its fields are compared. */
export interface DifferentRow {
  entity: string;
  partition: string;
  docId: string;
  sqlId: string;
}

const EXTRA_WHERE = `NOT EXISTS (SELECT 1 FROM expected e WHERE e.entity = a.entity AND e.sql_id = a.sql_id)`;
const NOT_DERIVED = `NOT EXISTS (SELECT 1 FROM derived_rows d WHERE d.entity = a.entity AND d.sql_id = a.sql_id)`;

/**
 * The comparison of both sides inside the scratch database (anti-joins and joins on
 * (entity, SQL id), never in JavaScript memory): per-entity counts, and the first `limit` missing,
 * extra and different ids in a stable order.
 */
export class HashComparison {
  readonly #db: VerifyLedger['db'];

  constructor(ledger: VerifyLedger) {
    this.#db = ledger.db;
  }

  #grouped(query: string): Map<string, number> {
    const rows = this.#db.prepare(query).all() as Array<{ entity: string; n: number }>;
    return new Map(rows.map((r) => [r.entity, Number(r.n)]));
  }

  /** Fills the comparison counts of each entity (`esRead`, `esCounted` and `sqlRows` are the caller's). */
  counts(entities: Record<string, VerificationEntity>): void {
    const matched = this.#grouped(`SELECT e.entity, COUNT(*) AS n FROM expected e JOIN actual a ON a.entity = e.entity AND a.sql_id = e.sql_id WHERE a.hash = e.hash GROUP BY e.entity`);
    const different = this.#grouped(`SELECT e.entity, COUNT(*) AS n FROM expected e JOIN actual a ON a.entity = e.entity AND a.sql_id = e.sql_id WHERE a.hash <> e.hash GROUP BY e.entity`);
    const missing = this.#grouped(`SELECT e.entity, COUNT(*) AS n FROM expected e WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.entity = e.entity AND a.sql_id = e.sql_id) GROUP BY e.entity`);
    const expected = this.#grouped(`SELECT entity, COUNT(*) AS n FROM expected GROUP BY entity`);
    const extra = this.#grouped(`SELECT a.entity, COUNT(*) AS n FROM actual a WHERE ${EXTRA_WHERE} AND ${NOT_DERIVED} GROUP BY a.entity`);
    const derived = this.#grouped(`SELECT a.entity, COUNT(*) AS n FROM actual a WHERE ${EXTRA_WHERE} AND NOT ${NOT_DERIVED} GROUP BY a.entity`);
    const rejects = this.#grouped(`SELECT entity, COUNT(*) AS n FROM rejects GROUP BY entity`);
    for (const [name, entity] of Object.entries(entities)) {
      entity.expected = expected.get(name) ?? 0;
      entity.matched = matched.get(name) ?? 0;
      entity.different = different.get(name) ?? 0;
      entity.missing = missing.get(name) ?? 0;
      entity.extra = extra.get(name) ?? 0;
      entity.derived = derived.get(name) ?? 0;
      entity.knownRejects = rejects.get(name) ?? 0;
    }
  }

  missing(limit: number): Array<{ entity: string; docId: string; sqlId: string }> {
    return (this.#db
      .prepare(`SELECT e.entity, e.doc_id, e.sql_id FROM expected e WHERE NOT EXISTS (SELECT 1 FROM actual a WHERE a.entity = e.entity AND a.sql_id = e.sql_id) ORDER BY e.entity, e.doc_id LIMIT ?`)
      .all(limit) as Array<{ entity: string; doc_id: string; sql_id: string }>).map((r) => ({ entity: r.entity, docId: r.doc_id, sqlId: r.sql_id }));
  }

  extra(limit: number): Array<{ entity: string; sqlId: string }> {
    return (this.#db
      .prepare(`SELECT a.entity, a.sql_id FROM actual a WHERE ${EXTRA_WHERE} AND ${NOT_DERIVED} ORDER BY a.entity, a.sql_id LIMIT ?`)
      .all(limit) as Array<{ entity: string; sql_id: string }>).map((r) => ({ entity: r.entity, sqlId: r.sql_id }));
  }

  different(limit: number): DifferentRow[] {
    return (this.#db
      .prepare(`SELECT e.entity, e.part, e.doc_id, e.sql_id FROM expected e JOIN actual a ON a.entity = e.entity AND a.sql_id = e.sql_id WHERE a.hash <> e.hash ORDER BY e.entity, e.doc_id LIMIT ?`)
      .all(limit) as Array<{ entity: string; part: string; doc_id: string; sql_id: string }>).map((r) => ({ entity: r.entity, partition: r.part, docId: r.doc_id, sqlId: r.sql_id }));
  }

  knownRejects(limit: number): Array<{ entity: string; docId: string; reason: string; source: 'state' | 'policy' }> {
    return (this.#db.prepare(`SELECT entity, doc_id, reason, source FROM rejects ORDER BY entity, doc_id LIMIT ?`).all(limit) as Array<{ entity: string; doc_id: string; reason: string; source: 'state' | 'policy' }>).map((r) => ({
      entity: r.entity,
      docId: r.doc_id,
      reason: r.reason,
      source: r.source,
    }));
  }

  rejectReasons(): Record<string, number> {
    const rows = this.#db.prepare(`SELECT reason, COUNT(*) AS n FROM rejects GROUP BY reason ORDER BY n DESC, reason`).all() as Array<{ reason: string; n: number }>;
    return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
  }
}
