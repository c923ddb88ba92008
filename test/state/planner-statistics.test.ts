import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';

/** Runs one statement on the scratch database and returns its rows. */
async function query<T extends object>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function documentMapAnalysed(url: string): Promise<boolean> {
  const rows = await query<{ analysed: boolean }>(url, `select last_analyze is not null as analysed from pg_stat_user_tables where relname = 'es2sql_documents'`);
  return rows[0]!.analysed;
}

/** A fresh PostgreSQL database and an elasticdump file of these Freezer documents, both gone afterwards. */
async function withDumpAndDatabase(counts: Parameters<typeof smallFreezerDocs>[0], run: (file: string, url: string) => Promise<void>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-ps-'));
  const file = join(dir, 'dump.ndjson');
  writeNdjson(file, smallFreezerDocs(counts));
  const scratch = await createScratchDatabase('postgres', 'ps');
  try {
    await run(file, scratch.url);
  } finally {
    await scratch.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (TEST_DIALECTS.includes('postgres')) {
  test('postgres: a completed migrate leaves the document map analysed; a sync analyses a map without statistics before its sweep', async (t) => {
    await withDumpAndDatabase({ backups: 120 }, async (file, url) => {
      const migrated = await migrate({ source: { file }, target: url });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.is(migrated.stats.migrated, 134);
      t.true(await documentMapAnalysed(url), 'analysed when the migrate completed');

      // As an older es2sql left it: no statistics (autovacuum has not come round yet).
      await query(url, `select pg_stat_reset_single_table_counters('es2sql_documents'::regclass)`);
      t.false(await documentMapAnalysed(url));
      const synced = await sync({ source: { file }, target: url });
      t.is(synced.error, undefined, synced.error?.message);
      t.true(await documentMapAnalysed(url), 'analysed by the sync');
    });
  });

  /** How often PostgreSQL analysed the two state tables a migrate looks documents up in. */
  async function analyses(url: string): Promise<{ relname: string; analyses: string }[]> {
    return query<{ relname: string; analyses: string }>(url, `select relname, analyze_count as analyses from pg_stat_user_tables where relname in ('es2sql_documents', 'es2sql_rejects') order by relname`);
  }

  test('postgres: a migrate that looks documents up in the state tables analyses them while a partition grows, not only when it completes', async (t) => {
    // 9,000 backups cross the first threshold (2,000 committed) and the next (8,000). One of several
    // `--slice` processes looks every page up (earlier copies, rejects to clear).
    await withDumpAndDatabase({ backups: 9000 }, async (file, url) => {
      const migrated = await migrate({ source: { file }, target: url, batchSize: 500, process: { index: 0, count: 1 } });
      t.is(migrated.error, undefined, migrated.error?.message);
      const rows = await analyses(url);
      // At least one analyse while the backups were loaded, besides the one when the migrate completed.
      t.true(rows.length === 2 && rows.every((row) => Number(row.analyses) >= 2), JSON.stringify(rows));
    });
  });

  test('postgres: a first migrate by one process, which looks nothing up, analyses the state tables once, when it completes', async (t) => {
    await withDumpAndDatabase({ backups: 9000 }, async (file, url) => {
      const migrated = await migrate({ source: { file }, target: url, batchSize: 500 });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.is(migrated.stats.migrated, 9014);
      t.deepEqual(
        (await analyses(url)).map((row) => `${row.relname} ${Number(row.analyses)}`),
        ['es2sql_documents 1', 'es2sql_rejects 1'],
      );
    });
  });
}
