import { randomBytes } from 'node:crypto';
import test from 'ava';
import { buildOrder } from '../../../fixtures/orders/build-order.ts';
import { writeOrdersToElasticsearch } from '../../../fixtures/orders/write-orders.ts';
import { resolveMapping } from '../../../mappings/index.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import { sync } from '../../../pipeline/run/sync.ts';
import { verify } from '../../../pipeline/run/verify.ts';
import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../../helpers/databases.ts';
import { deleteIndex, esRequest, esUrl, TEST_ES_MAJORS } from '../../helpers/elasticsearch.ts';

const COUNT = 20;

if (TEST_ES_MAJORS.includes(8)) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`ES 8 → ${dialect}: an index named like orders-archive-2026-12-eu-west migrates with --mapping auto, and a sync after an update is clean`, async (t) => {
      const url = esUrl(8);
      // 37 characters: the document table (its partition in the state) is as long.
      const index = `orders-archive-2026-12-eu-west-${randomBytes(3).toString('hex')}`;
      await writeOrdersToElasticsearch({ url, index, count: COUNT });
      const target = await createScratchDatabase(dialect, 'long');
      const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
      const source = { url, index };
      try {
        const mapping = await resolveMapping('auto', { source });
        const table = mapping.partitioning.partitions[0]!;
        t.is(table, index.replace(/-/g, '_'));
        const migrated = await migrate({ source, target: target.url, mapping });
        t.is(migrated.error, undefined, migrated.error?.message);
        t.like(migrated.stats, { read: COUNT, migrated: COUNT, rejected: 0 });
        const partitions = await db.selectFrom('es2sql_documents').select('source_partition').distinct().execute();
        t.deepEqual(partitions.map((row) => row.source_partition), [table]);

        await esRequest(url, 'PUT', `/${index}/_doc/order-3`, { ...buildOrder(3, true), status: 'changed' });
        await esRequest(url, 'POST', `/${index}/_refresh`);
        const synced = await sync({ source, target: target.url, mapping });
        t.is(synced.error, undefined, synced.error?.message);
        t.like(synced.stats.partitions[table], { changed: 1, new: 0, deleted: 0, done: 1 });
        t.deepEqual(await db.selectFrom(table).select('status').where('_id', '=', 'order-3').execute(), [{ status: 'changed' }]);
        const checked = await verify({ source, target: target.url, mapping });
        t.is(checked.error, undefined, checked.error?.message);
        t.true(checked.report.clean, JSON.stringify(checked.report.totals));
        const again = await sync({ source, target: target.url, mapping });
        t.is(again.error, undefined, again.error?.message);
        t.like(again.stats, { found: 0, done: 0, remaining: 0 });
      } finally {
        await db.destroy();
        await target.drop();
        await deleteIndex(url, index);
      }
    });
  }
}
