import { documentHash, type ApiDocument } from '../../core/canonical-json.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { VerifyLedger } from '../verify/verify-ledger.ts';
import { UNCLASSIFIED, type DocumentTransform, type Expectation, type MappedDocument, type MappingOutcome, type ReadBackDocument, type Verifier } from './mapping.ts';

/** What a mapping that keeps one row per document says about reading documents back. */
/**
 * A {@link Verifier.record}: each document's expectation into the ledger, as a known reject or as
 * the hash of the document SQL should give back. Shared by every verifier built on expectations.
 */
export function recordExpectations(ledger: VerifyLedger, expectation: Verifier['expectation']): Verifier['record'] {
  return (partition, documents, states) => {
    ledger.batch(() => {
      for (const doc of documents) {
        const expected = expectation(partition, doc, states.get(doc.id));
        if (expected.kind === 'reject') ledger.reject({ partition, entity: expected.entity, docId: doc.id, reason: expected.reason, source: expected.source });
        else ledger.expected({ entity: expected.entity, partition, docId: doc.id, sqlId: expected.sqlId, hash: documentHash(expected.document) });
      }
    });
  };
}

export interface DocumentReadback {
  /** Tables holding one row per document (named like the entity), in the order they are compared. */
  entities: readonly string[];
  /** Their primary-key column (the SQL id the transform gives each document). */
  keyColumn: string;
  /** The document SQL should show for an accepted source document. */
  expected(doc: SourceDocument, outcome: MappedDocument): ApiDocument;
  /** Rows of an entity table turned back into documents (child tables read by the mapping itself). */
  fromRows(db: AnyKysely, schema: TargetSchema, entity: string, rows: readonly Record<string, unknown>[]): Promise<ReadBackDocument[]>;
}

const CHUNK = 500;

/**
 * A {@link Verifier} for mappings with one row per document: the expected side maps each source
 * document with the mapping's transform (the state's id map and known rejects win) and hashes
 * `expected`; the SQL side pages through each entity table in key order and hashes `fromRows`.
 */
export function documentVerifier(transformOf: (partition: string) => DocumentTransform, readback: DocumentReadback, schema: TargetSchema, ledger: VerifyLedger): Verifier {
  const transforms = new Map<string, DocumentTransform>();
  const outcomeOf = (partition: string, doc: SourceDocument): MappingOutcome => {
    if (partition === UNCLASSIFIED) return { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail: 'unclassified partition', findings: [] };
    let transform = transforms.get(partition);
    if (transform === undefined) transforms.set(partition, (transform = transformOf(partition)));
    return transform(doc);
  };
  const expectation: Verifier['expectation'] = (partition, doc, state) => {
    const outcome = outcomeOf(partition, doc);
    if (state?.rejectReason !== undefined) return { kind: 'reject', entity: outcome.entity ?? partition, reason: state.rejectReason, source: 'state' };
    if (outcome.kind === 'rejected') return { kind: 'reject', entity: outcome.entity ?? partition, reason: outcome.reason, source: 'policy' };
    return { kind: 'expected', entity: outcome.entity, sqlId: state?.sqlId ?? outcome.sqlId, document: readback.expected(doc, outcome) } satisfies Expectation;
  };
  const { keyColumn } = readback;
  return {
    entities: () => [...readback.entities],
    expectation,
    record: recordExpectations(ledger, expectation),
    async *scan(db, entity, pageSize, signal) {
      if (schema.tables[entity] === undefined) return;
      let last: string | null = null;
      for (;;) {
        signal?.throwIfAborted();
        let query = db.selectFrom(entity).selectAll().orderBy(keyColumn).limit(pageSize);
        if (last !== null) query = query.where(keyColumn, '>', last);
        const rows = (await query.execute()) as Record<string, unknown>[];
        if (rows.length === 0) return;
        last = String(rows[rows.length - 1]![keyColumn]);
        yield await readback.fromRows(db, schema, entity, rows);
        if (rows.length < pageSize) return;
      }
    },
    async byIds(db, entity, sqlIds) {
      const found = new Map<string, ReadBackDocument>();
      if (schema.tables[entity] === undefined) return found;
      for (let start = 0; start < sqlIds.length; start += CHUNK) {
        const rows = (await db.selectFrom(entity).selectAll().where(keyColumn, 'in', sqlIds.slice(start, start + CHUNK)).execute()) as Record<string, unknown>[];
        for (const document of await readback.fromRows(db, schema, entity, rows)) found.set(document.sqlId, document);
      }
      return found;
    },
  };
}
