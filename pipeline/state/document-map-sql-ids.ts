import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/**
 * How the document map (`es2sql_documents`) finds documents by SQL id, which the duplicate rule and
 * sync need (two documents mapping to one row).
 *
 * Most documents keep their `_id` as their SQL id (a Freezer job, action or session always; a
 * backup unless its id is a composite one). Where the dialect has partial indexes (PostgreSQL,
 * SQLite), only the others are indexed by SQL id ({@link OTHER_SQL_ID_INDEX}), and a lookup asks
 * the primary key for the rest ({@link sqlIdIn}). A full index of every SQL id made every batch
 * update a third B-tree of random keys: on SQLite, where its pages are es2sql's own writes, the
 * index cost about 0.9 s of CPU per 100,000 documents, about 12% of a migrate (BENCHMARKS.md).
 * MySQL/MariaDB keeps the full index ({@link SQL_ID_INDEX}).
 */

/** Every document's SQL id: the index of the first releases, and MySQL/MariaDB's. */
export const SQL_ID_INDEX = 'es2sql_documents_sql_id';

/** The SQL ids that differ from the document's `_id` (partial index; PostgreSQL, SQLite). */
export const OTHER_SQL_ID_INDEX = 'es2sql_documents_sql_id_other';

const KEY = ['pipeline_id', 'source_partition', 'sql_id'];

/** Creates the dialect's SQL-id index of the document map unless it exists. */
export async function createSqlIdIndex(db: AnyKysely, dialect: Dialect): Promise<void> {
  if (dialectFacts(dialect).partialIndexes) {
    await db.schema.createIndex(OTHER_SQL_ID_INDEX).ifNotExists().on('es2sql_documents').columns(KEY).where(sql<SqlBool>`${sql.ref('sql_id')} <> ${sql.ref('doc_id')}`).execute();
    return;
  }
  try {
    await db.schema.createIndex(SQL_ID_INDEX).on('es2sql_documents').columns(KEY).execute();
  } catch (error) {
    if (!/exist|duplicate/i.test((error as Error).message)) throw error;
  }
}

/**
 * `sql_id IN (sqlIds)` over the document map (`alias`: the table's alias in the query, if any), in
 * the form the dialect's index answers: with the partial index, the documents whose SQL id differs
 * from their `_id` through it and the others through the primary key. The same rows either way: a
 * NULL SQL id (a rejected document) matches neither.
 */
export function sqlIdIn(eb: ExpressionBuilder<any, any>, dialect: Dialect, sqlIds: readonly string[], alias?: string): Expression<SqlBool> {
  const column = (name: string) => (alias === undefined ? name : `${alias}.${name}`);
  if (!dialectFacts(dialect).partialIndexes) return eb(column('sql_id'), 'in', sqlIds);
  return eb.or([
    eb.and([eb(column('sql_id'), 'in', sqlIds), eb(column('sql_id'), '<>', eb.ref(column('doc_id')))]),
    eb.and([eb(column('doc_id'), 'in', sqlIds), eb(column('sql_id'), '=', eb.ref(column('doc_id')))]),
  ]);
}
