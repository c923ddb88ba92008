import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Row, SqlValue } from '../../core/mapped-rows.ts';
import type { LoadTransaction } from '../../pipeline/load/load-adapter.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { toDriverValue } from '../../pipeline/load/driver-values.ts';
import type { OpenDatabase } from '../../pipeline/load/target-database.ts';
import { withDatabaseRetries } from '../../pipeline/batch/transient-database-error.ts';
import type { StateStore } from '../../pipeline/state/state-store.ts';
import type { DeleteMode, MappedDocument as Accepted, SyncRules, SyncUpkeep } from '../../pipeline/mapping/mapping.ts';

/*
 * Layout B HEAD keeps a job's actions as `job_actions` links, and migrate builds an action row from
 * a job entry when no action document provides it (`insert-if-absent`). A sync must leave what a
 * fresh migration of the index as it is now would leave, so around jobs and actions it also:
 * rebuilds from the job entries an action whose document is gone while live jobs still name it (ES
 * keeps the job's embedded copy), revives such a row when a new or changed job names it again, and
 * removes entry-built actions that no live job names any more.
 */

const CHUNK = 1000;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

function hasJobActionLinks(schema: TargetSchema): boolean {
  return schema.tables.job_actions !== undefined;
}

/** Action ids the links of these jobs name (deleted links included). */
async function linkedActionIds(target: OpenDatabase, jobIds: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  for (const ids of chunks(jobIds)) {
    const rows = await target.db.selectFrom('job_actions').select('action_id').distinct().where('job_id', 'in', ids).execute();
    for (const r of rows) found.add(String(r.action_id));
  }
  return [...found];
}

/** Live links (link and job not deleted) to any of these actions: the jobs, or the actions, they concern. */
async function liveLinks(target: OpenDatabase, schema: TargetSchema, actionIds: readonly string[], pick: 'job_id' | 'action_id'): Promise<string[]> {
  const no = toDriverValue(false, dialectFacts(schema.dialect).valueEncoding);
  const found = new Set<string>();
  for (const ids of chunks(actionIds)) {
    const rows = await target.db
      .selectFrom('job_actions as ja')
      .innerJoin('jobs as j', 'j.id', 'ja.job_id')
      .select(`ja.${pick} as picked`)
      .distinct()
      .where('ja.action_id', 'in', ids)
      .where('ja.deleted', '=', no)
      .where('j.deleted', '=', no)
      .execute();
    for (const r of rows) found.add(String(r.picked));
  }
  return [...found];
}

/** Live jobs (job and link not deleted) that link to any of these actions. */
function liveJobsLinking(target: OpenDatabase, schema: TargetSchema, actionIds: readonly string[]): Promise<string[]> {
  return liveLinks(target, schema, actionIds, 'job_id');
}

/**
 * Before a batch of jobs commits: an action row the batch would write `insert-if-absent` but that
 * exists soft-deleted (its document was deleted earlier) is written from the entry and made live,
 * as a fresh migration would have it. Returns the rows written.
 */
async function reviveEntryActions(tx: LoadTransaction, target: OpenDatabase, schema: TargetSchema, accepted: readonly Accepted[]): Promise<number> {
  const wanted = new Map<string, Row>();
  for (const outcome of accepted) {
    for (const write of outcome.writes) {
      if (write.table === 'actions' && write.mode === 'insert-if-absent' && !wanted.has(String(write.row.id))) wanted.set(String(write.row.id), write.row);
    }
  }
  if (wanted.size === 0) return 0;
  const yes = toDriverValue(true, dialectFacts(schema.dialect).valueEncoding);
  const dead = new Set<string>();
  for (const ids of chunks([...wanted.keys()])) {
    const rows = await tx.execute(target.db.selectFrom('actions').select('id').where('id', 'in', ids).where('deleted', '=', yes).compile());
    for (const r of rows) dead.add(String(r.id));
  }
  const rows = [...dead].map((id) => wanted.get(id)!);
  if (rows.length === 0) return 0;
  const columns = Object.keys(rows[0]!);
  await tx.write({ table: 'actions', columns, rows: rows.map((row) => columns.map((c) => (row[c] ?? null) as SqlValue)), primaryKey: schema.tables.actions?.primaryKey ?? ['id'], mode: 'upsert' });
  return rows.length;
}

/**
 * After jobs were deleted or changed: of the actions their links named, those without a loaded
 * action document and without a live link left were built from job entries only; a fresh
 * migration would not create them, so they go (soft or hard, like any delete). Returns the rows changed.
 */
async function removeUnreferencedEntryActions(
  target: OpenDatabase,
  store: StateStore,
  pipelineId: string,
  schema: TargetSchema,
  candidates: readonly string[],
  mode: DeleteMode,
  removeRows: SyncRules['removeRows'],
): Promise<number> {
  if (candidates.length === 0) return 0;
  const keep = new Set<string>();
  for (const ids of chunks(candidates)) {
    const documented = await store.db
      .selectFrom('es2sql_documents')
      .select('sql_id')
      .where('pipeline_id', '=', pipelineId)
      .where('source_partition', '=', 'actions')
      .where('status', '=', 'loaded')
      .where('sql_id', 'in', ids)
      .execute();
    for (const r of documented) keep.add(String(r.sql_id));
  }
  for (const id of await liveLinks(target, schema, candidates, 'action_id')) keep.add(id);
  const garbage = candidates.filter((id) => !keep.has(id));
  if (garbage.length === 0) return 0;
  return withDatabaseRetries(() => target.adapter.transaction((tx) => removeRows(tx, target.db, schema, 'actions', garbage, mode, new Date())));
}

/** ES ids of the loaded documents of a partition with these SQL ids. */
async function docIdsOf(store: StateStore, pipelineId: string, partition: string, sqlIds: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const ids of chunks(sqlIds)) {
    const rows = await store.db
      .selectFrom('es2sql_documents')
      .select('doc_id')
      .where('pipeline_id', '=', pipelineId)
      .where('source_partition', '=', partition)
      .where('status', '=', 'loaded')
      .where('sql_id', 'in', ids)
      .execute();
    found.push(...rows.map((r) => String(r.doc_id)));
  }
  return found;
}

/**
 * Freezer's sync upkeep on layout B HEAD (a target with `job_actions`): around changed jobs, revive
 * the soft-deleted actions their entries name and remove the entry-built actions no live job names
 * any more; around deleted actions, write the jobs that still name them again (their entries
 * rebuild the action); around deleted jobs, remove the actions only they named.
 */
export const FREEZER_SYNC_UPKEEP: SyncUpkeep = {
  async before(scope, partition, change, sqlIds) {
    const { target, schema, store, pipelineId, deleteMode, removeRows } = scope;
    if (!hasJobActionLinks(schema)) return null;
    if (partition === 'jobs') {
      const linkedBefore = await linkedActionIds(target, sqlIds);
      const afterCommit = () => removeUnreferencedEntryActions(target, store, pipelineId, schema, linkedBefore, deleteMode, removeRows);
      if (change === 'upsert') return { beforeCommit: (tx, accepted) => reviveEntryActions(tx, target, schema, accepted), afterCommit };
      return linkedBefore.length === 0 ? null : { afterCommit };
    }
    if (partition === 'actions' && change === 'delete') {
      const namingJobs = await docIdsOf(store, pipelineId, 'jobs', await liveJobsLinking(target, schema, sqlIds));
      return namingJobs.length === 0 ? null : { rewrite: { partition: 'jobs', docIds: namingJobs } };
    }
    return null;
  },
};
