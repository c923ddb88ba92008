import { sqlIdConditions, unionOfSelects, type MapCondition } from '../state/document-map-sql-ids.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { StateStore } from '../state/state-store.ts';

/** A copy committed earlier in the same run, from the document map (`es2sql_documents`). */
export interface EarlierCopy {
  docId: string;
  sqlId: string | null;
  version: number | null;
  status: string;
  /** Its content hash, when recorded (sources without `_version`). */
  hash: string | null;
}

/**
 * A document of a page as the duplicate check against earlier copies sees it: plain data, so a
 * worker thread can ask the main thread (worker-messages.ts).
 */
export interface CopyQuery {
  docId: string;
  version: number | null;
  /** The SQL id its transform gave it (null: rejected). */
  sqlId: string | null;
  /** Content hash (documents without `_version`). */
  hash: string | null;
}

/** The statement {@link earlierCopies} runs: the map's rows of these `_id`s, and of these SQL ids, one index lookup per part. */
export function earlierCopiesQuery(db: AnyKysely, dialect: Dialect, scope: { pipelineId: string; partition: string; since: string; docIds: readonly string[]; sqlIds: readonly string[] }) {
  const select = (condition: MapCondition) =>
    db
      .selectFrom('es2sql_documents as d')
      .leftJoin('es2sql_content_hashes as h', (join) =>
        join.onRef('h.pipeline_id', '=', 'd.pipeline_id').onRef('h.source_partition', '=', 'd.source_partition').onRef('h.doc_id', '=', 'd.doc_id'),
      )
      .select(['d.doc_id as doc_id', 'd.sql_id as sql_id', 'd.version as version', 'd.status as status', 'h.content_hash as hash'])
      .where('d.pipeline_id', '=', scope.pipelineId)
      .where('d.source_partition', '=', scope.partition)
      .where('d.synced_at', '>=', scope.since)
      .where('d.status', '!=', 'deleted')
      .where(condition);
  const conditions: MapCondition[] = [(eb) => eb('d.doc_id', 'in', scope.docIds), ...(scope.sqlIds.length === 0 ? [] : sqlIdConditions(dialect, scope.sqlIds, 'd'))];
  return unionOfSelects(conditions.map(select));
}

/** Copies of these `_id`s or SQL ids committed by this run (since `since`, the run's start), in `_id` order. */
export async function earlierCopies(state: StateStore, pipelineId: string, partition: string, since: string, docs: readonly CopyQuery[]): Promise<EarlierCopy[]> {
  const docIds = docs.map((d) => d.docId);
  const sqlIds = docs.flatMap((d) => (d.sqlId === null ? [] : [d.sqlId]));
  if (docIds.length === 0) return [];
  const found = await earlierCopiesQuery(state.db, state.dialect, { pipelineId, partition, since, docIds, sqlIds }).execute();
  // Once each: a copy both parts found is one row of the map (`_id` is its key within the partition).
  found.sort((a, b) => (String(a.doc_id) < String(b.doc_id) ? -1 : String(a.doc_id) > String(b.doc_id) ? 1 : 0));
  const rows = found.filter((row, i) => i === 0 || String(row.doc_id) !== String(found[i - 1]!.doc_id));
  return rows.map((r) => ({
    docId: String(r.doc_id),
    sqlId: r.sql_id === null ? null : String(r.sql_id),
    version: r.version === null ? null : Number(r.version),
    status: String(r.status),
    hash: r.hash === null || r.hash === undefined ? null : String(r.hash),
  }));
}

/** Rows per read of {@link committedCopyKeys}. */
const KEY_PAGE = 10_000;

/**
 * The `_id`s and SQL ids of every copy this run committed (since `since`), read in `doc_id` order
 * a page at a time, per partition: what a resumed run's duplicate filter starts from (RunCopies).
 */
export async function* committedCopyKeys(state: StateStore, pipelineId: string, partitions: readonly string[], since: string): AsyncGenerator<{ partition: string; docId: string; sqlId: string | null }> {
  for (const partition of partitions) {
    let after: string | null = null;
    for (;;) {
      let query = state.db
        .selectFrom('es2sql_documents')
        .select(['doc_id', 'sql_id'])
        .where('pipeline_id', '=', pipelineId)
        .where('source_partition', '=', partition)
        .where('synced_at', '>=', since)
        .where('status', '!=', 'deleted');
      if (after !== null) query = query.where('doc_id', '>', after);
      const rows = await query.orderBy('doc_id').limit(KEY_PAGE).execute();
      for (const row of rows) yield { partition, docId: String(row.doc_id), sqlId: row.sql_id === null ? null : String(row.sql_id) };
      if (rows.length < KEY_PAGE) break;
      after = String(rows[rows.length - 1]!.doc_id);
    }
  }
}
