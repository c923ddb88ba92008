import { readFileSync } from 'node:fs';
import test from 'ava';
import { defineMapping, loadMappingModule } from '../../../index.ts';
import { parseElasticdumpLine } from '../../../pipeline/source/elasticdump-line.ts';

const documents = readFileSync('fixtures/orders-sample.ndjson', 'utf8').trim().split('\n').map((text) => {
  const line = parseElasticdumpLine(text);
  if (line.problem !== undefined) throw new Error(line.problem);
  return line.document;
});

test('the docs example loads as a module and maps every sample order', async (t) => {
  const mapping = await loadMappingModule('docs/examples/orders-mapping.ts');
  t.is(mapping.name, 'orders-declared');
  const outcomes = documents.map((doc) => mapping.outcome(doc, 'postgres'));
  t.deepEqual(outcomes.filter((o) => o.kind === 'rejected'), []);
  const first = outcomes[1]!;
  if (first.kind !== 'accepted') throw new Error('rejected');
  t.like(first.writes[0]!.row, { id: 'order-1', order_id: 'ORD-000001', big: '9007199255740996' });
  t.deepEqual(first.children.map((c) => [c.table, c.parentColumn, c.rows.length]), [['order_lines', 'order_id', 1]]);
  t.is(outcomes.filter((o) => o.findings.some((f) => f.code === 'no_customer')).length, 6);
});

test('the example\'s DDL per dialect', async (t) => {
  const mapping = await loadMappingModule('docs/examples/orders-mapping.ts');
  t.regex(mapping.ddl('postgres')[0]!, /"price" numeric/);
  t.regex(mapping.ddl('mysql')[0]!, /`price` decimal\(65,2\)/);
  t.regex(mapping.ddl('sqlite')[1]!, /PRIMARY KEY \("order_id", "position"\)/);
});

test('rejects carry the transform\'s reason; a bad module is one clear line', async (t) => {
  const mapping = defineMapping({
    name: 'tiny',
    tables: { things: { columns: { id: { type: 'text', nullable: false }, n: { type: 'integer' } }, key: ['id'] } },
    transform: (doc) => (typeof doc.source['n'] === 'number' ? { rows: { things: [{ id: doc.id, n: doc.source['n'] }] } } : { reject: 'invalid_value', detail: 'n is not a number', field: 'n' }),
  });
  t.like(mapping.outcome({ id: 'a', index: 'i', type: null, source: { n: 'x' } }, 'sqlite'), { kind: 'rejected', reason: 'invalid_value', field: 'n' });
  await t.throwsAsync(loadMappingModule('docs/examples/missing.ts'), { message: /^mapping module docs\/examples\/missing.ts does not exist/ });
  await t.throwsAsync(loadMappingModule('package.json'), { message: /could not be loaded|exports no mapping/ });
});

// Type checks (npm run lint): a row must match its table's declared column types.
defineMapping({
  name: 'typed',
  tables: { t: { columns: { id: { type: 'text', nullable: false }, n: { type: 'integer' } }, key: ['id'] } },
  // @ts-expect-error n is an integer column, a string is not a row value for it
  transform: (doc) => ({ rows: { t: [{ id: doc.id, n: 'seven' }] } }),
});
