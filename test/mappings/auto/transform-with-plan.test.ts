import test from 'ava';
import { AUTO_DIALECTS } from '../../../mappings/auto/auto-dialect.ts';
import { compilePlan } from '../../../mappings/auto/compile-plan.ts';
import { emptyProfile, profileDocument } from '../../../mappings/auto/data-profile.ts';
import { readBackDocument, diffReadBacks } from '../../../mappings/auto/read-back-document.ts';
import { readIndexMappings } from '../../../mappings/auto/read-index-mapping.ts';
import { transformWithPlan, type PlanAccepted } from '../../../mappings/auto/transform-with-plan.ts';
import type { JsonObject } from '../../../core/json-value.ts';
import { parseJson } from '../../../core/parse-json.ts';
import { orderSource, TYPELESS_ANSWER } from './orders-fixture.ts';

const plan = (() => {
  const profile = emptyProfile();
  profileDocument(profile, orderSource());
  return compilePlan({ index: 'orders', mappings: readIndexMappings(TYPELESS_ANSWER), profiles: new Map([['', profile]]) });
})();

function run(source: JsonObject, dialect: 'postgres' | 'mysql' | 'sqlite' = 'sqlite') {
  return transformWithPlan(plan, { index: 'orders-2024', type: null, id: 'd1', source }, AUTO_DIALECTS[dialect]);
}

test('the orders document becomes one row, two line rows and three tag rows, values exact', (t) => {
  const outcome = run(orderSource()) as PlanAccepted;
  t.is(outcome.kind, 'accepted');
  const row = outcome.writes[0]!.row;
  t.is(row['big'], 1234567890123456789n);
  t.is(row['price'], '12.5');
  t.is(row['placed'], '2024-01-15T10:30:00.000Z');
  t.is(row['paid_at'], '2024-01-15T10:30:00.123Z');
  t.is(row['location_lat'], 52.52);
  t.is(row['location_lon'], 13.405);
  t.is(row['customer_name'], 'Zoë');
  t.is(row['express'], true);
  t.deepEqual(row['blob'], new Uint8Array([0, 1, 2]));
  t.is(row['extras'], '{"a":{"b":1.0}}');
  t.deepEqual(outcome.children.map((c) => [c.table, c.rows.length]), [['orders_tags', 3], ['orders_lines', 2]]);
  t.deepEqual(outcome.children[1]!.rows[1], { _id: 'd1', lines_position: 1, sku: 'B', qty: 2, unit_price: '4.1' });
  t.deepEqual(outcome.findings, []);
});

test('every document row has the key, then each mapped column in plan order, and nothing of the document before it', (t) => {
  const root = plan.tables.find((table) => table.key.length === 1 && table.key[0] === '_id')!;
  const columns = root.columns.filter((column) => column.field !== undefined).map((column) => column.name);
  t.true(columns.length > 12, 'enough columns for the row shape to matter');
  const full = (run(orderSource()) as PlanAccepted).writes[0]!.row;
  const bare = (run({}) as PlanAccepted).writes[0]!.row;
  for (const row of [full, bare, (run(orderSource()) as PlanAccepted).writes[0]!.row]) t.deepEqual(Object.keys(row), ['_id', ...columns.filter((name) => name !== '_id')]);
  t.is(full['customer_name'], 'Zoë');
  t.deepEqual(Object.entries(bare).filter(([, value]) => value !== null), [['_id', 'd1']]);
});

test('dates are written in each dialect\'s exact form', (t) => {
  t.is((run(orderSource(), 'postgres') as PlanAccepted).writes[0]!.row['placed'], '2024-01-15 10:30:00.000+00');
  t.is((run(orderSource(), 'mysql') as PlanAccepted).writes[0]!.row['placed'], '2024-01-15 10:30:00.000');
});

const rejects: Array<[string, JsonObject, string, string, RegExp]> = [
  ['value too long', { order_id: 'x'.repeat(33) }, 'too_long', 'order_id', /has 33 characters; the column holds 32/],
  ['unparseable date', { placed: '15.01.2024' }, 'unparseable_date', 'placed', /matches none of the formats yyyy\/MM\/dd HH:mm:ss\|\|epoch_millis/],
  ['type conflict', { quantity: 'three' }, 'type_conflict', 'quantity', /mapped as integer but the value is "three"/],
  ['fraction in a long', { big: 1.5 }, 'type_conflict', 'big', /has a fraction/],
  ['long beyond 64 bits', parseJson('{"big":12345678901234567890}') as JsonObject, 'integer_out_of_range', 'big', /out of its range/],
  ['array where the plan has a scalar', { quantity: [1, 2] }, 'unexpected_array', 'quantity', /array of 2 values/],
  ['too many decimals', { price: 1.234 }, 'too_long', 'price', /3 digits after the point; the column keeps 2/],
  ['not a geo_point', { location: 'nowhere!' }, 'invalid_value', 'location', /not a geo_point/],
];
for (const [name, source, reason, field, detail] of rejects) {
  test(`reject: ${name}`, (t) => {
    const outcome = run(source);
    t.like(outcome, { kind: 'rejected', reason, field });
    t.regex((outcome as { detail: string }).detail, detail);
  });
}

test('NUL is rejected on PostgreSQL only', (t) => {
  t.like(run({ status: 'a\u0000b' }, 'postgres'), { kind: 'rejected', reason: 'charset_unsupported' });
  t.like(run({ status: 'a\u0000b' }, 'mysql'), { kind: 'accepted' });
});

test('findings: coerced strings, one-element arrays, unmapped fields', (t) => {
  const outcome = run({ quantity: '7', ratio: [0.5], surprise: { a: 1 } }) as PlanAccepted;
  t.is(outcome.writes[0]!.row['quantity'], 7);
  t.is(outcome.writes[0]!.row['ratio'], 0.5);
  t.deepEqual(outcome.findings.map((f) => [f.code, f.field]), [['string_coerced', 'quantity'], ['array_where_scalar', 'ratio'], ['unmapped_field', 'surprise']]);
});

test('read-back of the transform rows equals the read-back of rows as drivers return them', (t) => {
  const outcome = run(orderSource(), 'postgres') as PlanAccepted;
  const rows = new Map(outcome.children.map((c) => [c.table, c.rows]));
  const expected = readBackDocument(plan, plan.tables[0]!, outcome.writes[0]!.row, rows);
  const driverRow = { ...outcome.writes[0]!.row, big: '1234567890123456789', price: '12.50', placed: new Date('2024-01-15T10:30:00Z'), paid_at: new Date(1705314600123), blob: Buffer.from([0, 1, 2]), extras: { a: { b: 1 } }, express: 1 };
  const driverLines = outcome.children[1]!.rows.map((r) => ({ ...r, lines_position: String(r['lines_position']), unit_price: `${String(r['unit_price'])}0` }));
  const actual = readBackDocument(plan, plan.tables[0]!, driverRow, new Map([...rows, ['orders_lines', driverLines]]));
  t.deepEqual(diffReadBacks(expected, actual), []);
  t.deepEqual(diffReadBacks(expected, { ...actual, 'customer.name': 'Zoe' }), ['customer.name']);
});
