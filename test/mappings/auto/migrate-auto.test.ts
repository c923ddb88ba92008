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
import { deleteIndex, esRequest, esUrl, openSearchUrl, TEST_ES_MAJORS, TEST_OPENSEARCH } from '../../helpers/elasticsearch.ts';
import { allDocuments, compareWithSql } from './helpers/auto-rig.ts';

const COUNT = 60;
const servers = [
  ...TEST_ES_MAJORS.filter((m) => m === 8 || m === 7 || m === 2).map((major) => ({ major, name: `ES ${major}`, url: () => esUrl(major) })),
  ...(TEST_OPENSEARCH ? [{ major: 7, name: 'OpenSearch 2.19', url: openSearchUrl }] : []),
];

for (const { major, name, url: serverUrl } of servers) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`${name} → ${dialect}: migrate --mapping auto, every field exact, verify clean; sync after an update, a delete and an insert is clean again`, async (t) => {
      const url = serverUrl();
      const index = `o${randomBytes(3).toString('hex')}`;
      const written = await writeOrdersToElasticsearch({ url, index, count: COUNT, multiType: major === 2 });
      const target = await createScratchDatabase(dialect, 'auto');
      const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
      const source = { url, index };
      try {
        const mapping = await resolveMapping('auto', { source });
        const migrated = await migrate({ source, target: target.url, mapping });
        t.is(migrated.error, undefined, migrated.error?.message);
        t.like(migrated.stats, { read: written.documents, migrated: written.documents, rejected: 0 });
        const plan = (await import('../../../mappings/auto/generate-plan.ts')).generatePlan;
        const samePlan = await plan(source);
        t.deepEqual(await compareWithSql(db, samePlan, dialect, await allDocuments(url, index)), []);
        const checked = await verify({ source, target: target.url, mapping });
        t.is(checked.error, undefined, checked.error?.message);
        t.true(checked.report.clean, JSON.stringify(checked.report.totals));

        const type = major >= 7 ? '_doc' : major === 2 ? 'order' : 'doc';
        const changed = { ...buildOrder(5, major >= 5), status: 'changed', lines: [{ sku: 'NEW', qty: 7, unit_price: 1.5, serials: ['z'] }], tags: ['only'] };
        await esRequest(url, 'PUT', `/${index}/${type}/order-5`, changed);
        await esRequest(url, 'DELETE', `/${index}/${type}/order-6`);
        await esRequest(url, 'PUT', `/${index}/${type}/order-new`, buildOrder(COUNT + 1, major >= 5));
        await esRequest(url, 'POST', `/${index}/_refresh`);
        const synced = await sync({ source, target: target.url, mapping });
        t.is(synced.error, undefined, synced.error?.message);
        const again = await verify({ source, target: target.url, mapping });
        t.is(again.error, undefined, again.error?.message);
        t.true(again.report.clean, JSON.stringify(again.report.totals));
        t.deepEqual(await compareWithSql(db, samePlan, dialect, await allDocuments(url, index)), []);
        const root = samePlan.tables[0]!.name;
        const lines = samePlan.tables.find((table) => table.field === 'lines')!.name;
        t.deepEqual((await db.selectFrom(root).select(['_id', 'status']).where('_id', 'in', ['order-5', 'order-6', 'order-new']).orderBy('_id').execute()).map((r) => [r._id, r.status]), [['order-5', 'changed'], ['order-new', String(buildOrder(COUNT + 1).status)]]);
        t.deepEqual((await db.selectFrom(lines).select(['sku']).where('_id', '=', 'order-5').execute()).map((r) => r.sku), ['NEW']);
        t.deepEqual(await db.selectFrom(lines).select(['sku']).where('_id', '=', 'order-6').execute(), []);
      } finally {
        await db.destroy();
        await target.drop();
        await deleteIndex(url, index);
      }
    });
  }
}
