import test from 'ava';
import { compilePlan } from '../../../mappings/auto/compile-plan.ts';
import { emptyProfile, profileDocument } from '../../../mappings/auto/data-profile.ts';
import { rootTables } from '../../../mappings/auto/mapping-plan.ts';
import { planDdl } from '../../../mappings/auto/plan-ddl.ts';
import { readIndexMappings } from '../../../mappings/auto/read-index-mapping.ts';
import { MULTI_TYPE_ANSWER, orderSource, TWO_INDICES_ANSWER, TYPELESS_ANSWER } from './orders-fixture.ts';

function ordersPlan(answer: object = TYPELESS_ANSWER, index = 'orders-2024') {
  const profile = emptyProfile();
  profileDocument(profile, orderSource());
  return compilePlan({ index, mappings: readIndexMappings(answer as never), profiles: new Map([['', profile]]) });
}

test('typeless orders: document table keyed by _id, objects flattened, nested and scalar arrays as child tables', (t) => {
  const plan = ordersPlan();
  t.deepEqual(plan.tables.map((table) => [table.name, table.parent ?? null, table.key]), [
    ['orders_2024', null, ['_id']],
    ['orders_2024_tags', 'orders_2024', ['_id', 'tags_position']],
    ['orders_2024_lines', 'orders_2024', ['_id', 'lines_position']],
  ]);
  const root = plan.tables[0]!;
  const columns = Object.fromEntries(root.columns.map((c) => [c.name, [c.kind, c.field ?? null]]));
  t.deepEqual(columns['customer_name'], ['string', 'customer.name']);
  t.deepEqual(columns['customer_address_city'], ['string', 'customer.address.city']);
  t.deepEqual(columns['location_lat'], ['geo_lat', 'location']);
  t.deepEqual(columns['location_lon'], ['geo_lon', 'location']);
  t.deepEqual(columns['price'], ['decimal', 'price']);
  t.deepEqual(columns['extras'], ['json', 'extras']);
  t.deepEqual(columns['window'], ['json', 'window']);
  t.is(columns['all_text'], undefined, 'copy_to target is not a column');
  t.is(columns['status_raw'], undefined, 'multi-field not duplicated');
  t.is(root.columns.find((c) => c.name === 'order_id')!.length, 32);
  t.is(root.columns.find((c) => c.name === 'note')!.length, undefined, 'text is unbounded');
  t.regex(plan.tables[1]!.why!, /array of scalars/);
  t.true(plan.notes.some((n) => n.field === 'note' && /copy_to all_text/.test(n.note)));
  t.true(plan.notes.some((n) => n.field === 'extras' && /flattened/.test(n.note)));
});

test('several indices behind a pattern: one table keyed by (_index, _id)', (t) => {
  const plan = ordersPlan(TWO_INDICES_ANSWER, 'orders-*');
  t.is(plan.tables[0]!.name, 'orders');
  t.deepEqual(plan.tables[0]!.key, ['_index', '_id']);
  t.deepEqual(plan.tables[2]!.key, ['_index', '_id', 'lines_position']);
  t.deepEqual(plan.source.indices, ['orders-2023', 'orders-2024']);
});

test('multi-type 2.x index: one document table per _type', (t) => {
  const mappings = readIndexMappings(MULTI_TYPE_ANSWER);
  const plan = compilePlan({ index: 'shop', mappings, profiles: new Map() });
  t.deepEqual(rootTables(plan).map((table) => [table.name, table.documentType]), [['shop_order', 'order'], ['shop_refund', 'refund']]);
  t.deepEqual(plan.tables[0]!.columns.map((c) => [c.name, c.kind, c.length ?? null]), [['_id', 'id', null], ['order_id', 'string', 32], ['total', 'long', null]]);
  t.is(plan.tables[1]!.columns.find((c) => c.name === 'reason')!.length, undefined, 'analyzed 2.x string is full text');
});

test('ES 6 typed _doc answer is read as typeless; runtime fields noted', (t) => {
  const [mapping] = readIndexMappings({ logs: { mappings: { _doc: { properties: { msg: { type: 'text' } }, runtime: { day: { type: 'keyword' } } } } } });
  t.is(mapping!.type, null);
  t.deepEqual(mapping!.notes, [{ field: 'day', note: 'runtime field: computed at search time, not stored in _source; skipped' }]);
});

test('unknown types become JSON columns, never a crash', (t) => {
  const plan = compilePlan({ index: 'x', mappings: readIndexMappings({ x: { mappings: { properties: { v: { type: 'dense_vector' }, s: { type: 'geo_shape' } } } } }), profiles: new Map() });
  t.deepEqual(plan.tables[0]!.columns.map((c) => c.kind), ['id', 'json', 'json']);
  t.is(plan.notes.length, 2);
});

test('DDL per dialect: exact types, keys, cascade to the parent', (t) => {
  const plan = ordersPlan();
  const [pgRoot, , pgLines] = planDdl(plan, 'postgres');
  t.regex(pgRoot!, /"big" bigint/);
  t.regex(pgRoot!, /"price" numeric/);
  t.regex(pgRoot!, /"paid_at" timestamp\(3\) with time zone/);
  t.regex(pgRoot!, /"blob" bytea/);
  t.regex(pgLines!, /PRIMARY KEY \("_id", "lines_position"\)/);
  t.regex(pgLines!, /FOREIGN KEY \("_id"\) REFERENCES "orders_2024" \("_id"\) ON DELETE CASCADE/);
  const [myRoot] = planDdl(plan, 'mysql');
  t.regex(myRoot!, /`price` decimal\(65,2\)/);
  t.regex(myRoot!, /`placed` datetime\(3\)/);
  t.regex(myRoot!, /COLLATE=utf8mb4_bin$/);
  const [liteRoot] = planDdl(plan, 'sqlite');
  t.regex(liteRoot!, /"price" text/);
  t.regex(liteRoot!, /"big" integer/);
});
