import test from 'ava';
import { valueAt } from '../../../mappings/auto/value-at.ts';

test('valueAt: plain and nested paths, dotted keys read like nested objects, the longest key first', (t) => {
  const doc = { a: 1, customer: { name: 'x', address: { city: 'Oslo' } }, 'customer.name': 'dotted', 'b.c': { d: 2 }, b: { c: { d: 3 } } };
  t.deepEqual(valueAt(doc, 'a'), { value: 1 });
  t.deepEqual(valueAt(doc, 'missing'), { value: undefined });
  t.deepEqual(valueAt(doc, 'customer.name'), { value: 'dotted' });
  t.deepEqual(valueAt(doc, 'customer.address.city'), { value: 'Oslo' });
  t.deepEqual(valueAt(doc, 'b.c.d'), { value: 2 });
  t.deepEqual(valueAt(doc, 'a.b'), { value: undefined });
  t.deepEqual(valueAt(doc, ''), { value: doc });
  // The same paths again (kept splits) give the same answers on another document.
  t.deepEqual(valueAt({ b: { c: { d: 4 } } }, 'b.c.d'), { value: 4 });
});

test('valueAt: an array on the way is unwrapped when it holds one object, reported when it holds more', (t) => {
  t.deepEqual(valueAt({ lines: [null, { sku: 'A' }] }, 'lines.sku'), { value: 'A' });
  t.deepEqual(valueAt({ lines: [] }, 'lines.sku'), { value: undefined });
  t.deepEqual(valueAt({ lines: [{ sku: 'A' }, { sku: 'B' }] }, 'lines.sku'), { arrayAt: 'lines', length: 2 });
  t.deepEqual(valueAt({ lines: ['A'] }, 'lines.sku'), { arrayAt: 'lines', length: 1 });
});
