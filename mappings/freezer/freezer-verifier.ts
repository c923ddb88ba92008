import { ENTITIES, isEntity } from '../../core/entity.ts';
import type { Verifier } from '../../pipeline/mapping/mapping.ts';
import type { VerifyLedger } from '../../pipeline/verify/verify-ledger.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { TransformContext } from '../../transforms/transform-context.ts';
import { ExpectedSide } from './expected-side.ts';
import { scanSqlDocuments, sqlDocumentsById } from './sql-documents.ts';

/**
 * verify for Freezer: the expected side runs each document through the transforms and then the
 * read-back rules (the API document freezer-api should return); the SQL side reads entity rows
 * (with a layout-B job's links, linked actions and credentials) through the same rules.
 */
export function freezerVerifier(schema: TargetSchema, context: TransformContext, ledger: VerifyLedger): Verifier {
  const expected = new ExpectedSide(schema, context, ledger);
  return {
    entities: () => [...ENTITIES],
    expectation: (partition, doc, state) => expected.expectation(partition, doc, state),
    record: (partition, documents, states) => expected.record(partition, documents, states),
    scan: (db, entity, pageSize, signal) => (isEntity(entity) ? scanSqlDocuments(db, schema, entity, pageSize, signal) : nothing()),
    byIds: async (db, entity, sqlIds) => (isEntity(entity) ? sqlDocumentsById(db, schema, entity, sqlIds) : new Map()),
  };
}

async function* nothing<T>(): AsyncGenerator<T> {}
