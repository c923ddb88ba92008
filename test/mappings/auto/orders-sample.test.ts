import { readFileSync } from 'node:fs';
import test from 'ava';
import { AUTO_DIALECTS } from '../../../mappings/auto/auto-dialect.ts';
import { generatePlan } from '../../../mappings/auto/generate-plan.ts';
import { parsePlanFile, planFileText } from '../../../mappings/auto/plan-file.ts';
import { transformWithPlan } from '../../../mappings/auto/transform-with-plan.ts';
import { parseElasticdumpLine } from '../../../pipeline/source/elasticdump-line.ts';
import { DIALECTS } from '../../../schema/dialect.ts';

const FILE = 'fixtures/orders-sample.ndjson';
const documents = readFileSync(FILE, 'utf8').trim().split('\n').map((text) => {
  const line = parseElasticdumpLine(text);
  if (line.problem !== undefined) throw new Error(line.problem);
  return line.document;
});

test('the orders sample compiles to a document table and three child tables (mapping read from orders-sample.mapping.json)', async (t) => {
  const plan = await generatePlan({ file: FILE });
  t.deepEqual(plan.tables.map((table) => table.name), ['orders', 'orders_tags', 'orders_lines', 'orders_lines_serials']);
  t.deepEqual(plan.tables[3]!.key, ['_id', 'lines_position', 'serials_position']);
  t.is(plan.source.documentsScanned, 60);
  t.true(plan.notes.some((note) => note.field === 'note' && /copy_to search_text/.test(note.note)));
});

test('every sample document is accepted on every dialect, with no finding', async (t) => {
  const plan = await generatePlan({ file: FILE });
  for (const dialect of DIALECTS) {
    const outcomes = documents.map((doc) => transformWithPlan(plan, doc, AUTO_DIALECTS[dialect]));
    t.deepEqual(outcomes.filter((o) => o.kind === 'rejected'), [], dialect);
    t.deepEqual(outcomes.flatMap((o) => o.findings), [], dialect);
  }
});

test('the mapping file round-trips and carries the DDL of every dialect', async (t) => {
  const plan = await generatePlan({ file: FILE });
  const text = planFileText(plan);
  const file = JSON.parse(text) as { ddl: Record<string, string[]> };
  t.deepEqual(Object.keys(file.ddl), ['postgres', 'mysql', 'sqlite']);
  t.deepEqual(parsePlanFile(text, 'orders.json'), plan);
  const edited = text.replace('"name": "order_id",\n          "kind": "string"', '"name": "order_id",\n          "kind": "strng"');
  t.throws(() => parsePlanFile(edited, 'orders.json'), { message: /mapping file: tables "orders" column 2 \("order_id"\) has kind "strng"; use one of id, index/ });
});

test('without a saved _mapping the fields are inferred from the data', async (t) => {
  const { mkdtemp, copyFile } = await import('node:fs/promises');
  const dir = await mkdtemp('/tmp/es2sql-infer-');
  await copyFile(FILE, `${dir}/dump.ndjson`);
  const plan = await generatePlan({ file: `${dir}/dump.ndjson` });
  const kinds = Object.fromEntries(plan.tables[0]!.columns.map((c) => [c.name, c.kind]));
  t.like(kinds, { order_id: 'string', big: 'long', express: 'boolean', ratio: 'double', customer_name: 'string' });
  t.true(plan.tables.some((table) => table.name === 'dump_lines' || table.name === 'orders_lines'));
  t.true(plan.notes.some((note) => /inferred from the data/.test(note.note)));
});
