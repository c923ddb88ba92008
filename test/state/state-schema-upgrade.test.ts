import test from 'ava';
import { sql } from 'kysely';
import { OTHER_SQL_ID_INDEX, SQL_ID_INDEX } from '../../pipeline/state/document-map-sql-ids.ts';
import { STATE_SCHEMA_MIGRATIONS, STATE_SCHEMA_VERSION, stateSchemaVersion } from '../../pipeline/state/state-schema-migrations.ts';
import { ensureStateTables } from '../../pipeline/state/state-tables.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from '../schema/helpers/raw-catalog.ts';

const PARTITIONED = ['es2sql_checkpoints', 'es2sql_rejects', 'es2sql_documents', 'es2sql_sweep', 'es2sql_content_hashes'];

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a state database of the first release (16-character partitions, no es2sql_definitions) is widened in place and keeps its rows; 255-character partitions and 512-character ids then fit one key`, async (t) => {
    const target = await createScratchDatabase(dialect, 'stateup');
    const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
    try {
      const facts = dialectFacts(dialect);
      // The first release: no version table, partitions in 16 characters, labels in 64.
      await ensureStateTables(db, dialect);
      await db.schema.dropTable('es2sql_state_schema').execute();
      await db.schema.dropTable('es2sql_definitions').execute();
      // and every SQL id in one index (as MySQL/MariaDB still has it).
      if (facts.partialIndexes) {
        await db.schema.dropIndex(OTHER_SQL_ID_INDEX).execute();
        await db.schema.createIndex(SQL_ID_INDEX).on('es2sql_documents').columns(['pipeline_id', 'source_partition', 'sql_id']).execute();
      }
      if (facts.alterColumnTypeSql !== undefined) {
        for (const table of PARTITIONED) await sql.raw(facts.alterColumnTypeSql(table, 'source_partition', facts.caseSensitiveVarchar(16), true)).execute(db);
        await sql.raw(facts.alterColumnTypeSql('es2sql_runs', 'layout', 'varchar(64)', false)).execute(db);
      }
      const earlier = { pipeline_id: 'p1', source_partition: 'jobs', doc_id: 'job-1', sql_id: 'job-1', version: 3, status: 'loaded', synced_at: '2026-01-01T00:00:00.000Z' };
      await db.insertInto('es2sql_documents').values(earlier).execute();
      const long = { ...earlier, source_partition: 'p'.repeat(255), doc_id: 'd'.repeat(512) };
      if (facts.enforcesLengths) await t.throwsAsync(db.insertInto('es2sql_documents').values(long).execute());

      await ensureStateTables(db, dialect);
      t.is(await stateSchemaVersion(db), STATE_SCHEMA_VERSION);
      await db.insertInto('es2sql_documents').values(long).execute();
      await db.insertInto('es2sql_runs').values({ run_id: 'r1', pipeline_id: 'p1', command: 'migrate', status: 'completed', source: 's', target: 't', layout: `file:${'x'.repeat(255)}@1`, migration_time: 'm', started_at: 's' }).execute();
      const rows = await db.selectFrom('es2sql_documents').select(['source_partition', 'doc_id', 'version']).orderBy('doc_id').execute();
      t.deepEqual(rows.map((row) => [row.source_partition, row.doc_id, Number(row.version)]), [[long.source_partition, long.doc_id, 3], ['jobs', 'job-1', 3]]);
      // PostgreSQL and SQLite index only the SQL ids that differ from the _id now; MySQL/MariaDB keeps its full index.
      const sqlIdIndexes = (await rawCatalog(db, dialect)).es2sql_documents!.indexes.filter((index) => index.includes('sql_id'));
      t.is(sqlIdIndexes.length, 1, sqlIdIndexes.join('; '));
      t.true(sqlIdIndexes[0]!.includes(facts.partialIndexes ? OTHER_SQL_ID_INDEX : `${SQL_ID_INDEX}(`), sqlIdIndexes[0]);

      // Opening again changes nothing and records nothing twice.
      await ensureStateTables(db, dialect);
      const versions = await db.selectFrom('es2sql_state_schema').select('version').execute();
      t.deepEqual(versions.map((row) => Number(row.version)).sort(), STATE_SCHEMA_MIGRATIONS.map((migration) => migration.version));
      t.deepEqual(await db.selectFrom('es2sql_definitions').selectAll().execute(), []);
    } finally {
      await db.destroy();
      await target.drop();
    }
  });

  test(`${dialect}: a new state database is created at the current state schema version`, async (t) => {
    const target = await createScratchDatabase(dialect, 'statenew');
    const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
    try {
      await ensureStateTables(db, dialect);
      t.is(await stateSchemaVersion(db), STATE_SCHEMA_VERSION);
      await db.insertInto('es2sql_checkpoints').values({ run_id: 'r1', source_partition: 'orders_archive_2026_12_eu_west', slice: 0, slices: 1, done: 0, docs_read: 0, rows_written: 0, rejected: 0, updated_at: 'now' }).execute();
      t.is((await db.selectFrom('es2sql_checkpoints').select('source_partition').executeTakeFirstOrThrow()).source_partition, 'orders_archive_2026_12_eu_west');
    } finally {
      await db.destroy();
      await target.drop();
    }
  });
}
