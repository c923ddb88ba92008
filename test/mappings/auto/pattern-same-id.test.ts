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

const COUNT = 12;

if (TEST_ES_MAJORS.includes(8)) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`ES 8 → ${dialect}: --index <pattern> over two indices with the same _ids: one table keyed by (_index, _id), verify clean; a sync after an update and a delete in one index leaves the other's rows alone`, async (t) => {
      const url = esUrl(8);
      const prefix = `same${randomBytes(3).toString('hex')}`;
      const [a, b] = [`${prefix}-2026-01`, `${prefix}-2026-02`];
      // order-0 … order-11 in both indices, with their nested lines and tags.
      await writeOrdersToElasticsearch({ url, index: a, count: COUNT });
      await writeOrdersToElasticsearch({ url, index: b, count: COUNT });
      const target = await createScratchDatabase(dialect, 'same');
      const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
      const source = { url, index: `${prefix}-*` };
      try {
        const mapping = await resolveMapping('auto', { source });
        const migrated = await migrate({ source, target: target.url, mapping });
        t.is(migrated.error, undefined, migrated.error?.message);
        t.like(migrated.stats, { read: 2 * COUNT, migrated: 2 * COUNT, rejected: 0 });
        const table = prefix;
        const lines = `${prefix}_lines`;
        t.is(Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n), 2 * COUNT);
        const linesOf = async (index: string, id: string) => (await db.selectFrom(lines).select('sku').where('_index', '=', index).where('_id', '=', id).orderBy('lines_position').execute()).map((row) => row.sku);
        const originalLines = await linesOf(a, 'order-3');
        t.true(originalLines.length > 0);
        t.deepEqual(await linesOf(b, 'order-3'), originalLines);
        const checked = await verify({ source, target: target.url, mapping });
        t.is(checked.error, undefined, checked.error?.message);
        t.true(checked.report.clean, JSON.stringify(checked.report.totals));
        t.like(checked.report.totals, { matched: 2 * COUNT, expected: 2 * COUNT });

        await esRequest(url, 'PUT', `/${b}/_doc/order-3`, { ...buildOrder(3, true), status: 'changed', lines: [{ sku: 'NEW', qty: 1, unit_price: 2.5, serials: ['s'] }] });
        await esRequest(url, 'DELETE', `/${a}/_doc/order-5`);
        await esRequest(url, 'POST', `/${prefix}-*/_refresh`);
        const synced = await sync({ source, target: target.url, mapping: await resolveMapping('auto', { source }) });
        t.is(synced.error, undefined, synced.error?.message);
        t.like(synced.stats.partitions[b], { changed: 1, deleted: 0, done: 1 });
        t.like(synced.stats.partitions[a], { changed: 0, deleted: 1, done: 1 });

        t.deepEqual(await linesOf(b, 'order-3'), ['NEW']);
        t.deepEqual(await linesOf(a, 'order-3'), originalLines);
        t.deepEqual((await db.selectFrom(table).select(['_index', 'status']).where('_id', '=', 'order-3').orderBy('_index').execute()).map((row) => [row._index, row.status]), [[a, String(buildOrder(3, true).status)], [b, 'changed']]);
        t.deepEqual((await db.selectFrom(table).select('_index').where('_id', '=', 'order-5').execute()).map((row) => row._index), [b]);
        t.true((await linesOf(b, 'order-5')).length > 0);
        t.deepEqual(await linesOf(a, 'order-5'), []);

        const again = await verify({ source, target: target.url, mapping });
        t.is(again.error, undefined, again.error?.message);
        t.true(again.report.clean, JSON.stringify(again.report.totals));
        t.like(again.report.totals, { matched: 2 * COUNT - 1 });
      } finally {
        await db.destroy();
        await target.drop();
        await deleteIndex(url, a);
        await deleteIndex(url, b);
      }
    });
  }
}
