import { sql, type CreateTableBuilder } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { createSqlIdIndex } from './document-map-sql-ids.ts';
import { ignoreExisting } from './ignore-existing.ts';
import { LAYOUT_TYPE, migrateStateSchema } from './state-schema-migrations.ts';

/**
 * es2sql's own bookkeeping, kept in the state database (`--state-db`, else the target under its own
 * pool). Every table is prefixed `es2sql_` and never touches freezer-api's tables.
 *
 * - `es2sql_runs`: one row per command run (migrate, sync, …) with its fixed migration time, options
 *   (never secrets), final stats and error.
 * - `es2sql_checkpoints`: the source cursor per run, partition and slice, committed with the batch.
 * - `es2sql_rejects`: documents that could not be migrated: reason, field, detail, raw document.
 * - `es2sql_documents`: every migrated document's ES id, SQL id and `_version`: the id map for
 *   composite ids and the baseline for incremental sync.
 * - `es2sql_locks`: one row per pipeline while a sync (or cutover) runs, with a heartbeat.
 * - `es2sql_cutovers`: the marker a successful cutover leaves (sync refuses afterwards).
 * - `es2sql_sweep`: ids and `_version`s (or content hashes) one sync's sweep found in the source
 *   that differ from `es2sql_documents` (every id of a partition that needs a full pass to find
 *   its deletes), diffed against it in SQL and removed when the sync ends.
 * - `es2sql_content_hashes`: the content hash of documents the source gives no `_version` for
 *   (NDJSON dumps), the change-detection baseline for those.
 * - `es2sql_definitions`: the definition of a mapping derived from the data (the auto mapping's
 *   compiled plan) as the pipeline's first migrate derived it; later commands use it as it is.
 * - `es2sql_state_schema`: the version of these tables' own schema (state-schema-migrations.ts).
 */
export const STATE_TABLES = ['es2sql_state_schema', 'es2sql_runs', 'es2sql_checkpoints', 'es2sql_rejects', 'es2sql_documents', 'es2sql_locks', 'es2sql_cutovers', 'es2sql_sweep', 'es2sql_content_hashes', 'es2sql_definitions'] as const;

/** Characters of a document `_id` in es2sql's own tables (Elasticsearch allows 512 bytes). */
export const DOC_ID_LENGTH = 512;

/** Case-sensitive identifiers (ES ids differ by case; MySQL's default collations fold it). */
function idColumn(dialect: Dialect, length: number) {
  return sql.raw(dialectFacts(dialect).caseSensitiveVarchar(length));
}

function tableOptions<T extends string, C extends string>(dialect: Dialect, builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> {
  const options = dialectFacts(dialect).stateTableOptions;
  return options === undefined ? builder : builder.modifyEnd(sql.raw(options));
}

const TEXT = (dialect: Dialect) => sql.raw(dialectFacts(dialect).longTextType);

/** A partition name: a mapping's document table or an index name (Elasticsearch allows 255 bytes). */
const PARTITION = (dialect: Dialect) => sql.raw(dialectFacts(dialect).partitionNameType);

/** Creates the state tables when missing (idempotent; safe to run from several processes). */
export async function ensureStateTables(db: AnyKysely, dialect: Dialect): Promise<void> {
  const created = !(await db.introspection.getTables()).some((table) => table.name === 'es2sql_runs');
  await tableOptions(dialect, db.schema.createTable('es2sql_runs').ifNotExists()
    .addColumn('run_id', idColumn(dialect, 36), (c) => c.primaryKey())
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.notNull())
    .addColumn('command', 'varchar(16)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('source', 'varchar(1024)', (c) => c.notNull())
    .addColumn('target', 'varchar(1024)', (c) => c.notNull())
    .addColumn('layout', LAYOUT_TYPE)
    .addColumn('migration_time', 'varchar(32)', (c) => c.notNull())
    .addColumn('started_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('finished_at', 'varchar(32)')
    .addColumn('options', TEXT(dialect))
    .addColumn('stats', TEXT(dialect))
    .addColumn('error', TEXT(dialect))).execute();
  await ignoreExisting(db.schema.createIndex('es2sql_runs_pipeline').on('es2sql_runs').columns(['pipeline_id', 'command', 'status']).execute());

  await tableOptions(dialect, db.schema.createTable('es2sql_checkpoints').ifNotExists()
    .addColumn('run_id', idColumn(dialect, 36), (c) => c.notNull())
    .addColumn('source_partition', PARTITION(dialect), (c) => c.notNull())
    .addColumn('slice', 'integer', (c) => c.notNull())
    .addColumn('slices', 'integer', (c) => c.notNull())
    .addColumn('cursor', TEXT(dialect))
    .addColumn('done', 'integer', (c) => c.notNull())
    .addColumn('docs_read', 'bigint', (c) => c.notNull())
    .addColumn('rows_written', 'bigint', (c) => c.notNull())
    .addColumn('rejected', 'bigint', (c) => c.notNull())
    .addColumn('findings', TEXT(dialect))
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('es2sql_checkpoints_pk', ['run_id', 'source_partition', 'slice', 'slices'])).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_rejects').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.notNull())
    .addColumn('source_partition', PARTITION(dialect), (c) => c.notNull())
    .addColumn('doc_id', idColumn(dialect, DOC_ID_LENGTH), (c) => c.notNull())
    .addColumn('reason', 'varchar(64)', (c) => c.notNull())
    .addColumn('field', 'varchar(255)')
    .addColumn('detail', TEXT(dialect))
    .addColumn('document', TEXT(dialect))
    .addColumn('run_id', idColumn(dialect, 36), (c) => c.notNull())
    .addColumn('recorded_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('es2sql_rejects_pk', ['pipeline_id', 'source_partition', 'doc_id'])).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_documents').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.notNull())
    .addColumn('source_partition', PARTITION(dialect), (c) => c.notNull())
    .addColumn('doc_id', idColumn(dialect, DOC_ID_LENGTH), (c) => c.notNull())
    .addColumn('sql_id', idColumn(dialect, 255))
    .addColumn('version', 'bigint')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('synced_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('es2sql_documents_pk', ['pipeline_id', 'source_partition', 'doc_id'])).execute();
  // The duplicate rule and sync look documents up by SQL id (two documents mapping to one row).
  await createSqlIdIndex(db, dialect);

  await tableOptions(dialect, db.schema.createTable('es2sql_locks').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.primaryKey())
    .addColumn('holder', 'varchar(255)', (c) => c.notNull())
    .addColumn('acquired_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('heartbeat_at', 'varchar(32)', (c) => c.notNull())).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_cutovers').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.primaryKey())
    .addColumn('run_id', idColumn(dialect, 36), (c) => c.notNull())
    .addColumn('cut_over_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('report', TEXT(dialect))).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_sweep').ifNotExists()
    .addColumn('sweep_id', idColumn(dialect, 36), (c) => c.notNull())
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.notNull())
    .addColumn('source_partition', PARTITION(dialect), (c) => c.notNull())
    .addColumn('doc_id', idColumn(dialect, DOC_ID_LENGTH), (c) => c.notNull())
    .addColumn('version', 'bigint')
    .addColumn('content_hash', 'varchar(64)')
    .addPrimaryKeyConstraint('es2sql_sweep_pk', ['sweep_id', 'source_partition', 'doc_id'])).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_content_hashes').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.notNull())
    .addColumn('source_partition', PARTITION(dialect), (c) => c.notNull())
    .addColumn('doc_id', idColumn(dialect, DOC_ID_LENGTH), (c) => c.notNull())
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('es2sql_content_hashes_pk', ['pipeline_id', 'source_partition', 'doc_id'])).execute();

  await tableOptions(dialect, db.schema.createTable('es2sql_definitions').ifNotExists()
    .addColumn('pipeline_id', idColumn(dialect, 40), (c) => c.primaryKey())
    .addColumn('mapping', 'varchar(255)', (c) => c.notNull())
    .addColumn('definition', TEXT(dialect), (c) => c.notNull())
    .addColumn('stored_at', 'varchar(32)', (c) => c.notNull())).execute();

  await migrateStateSchema(db, dialect, created);
}
