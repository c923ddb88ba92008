import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { seedIndex } from '../cli/helpers/seed-index.ts';

const MAJOR = TEST_ES_MAJORS.includes(8) ? 8 : TEST_ES_MAJORS[0]!;

async function countRows(url: string, table: string): Promise<number> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    return Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  } finally {
    await db.destroy();
  }
}

const docs = () => smallFreezerDocs({ clients: 20, actions: 200, sessions: 10, jobs: 150, backups: 1_500 });

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: the first sync after a migrate from a file (no _version) finds 0 changes and writes nothing`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-first-sync-'));
    const scratch = await createScratchDatabase(dialect, 'firstsync');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const file = join(dir, 'freezer.ndjson');
    const all = docs();
    writeNdjson(file, all);
    const migrated = await migrate({ source: { file }, target: scratch.url, batchSize: 250 });
    t.is(migrated.error, undefined, migrated.error?.message);
    t.is(migrated.stats.read, all.length);
    t.is(await countRows(scratch.url, 'es2sql_content_hashes'), all.length, 'migrate left a content hash per document');
    const first = await sync({ source: { file }, target: scratch.url });
    t.is(first.error, undefined, first.error?.message);
    t.like(first.stats, { swept: all.length, found: 0, done: 0, rows: 0, workRemains: false });
  });
}

test(`ES ${MAJOR}: the first sync after a migrate from Elasticsearch finds 0 changes and writes nothing`, async (t) => {
  const dialect = TEST_DIALECTS.includes('postgres') ? 'postgres' : TEST_DIALECTS[0]!;
  const base = esUrl(MAJOR);
  const all = docs();
  const seeded = await seedIndex(base, MAJOR, all);
  const scratch = await createScratchDatabase(dialect, 'firstsync');
  t.teardown(async () => {
    await seeded.drop();
    await scratch.drop();
  });
  const source = { url: base, index: seeded.index };
  const migrated = await migrate({ source, target: scratch.url, batchSize: 250 });
  t.is(migrated.error, undefined, migrated.error?.message);
  t.is(migrated.stats.read, all.length);
  const first = await sync({ source, target: scratch.url });
  t.is(first.error, undefined, first.error?.message);
  t.like(first.stats, { swept: all.length, found: 0, done: 0, rows: 0, workRemains: false });
});
