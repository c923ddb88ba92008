import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, bulkIndexAction, deleteIndex, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';

async function loadIndex(base: string, major: number, index: string): Promise<number> {
  const docs = smallFreezerDocs({ clients: 4, actions: 30, jobs: 40, sessions: 5, backups: 120 });
  const lines: string[] = [];
  for (const d of docs) {
    // ES ≤ 5 keeps Freezer's multi-type index; newer servers get one typeless index.
    const action = bulkIndexAction(major, index, d._type, d._id);
    lines.push(JSON.stringify(action), JSON.stringify(d._source));
  }
  await esRequest(base, 'PUT', `/${index}`, { settings: { number_of_shards: 3, number_of_replicas: 0 } });
  const result = await esRequest(base, 'POST', '/_bulk?refresh=true', lines.join('\n') + '\n');
  if (result.errors) throw new Error('bulk load failed');
  return docs.length;
}

for (const major of TEST_ES_MAJORS) {
  test(`ES ${major} → SQLite: every document lands once across 3 slices, rerun is a no-op`, async (t) => {
    const base = esUrl(major);
    const index = uniqueIndex();
    const scratch = await createScratchDatabase('sqlite', `es${major}`);
    try {
      const total = await loadIndex(base, major, index);
      const result = await migrate({ source: { url: base, index }, target: scratch.url, slices: 3, batchSize: 25 });
      t.is(result.error, undefined, result.error?.message);
      t.is(result.stats.read, total);
      t.is(result.stats.migrated, total);
      const db = openDatabase(parseDatabaseUrl(scratch.url));
      try {
        const backups = await db.selectFrom('backups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        t.is(Number(backups.n), 120);
        const jobs = await db.selectFrom('jobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
        t.is(Number(jobs.n), 40);
      } finally {
        await db.destroy();
      }
      const again = await migrate({ source: { url: base, index }, target: scratch.url, slices: 3 });
      t.true(again.stats.alreadyComplete);
    } finally {
      await deleteIndex(base, index);
      await scratch.drop();
    }
  });
}
