import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { StateStore } from '../state/state-store.ts';

/** Where a change set lives: one sweep of one pipeline, one partition at a time. */
export interface ChangeScope {
  store: StateStore;
  pipelineId: string;
  sweepId: string;
  /** The sweep may hold content hashes (a file source); Elasticsearch sweeps always carry `_version`. */
  hashed: boolean;
}

/** A document to (re)write: new in the source, changed since SQL was written from it, or back after a delete. */
export interface PendingUpsert {
  docId: string;
  /** What the document map says about it; null when it was never migrated. */
  known: { status: 'loaded' | 'rejected' | 'deleted'; sqlId: string | null } | null;
}

/** A document in the document map that the (complete) sweep did not find. */
export interface PendingDelete {
  docId: string;
  sqlId: string | null;
  version: number | null;
  status: 'loaded' | 'rejected';
}

export interface ChangeCounts {
  new: number;
  changed: number;
  deleted: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyBuilder = SelectQueryBuilder<any, any, any>;

function upsertQuery(scope: ChangeScope, partition: string | undefined): AnyBuilder {
  const { pipelineId } = scope;
  let query = scope.store.db
    .selectFrom('es2sql_sweep as s')
    .leftJoin('es2sql_documents as d', (join) =>
      join.on('d.pipeline_id', '=', pipelineId).onRef('d.source_partition', '=', 's.source_partition').onRef('d.doc_id', '=', 's.doc_id'),
    )
    .where('s.sweep_id', '=', scope.sweepId);
  // Content hashes only exist for file sources; an Elasticsearch diff skips that join.
  if (scope.hashed) {
    query = query.leftJoin('es2sql_content_hashes as h', (join) =>
      join.on('h.pipeline_id', '=', pipelineId).onRef('h.source_partition', '=', 's.source_partition').onRef('h.doc_id', '=', 's.doc_id'),
    );
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  query = query.where((eb: ExpressionBuilder<any, any>) => {
    const absent = [eb('d.doc_id', 'is', null), eb('d.status', '=', 'deleted')];
    const versionDiffers = eb.or([eb('d.version', 'is', null), eb('d.version', '<>', eb.ref('s.version'))]);
    if (!scope.hashed) return eb.or([...absent, versionDiffers]);
    const hashDiffers = eb.or([eb('h.content_hash', 'is', null), eb('h.content_hash', '<>', eb.ref('s.content_hash'))]);
    return eb.or([...absent, eb.and([eb('s.version', 'is not', null), versionDiffers]), eb.and([eb('s.version', 'is', null), hashDiffers])]);
  });
  if (partition !== undefined) query = query.where('s.source_partition', '=', partition);
  return query;
}

function deleteQuery(scope: ChangeScope, partition: string | undefined): AnyBuilder {
  let query = scope.store.db
    .selectFrom('es2sql_documents as d')
    .where('d.pipeline_id', '=', scope.pipelineId)
    .where('d.status', '<>', 'deleted')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('es2sql_sweep as s')
            .select(sql<number>`1`.as('one'))
            .where('s.sweep_id', '=', scope.sweepId)
            .whereRef('s.source_partition', '=', 'd.source_partition')
            .whereRef('s.doc_id', '=', 'd.doc_id'),
        ),
      ),
    );
  if (partition !== undefined) query = query.where('d.source_partition', '=', partition);
  return query;
}

/**
 * How many documents are new, changed and deleted, per partition (`only`: one partition), diffed
 * in SQL between the staged sweep entries and the document map (`_version` where the source has
 * one, the content hash where it has not): two grouped queries whatever the number of partitions.
 * Deletes are counted only in `deletesIn`: partitions whose every id a complete sweep staged (a
 * partition where only the new and changed entries were staged has none, see
 * document-map-comparison.ts). Partitions without changes are absent.
 */
export async function countChanges(scope: ChangeScope, deletesIn: ReadonlySet<string>, only?: string): Promise<Map<string, ChangeCounts>> {
  const counts = new Map<string, ChangeCounts>();
  const entry = (partition: string) => {
    let c = counts.get(partition);
    if (c === undefined) counts.set(partition, (c = { new: 0, changed: 0, deleted: 0 }));
    return c;
  };
  let upserts = upsertQuery(scope, only)
    .select((eb) => [
      's.source_partition as partition',
      eb.fn.countAll().as('total'),
      eb.fn.sum(sql<number>`case when d.doc_id is null or d.status = 'deleted' then 1 else 0 end`).as('fresh'),
    ])
    .groupBy('s.source_partition');
  for (const row of await upserts.execute()) {
    const c = entry(String(row.partition));
    c.new = Number(row.fresh ?? 0);
    c.changed = Number(row.total) - c.new;
  }
  const fullyStaged = [...deletesIn].filter((partition) => only === undefined || partition === only);
  if (fullyStaged.length > 0) {
    const gone = await deleteQuery(scope, only)
      .where('d.source_partition', 'in', fullyStaged)
      .select((eb) => ['d.source_partition as partition', eb.fn.countAll().as('n')])
      .groupBy('d.source_partition')
      .execute();
    for (const row of gone) entry(String(row.partition)).deleted = Number(row.n);
  }
  return counts;
}

/** The next documents to write, in `doc_id` order after `after` (keyset paging keeps memory flat). */
export async function nextUpserts(scope: ChangeScope, partition: string, after: string | null, limit: number): Promise<PendingUpsert[]> {
  let query = upsertQuery(scope, partition).select(['s.doc_id as doc_id', 'd.status as status', 'd.sql_id as sql_id']);
  if (after !== null) query = query.where('s.doc_id', '>', after);
  const rows = await query.orderBy('s.doc_id').limit(limit).execute();
  return rows.map((r) => ({
    docId: String(r.doc_id),
    known: r.status === null || r.status === undefined ? null : { status: String(r.status) as 'loaded' | 'rejected' | 'deleted', sqlId: r.sql_id === null ? null : String(r.sql_id) },
  }));
}

/** The next documents gone from the source, in `doc_id` order after `after`. */
export async function nextDeletes(scope: ChangeScope, partition: string, after: string | null, limit: number): Promise<PendingDelete[]> {
  let query = deleteQuery(scope, partition).select(['d.doc_id as doc_id', 'd.sql_id as sql_id', 'd.version as version', 'd.status as status']);
  if (after !== null) query = query.where('d.doc_id', '>', after);
  const rows = await query.orderBy('d.doc_id').limit(limit).execute();
  return rows.map((r) => ({
    docId: String(r.doc_id),
    sqlId: r.sql_id === null ? null : String(r.sql_id),
    version: r.version === null ? null : Number(r.version),
    status: String(r.status) as 'loaded' | 'rejected',
  }));
}
