import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { ignoreExisting } from './ignore-existing.ts';

/**
 * How the document map (`es2sql_documents`) finds documents by SQL id, which the duplicate rule and
 * sync need (two documents mapping to one row).
 *
 * Most documents keep their `_id` as their SQL id (a Freezer job, action or session always; a
 * backup unless its id is a composite one). Where the dialect has partial indexes (PostgreSQL,
 * SQLite), only the others are indexed by SQL id ({@link OTHER_SQL_ID_INDEX}), and a lookup asks
 * the primary key for the rest ({@link sqlIdConditions}). A full index of every SQL id made every batch
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
  await ignoreExisting(db.schema.createIndex(SQL_ID_INDEX).on('es2sql_documents').columns(KEY).execute());
}

/** A condition on the document map, as Kysely's `where` takes it. */
export type MapCondition = (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>;

/**
 * `sql_id IN (sqlIds)` over the document map (`alias`: the table's alias in the query, if any) as
 * conditions whose rows together are the rows it selects, each one an index answers by itself: with
 * the partial index, the documents whose SQL id differs from their `_id` (through it) and the
 * others (through the primary key, by `_id`). A NULL SQL id (a rejected document) matches none.
 *
 * The parts are disjoint. Callers run one SELECT per part and take the union ({@link unionOfSelects}):
 * SQLite plans an OR of the two without statistics (es2sql does not ANALYZE it) as a scan of the
 * whole partition.
 */
export function sqlIdConditions(dialect: Dialect, sqlIds: readonly string[], alias?: string): MapCondition[] {
  const column = (name: string) => (alias === undefined ? name : `${alias}.${name}`);
  if (!dialectFacts(dialect).partialIndexes) return [(eb) => eb(column('sql_id'), 'in', sqlIds)];
  return [
    (eb) => eb.and([eb(column('sql_id'), 'in', sqlIds), eb(column('sql_id'), '<>', eb.ref(column('doc_id')))]),
    (eb) => eb.and([eb(column('doc_id'), 'in', sqlIds), eb(column('sql_id'), '=', eb.ref(column('doc_id')))]),
  ];
}

/**
 * The SELECTs of {@link sqlIdConditions} (and any others) as one statement, `UNION ALL`: a `UNION`
 * made SQLite read every part in key order, which it did by scanning the partition.
 */
export function unionOfSelects<Q extends { unionAll(other: Q): Q }>(selects: readonly Q[]): Q {
  let query = selects[0]!;
  for (const other of selects.slice(1)) query = query.unionAll(other);
  return query;
}

/** Which SQL ids {@link claimedSqlIds} asks about, and whose documents it leaves out. */
export interface ClaimScope {
  pipelineId: string;
  partition: string;
  sqlIds: readonly string[];
  exceptDocIds: readonly string[];
}

/** The statement {@link claimedSqlIds} runs (`sqlIds` not empty): one index lookup per part of the union. */
export function claimedSqlIdsQuery(db: AnyKysely, dialect: Dialect, scope: ClaimScope) {
  const select = (condition: MapCondition) => {
    let query = db
      .selectFrom('es2sql_documents')
      .select('sql_id')
      .where('pipeline_id', '=', scope.pipelineId)
      .where('source_partition', '=', scope.partition)
      .where('status', '=', 'loaded')
      .where(condition);
    if (scope.exceptDocIds.length > 0) query = query.where('doc_id', 'not in', scope.exceptDocIds);
    return query;
  };
  return unionOfSelects(sqlIdConditions(dialect, scope.sqlIds).map(select));
}

/**
 * Of these SQL ids, those a loaded document of the partition maps to, documents `exceptDocIds`
 * left out: the rows another document still claims (two documents, one row), which sync keeps
 * when a document changes its SQL id or goes.
 */
export async function claimedSqlIds(db: AnyKysely, dialect: Dialect, scope: ClaimScope): Promise<Set<string>> {
  if (scope.sqlIds.length === 0) return new Set();
  const rows = await claimedSqlIdsQuery(db, dialect, scope).execute();
  return new Set(rows.map((row) => String(row.sql_id)));
}
