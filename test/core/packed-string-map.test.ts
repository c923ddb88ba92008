import test from 'ava';
import { PackedStringMap } from '../../core/packed-string-map.ts';

const value = (n: number) => Uint8Array.of(n & 0xff, (n >> 8) & 0xff, (n >> 16) & 0xff);

test('a packed string map finds every key it was given, replaces values set again, and knows absent keys', (t) => {
  const map = new PackedStringMap(3);
  const keys = Array.from({ length: 50_000 }, (_, i) => (i % 7 === 0 ? `id-${i}-é` : `${(i * 2654435761) >>> 0}`.padStart(12, '0')));
  keys.push('', 'ünïcödé ☃', '日本語', 'x'.repeat(512));
  keys.forEach((key, i) => map.set(key, value(i)));
  map.set(keys[10]!, value(999_999));
  t.is(map.size, keys.length);
  keys.forEach((key, i) => {
    const index = map.indexOf(key);
    t.true(index >= 0, key);
    t.deepEqual([...map.valueAt(index)], [...value(i === 10 ? 999_999 : i)], key);
  });
  for (const absent of ['nope', 'id-1-é', '☃', '0', keys[3]!.slice(1), `${keys[3]!}0`]) t.is(map.indexOf(absent), -1, absent);
  // Trimmed to its size, it still answers, and still takes new keys.
  map.trim();
  t.deepEqual([...map.valueAt(map.indexOf(keys[20]!))], [...value(20)]);
  map.set('after-trim', value(7));
  t.deepEqual([...map.valueAt(map.indexOf('after-trim'))], [...value(7)]);
  t.deepEqual([...map.valueAt(map.indexOf(keys[keys.length - 1]!))], [...value(keys.length - 1)]);
});

test('a packed string map crosses threads as plain data and answers the same', (t) => {
  const map = new PackedStringMap(2);
  const keys = Array.from({ length: 1000 }, (_, i) => (i % 10 === 0 ? `wide-☃-${i}` : `key-${i}`));
  keys.forEach((key, i) => map.set(key, Uint8Array.of(i & 0xff, i >> 8)));
  const adopted = PackedStringMap.adopt(structuredClone(map.share()));
  t.is(adopted.size, 1000);
  keys.forEach((key, i) => t.deepEqual([...adopted.valueAt(adopted.indexOf(key))], [i & 0xff, i >> 8]));
  t.is(adopted.indexOf('key-1000'), -1);
  adopted.set('key-1000', Uint8Array.of(1, 2));
  t.deepEqual([...adopted.valueAt(adopted.indexOf('key-1000'))], [1, 2]);
});

test('a value of the wrong width is refused', (t) => {
  t.throws(() => new PackedStringMap(4).set('a', Uint8Array.of(1)), { instanceOf: RangeError });
});
