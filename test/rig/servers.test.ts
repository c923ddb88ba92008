import test from 'ava';
import { sql } from 'kysely';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, deleteIndex, docPath, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';

const EXPECTED_VERSION: Record<number, string> = { 1: '1.7.6', 2: '2.4.6', 5: '5.6.16', 6: '6.8.23', 7: '7.17.29', 8: '8.7.1' };

for (const major of TEST_ES_MAJORS) {
  test(`Elasticsearch ${major}: real node reports its version, indexes and returns a document`, async (t) => {
    const base = esUrl(major);
    const info = await esRequest(base, 'GET', '/');
    t.is(info.version.number, EXPECTED_VERSION[major]);
    const index = uniqueIndex();
    const path = docPath(major, index, 'jobs', 'doc-1');
    try {
      await esRequest(base, 'PUT', `${path}?refresh=true`, { job_id: 'doc-1', description: 'ünïcode ✓' });
      const got = await esRequest(base, 'GET', path);
      t.deepEqual(got._source, { job_id: 'doc-1', description: 'ünïcode ✓' });
      const count = await esRequest(base, 'GET', `/${index}/_count`);
      t.is(count.count, 1);
    } finally {
      await deleteIndex(base, index);
    }
  });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a scratch database takes a table, rows and gives them back`, async (t) => {
    const scratch = await createScratchDatabase(dialect, 'rig');
    const db = openDatabase(parseDatabaseUrl(scratch.url));
    try {
      await db.schema.createTable('probe').addColumn('id', 'varchar(36)', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
      await db.insertInto('probe').values([{ id: 'a', n: 1 }, { id: 'b', n: 2 }]).execute();
      const rows = await db.selectFrom('probe').select(['id', 'n']).orderBy('id').execute();
      t.deepEqual(rows, [{ id: 'a', n: 1 }, { id: 'b', n: 2 }]);
      const { rows: [one] } = await sql<{ x: number }>`select 1 as x`.execute(db);
      t.is(Number(one?.x), 1);
    } finally {
      await db.destroy();
      await scratch.drop();
    }
  });
}
