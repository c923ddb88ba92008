import { randomBytes } from 'node:crypto';
import test from 'ava';
import { sql } from 'kysely';
import { writeOrdersToElasticsearch } from '../../../fixtures/orders/write-orders.ts';
import { AUTO_DIALECTS } from '../../../mappings/auto/auto-dialect.ts';
import { generatePlan } from '../../../mappings/auto/generate-plan.ts';
import type { MappingPlan } from '../../../mappings/auto/mapping-plan.ts';
import { resolveMapping } from '../../../mappings/index.ts';
import type { RunEvent } from '../../../pipeline/batch/run-events.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import { verify } from '../../../pipeline/run/verify.ts';
import { openDatabase, type AnyKysely } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';
import type { Dialect } from '../../../schema/dialect.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../../helpers/databases.ts';
import { deleteIndex, esUrl, openSearchUrl, TEST_ES_MAJORS, TEST_OPENSEARCH } from '../../helpers/elasticsearch.ts';
import { allDocuments, compareWithSql } from './helpers/auto-rig.ts';

const COUNT = 240;
/** Small pages: several pages per slice, so worker threads hand over many encoded pages. */
const BATCH = 20;

/** Every row of every plan table, read exactly and sorted, per table. */
async function allRows(db: AnyKysely, plan: MappingPlan, dialect: Dialect): Promise<Record<string, string[]>> {
  const auto = AUTO_DIALECTS[dialect];
  const tables: Record<string, string[]> = {};
  for (const table of plan.tables) {
    const { rows } = await sql.raw<Record<string, unknown>>(`SELECT ${table.columns.map((column) => auto.readExpression(column)).join(', ')} FROM ${auto.quote(table.name)}`).execute(db);
    tables[table.name] = rows.map((row) => JSON.stringify(row, (_key, value: unknown) => (typeof value === 'bigint' ? `${value}n` : value instanceof Uint8Array ? Buffer.from(value).toString('hex') : value))).sort();
  }
  return tables;
}

const servers = [...(TEST_ES_MAJORS.includes(8) ? [{ name: 'ES 8', url: () => esUrl(8) }] : []), ...(TEST_OPENSEARCH ? [{ name: 'OpenSearch 2.19', url: openSearchUrl }] : [])];

for (const { name, url: serverUrl } of servers) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`${name} → ${dialect}: migrate --mapping auto with 2 worker threads writes exactly the rows one thread writes, every field exact, verify clean`, async (t) => {
      const url = serverUrl();
      const index = `w${randomBytes(3).toString('hex')}`;
      const written = await writeOrdersToElasticsearch({ url, index, count: COUNT, multiType: false });
      const source = { url, index };
      const one = await createScratchDatabase(dialect, 'autow0');
      const two = await createScratchDatabase(dialect, 'autow2');
      const dbOne = openDatabase(parseDatabaseUrl(one.url, process.cwd()));
      const dbTwo = openDatabase(parseDatabaseUrl(two.url, process.cwd()));
      try {
        const mapping = await resolveMapping('auto', { source });
        const plan = await generatePlan(source);
        const migrationTime = new Date('2026-01-02T03:04:05.000Z');
        const reference = await migrate({ source, target: one.url, mapping, workers: 0, batchSize: BATCH, migrationTime });
        t.is(reference.error, undefined, reference.error?.message);
        const events: RunEvent[] = [];
        const threaded = await migrate({ source, target: two.url, mapping, workers: 2, batchSize: BATCH, migrationTime, onEvent: (event) => events.push(event) });
        t.is(threaded.error, undefined, threaded.error?.message);
        // The pool ran: a mapping the workers cannot rebuild would say so and stay on one thread.
        t.deepEqual(events.filter((event) => event.type === 'info' && event.message.includes('without worker threads')), []);
        t.like(threaded.stats, { read: written.documents, migrated: written.documents, rejected: 0 });
        t.like(reference.stats, { read: written.documents, migrated: written.documents, rejected: 0 });

        const rowsOne = await allRows(dbOne, plan, dialect);
        const rowsTwo = await allRows(dbTwo, plan, dialect);
        t.true(Object.values(rowsTwo).every((rows) => rows.length > 0), 'every plan table has rows');
        t.deepEqual(rowsTwo, rowsOne);
        t.deepEqual(await compareWithSql(dbTwo, plan, dialect, await allDocuments(url, index)), []);
        const checked = await verify({ source, target: two.url, mapping });
        t.is(checked.error, undefined, checked.error?.message);
        t.true(checked.report.clean, JSON.stringify(checked.report.totals));
      } finally {
        await dbOne.destroy();
        await dbTwo.destroy();
        await one.drop();
        await two.drop();
        await deleteIndex(url, index);
      }
    });
  }
}
