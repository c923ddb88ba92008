import test from 'ava';
import { sql } from 'kysely';
import { AUTO_DIALECTS } from '../../../mappings/auto/auto-dialect.ts';
import { generatePlan } from '../../../mappings/auto/generate-plan.ts';
import { readBackDocument } from '../../../mappings/auto/read-back-document.ts';
import { rootTableFor } from '../../../mappings/auto/mapping-plan.ts';
import { writeOrdersToElasticsearch } from '../../../fixtures/orders/write-orders.ts';
import { openDatabase } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../../helpers/databases.ts';
import { deleteIndex, esUrl, openSearchUrl, TEST_ES_MAJORS, TEST_OPENSEARCH, uniqueIndex } from '../../helpers/elasticsearch.ts';
import { allDocuments, compareWithSql, writeWithPlan } from './helpers/auto-rig.ts';

// The compiler against real servers: the plan read from a real _mapping, its DDL run on each
// dialect, every document's rows written, and every field read back from SQL exactly.
const servers = [...TEST_ES_MAJORS.filter((m) => m === 8 || m === 7 || m === 2).map((major) => ({ major, name: `ES ${major}`, url: () => esUrl(major) })), ...(TEST_OPENSEARCH ? [{ major: 7, name: 'OpenSearch 2.19', url: openSearchUrl }] : [])];
for (const { major, name, url: serverUrl } of servers) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`${name} orders${major === 2 ? ' (multi-type)' : ''} → ${dialect}: every field reads back exactly`, async (t) => {
      const url = serverUrl();
      const index = uniqueIndex('orders');
      const written = await writeOrdersToElasticsearch({ url, index, count: 120, multiType: major === 2 });
      const target = await createScratchDatabase(dialect, 'auto');
      const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
      try {
        const plan = await generatePlan({ url, index });
        if (major === 2) t.deepEqual(plan.tables.filter((table) => table.parent === undefined).map((table) => table.documentType), ['order', 'refund']);
        const documents = await allDocuments(url, index);
        t.is(documents.length, written.documents);
        const { rejected } = await writeWithPlan(db, plan, dialect, documents);
        t.deepEqual(rejected, []);
        t.deepEqual(await compareWithSql(db, plan, dialect, documents), []);
        // Spot checks against _source itself, independent of the transform.
        const order = documents.find((doc) => doc.id === 'order-7')!;
        const root = rootTableFor(plan, order.type)!;
        const columns = root.columns.map((column) => AUTO_DIALECTS[dialect].readExpression(column)).join(', ');
        const { rows } = await sql.raw(`SELECT ${columns} FROM ${AUTO_DIALECTS[dialect].quote(root.name)} WHERE ${AUTO_DIALECTS[dialect].quote('_id')} = 'order-7'`).execute(db);
        const back = readBackDocument(plan, root, rows[0] as Record<string, unknown>, new Map());
        t.is(back['big'] as unknown, String(order.source['big']));
        t.is(back['order_id'], 'ORD-000007');
        t.is(back['customer.name'] as unknown, order.source['customer'] === undefined ? undefined : (order.source['customer'] as Record<string, unknown>)['name']);
        t.is(back['note'] as unknown, order.source['note']);
      } finally {
        await db.destroy();
        await target.drop();
        await deleteIndex(url, index);
      }
    });
  }
}
