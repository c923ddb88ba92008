import { sql } from 'kysely';
import type { StateStore } from './state-store.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** The state tables a migrate fills page by page, analysed together: the document map, its content hashes, the rejects. */
export const MIGRATE_STATE_TABLES = 'es2sql_documents, es2sql_content_hashes, es2sql_rejects';

/** What PostgreSQL's statistics say of the document map in the current schema (undefined: no such table yet). */
interface DocumentMapStatistics {
  /** Analysed at least once, by hand or by autovacuum. */
  analysed: boolean;
  /** Rows written since the last analyse. */
  changed: number;
  live: number;
}

async function documentMapStatistics(store: StateStore): Promise<DocumentMapStatistics | undefined> {
  const { rows } = await sql<{ analysed: boolean; changed: number | string; live: number | string }>`
    select (last_analyze is not null or last_autoanalyze is not null) as analysed, n_mod_since_analyze as changed, n_live_tup as live
    from pg_stat_user_tables where relname = 'es2sql_documents' and schemaname = current_schema()`.execute(store.db);
  const row = rows[0];
  return row === undefined ? undefined : { analysed: row.analysed, changed: Number(row.changed), live: Number(row.live) };
}

/**
 * Whether the document map changed enough since PostgreSQL last analysed it to be analysed again:
 * autovacuum's own rule (more than 10 % + 50 rows changed).
 */
async function documentMapIsStale(store: StateStore): Promise<boolean> {
  const stats = await documentMapStatistics(store);
  return stats === undefined || stats.changed > 0.1 * stats.live + 50;
}

/**
 * Analyses the document map (and the other {@link MIGRATE_STATE_TABLES}) on PostgreSQL, as a
 * completed migrate does: what follows a migration (sync's sweep above all) looks every id up in
 * the map by primary key, and without statistics
 * PostgreSQL planned those lookups as a scan of the whole partition filtered by the id list, 40 ms
 * instead of 14 ms per 2,000 ids (100k documents, measured), so the sweep waited on the database.
 * Unconditional: the counts {@link documentMapIsStale} reads reach PostgreSQL's statistics up to a
 * second after the writes, so right after them they can say "unchanged". Analysing 100,000 entries
 * takes about 0.15 s (a sample of 30,000 rows at any size). MySQL/MariaDB (persistent InnoDB
 * statistics) and SQLite (no statistics unless asked) pick the primary keys on their own.
 */
export async function analyzeDocumentMap(store: StateStore): Promise<void> {
  if (!dialectFacts(store.dialect).plannerNeedsAnalyze) return;
  // Statistics only speed later lookups up: a failed analyse must not fail the command that asked for it.
  await sql
    .raw(`ANALYZE ${MIGRATE_STATE_TABLES}`)
    .execute(store.db)
    .catch(() => undefined);
}

/**
 * Whether PostgreSQL plans lookups in the document map without statistics worth the name: never
 * analysed (by hand or by autovacuum), or more than half of it written since. Not autovacuum's
 * 10 % rule: a completed migrate analyses the map, but the counts of its last second of writes
 * reach the statistics afterwards, so right after a large migrate that rule can still say "stale".
 */
async function documentMapLacksStatistics(store: StateStore): Promise<boolean> {
  const stats = await documentMapStatistics(store);
  return stats !== undefined && (!stats.analysed || stats.changed > 0.5 * stats.live + 50);
}

/**
 * {@link analyzeDocumentMap} when the map lacks statistics ({@link documentMapLacksStatistics}):
 * what a sync does before its sweep, for a map that a migrate of an older es2sql, or other writes,
 * left unanalysed.
 */
export async function analyzeDocumentMapWithoutStatistics(store: StateStore): Promise<void> {
  if (!dialectFacts(store.dialect).plannerNeedsAnalyze) return;
  if (await documentMapLacksStatistics(store).catch(() => false)) await analyzeDocumentMap(store);
}

/**
 * Refreshes the planner's statistics of the tables the change diff joins, once the sweep filled
 * `es2sql_sweep`. PostgreSQL otherwise plans with the statistics of an empty sweep table (one row)
 * and turns the join into a nested loop over every document of a partition: minutes instead of
 * milliseconds at 20 000 documents (measured). The document map is analysed again only when
 * autovacuum would ({@link documentMapIsStale}). When the sweep staged nothing (nothing changed,
 * no full pass) the diff joins an empty table whatever the plan, so only the sweep table is
 * analysed.
 */
export async function refreshPlannerStatistics(store: StateStore, staged: number): Promise<void> {
  if (!dialectFacts(store.dialect).plannerNeedsAnalyze) return;
  const stale = staged > 0 && (await documentMapIsStale(store));
  await sql.raw(stale ? `ANALYZE es2sql_sweep, ${MIGRATE_STATE_TABLES}` : 'ANALYZE es2sql_sweep').execute(store.db);
}
