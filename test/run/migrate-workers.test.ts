import test from 'ava';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, writeNdjson } from '../../fixtures/corpus/index.ts';
import { migrate } from '../../pipeline/run/migrate.ts';
import { canonicalDump, tableCount } from '../helpers/canonical-dump.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';

const MIGRATION_TIME = new Date('2026-01-01T00:00:00Z');
const dir = mkdtempSync(join(tmpdir(), 'es2sql-workers-'));
const corpus = join(dir, 'corpus.ndjson');

test.before(async () => {
  // The seeded corpus with its default dirty rate: rejects, findings and duplicates of every kind.
  await writeNdjson(generateCorpus({ docs: 6000, seed: 11 }), corpus);
});

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: pages read, transformed and encoded by 2 worker threads write exactly what one thread writes`, async (t) => {
    const single = await createScratchDatabase(dialect, 'w0');
    const pooled = await createScratchDatabase(dialect, 'w2');
    try {
      const common = { source: { file: corpus }, slices: 3, batchSize: 250, migrationTime: MIGRATION_TIME };
      const one = await migrate({ ...common, target: single.url, workers: 0 });
      const two = await migrate({ ...common, target: pooled.url, workers: 2 });
      t.is(one.error, undefined, one.error?.message);
      t.is(two.error, undefined, two.error?.message);
      t.is(two.stats.read, 6000);
      t.like(two.stats, { read: one.stats.read, migrated: one.stats.migrated, rejected: one.stats.rejected, rows: one.stats.rows });
      t.deepEqual(two.stats.partitions, one.stats.partitions);
      t.true(one.stats.rejected > 0, 'the corpus has documents to reject');
      const [expected, actual] = await Promise.all([canonicalDump(single.url), canonicalDump(pooled.url)]);
      t.deepEqual(actual.rows, expected.rows);
      t.is(actual.sha256, expected.sha256);
      for (const table of ['es2sql_documents', 'es2sql_rejects', 'es2sql_content_hashes']) {
        t.is(await tableCount(pooled.url, table), await tableCount(single.url, table), table);
      }
      t.is(await tableCount(pooled.url, 'es2sql_documents'), 6000);
    } finally {
      await single.drop();
      await pooled.drop();
    }
  });
}

test('a malformed line fails the run with the same one-line message with worker threads as on one thread', async (t) => {
  const broken = join(dir, 'broken.ndjson');
  await writeNdjson(generateCorpus({ docs: 800, seed: 3 }), broken);
  appendFileSync(broken, '{"_index":"freezer","_type":"backups","_id":"cut-off","_source":{"backup_id":\n');
  const messages: string[] = [];
  for (const workers of [0, 2]) {
    const scratch = await createScratchDatabase('sqlite', `broken${workers}`);
    try {
      const result = await migrate({ source: { file: broken }, target: scratch.url, workers, slices: 2, batchSize: 100 });
      t.truthy(result.error, `workers ${workers}`);
      t.notRegex(result.error!.message, /\n/);
      messages.push(result.error!.message);
    } finally {
      await scratch.drop();
    }
  }
  t.regex(messages[0]!, /line 801/);
  t.is(messages[1], messages[0]);
});
