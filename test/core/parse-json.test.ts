import test from 'ava';
import { JsonNumber } from '../../core/json-value.ts';
import { parseJson, riskyNumberOffsets } from '../../core/parse-json.ts';
import { SeededRandom } from '../../fixtures/corpus/seeded-random.ts';
import { randomJsonText, type JsonWords } from '../helpers/random-json.ts';

/** The definition parseJson keeps: once a text holds a risky token, every number whose double does not print as its source text is kept as that text. */
function byReviver(text: string): unknown {
  if (riskyNumberOffsets(text).length === 0) return JSON.parse(text);
  return JSON.parse(text, (_key, value: unknown, context?: { source?: string }) =>
    typeof value === 'number' && context?.source !== undefined && String(value) !== context.source ? new JsonNumber(context.source) : value,
  );
}

// Numbers JSON.parse keeps and numbers it does not (-0, long fractions), which the risky scan does not flag by themselves.
const WORDS: JsonWords = {
  risky: ['12345678901234567890', '-98765432109876543210', '1.0', '19.90', '1e+16', '3E5', '0.10', '9007199254740993'],
  plain: ['0', '-1', '42', '3.25', '-0', '0.00001', '1.230000000000000000001', '123456789012345', '1.5', '0.000001', '0.0000001', '-0.5', '0.5', '-123456789012345', '99999999999999.5', '999999999999999.5', '0.000001234567890123', '1.000001'],
  strings: ['plain', ':1.0', ',-0', '[1.0, -0]', 'say \\"1.0\\"', '\\u00e9t\\u00e9 1.0'],
  keys: ['a', 'n', 'price', 'k\\u0065y', 'x y', 'n', '__proto__'],
};

test('parseJson keeps every number a risky text holds as the reviver does: -0, long fractions, repeated and __proto__ keys, nesting', (t) => {
  let slow = 0;
  for (let seed = 1; seed <= 3000; seed++) {
    const random = new SeededRandom(seed);
    const text = random.next() < 0.1 ? randomJsonText(random, 4, WORDS) : `{"id":${randomJsonText(random, 3, WORDS)},"doc":${randomJsonText(random, 0, WORDS)},"tail":${randomJsonText(random, 1, WORDS)}}`;
    if (riskyNumberOffsets(text).length > 0) slow++;
    t.deepEqual(parseJson(text), byReviver(text), `seed ${seed}: ${text}`);
  }
  t.true(slow > 1000, `${slow} texts took the exact-number path`);
});

test('parseJson: an order with prices keeps 19.90 as text, and -0 beside it as the reviver would', (t) => {
  const parsed = parseJson('{"lines":[{"price":19.90,"qty":2},{"price":-0,"qty":1}],"total":39.80,"id":12345678901234567890}') as Record<string, unknown>;
  t.deepEqual(parsed, {
    lines: [
      { price: new JsonNumber('19.90'), qty: 2 },
      { price: new JsonNumber('-0'), qty: 1 },
    ],
    total: new JsonNumber('39.80'),
    id: new JsonNumber('12345678901234567890'),
  });
  // An array at the top, and a text without risky tokens (plain JSON.parse: -0 stays a number).
  t.deepEqual(parseJson('[1.0]'), [new JsonNumber('1.0')]);
  t.deepEqual(parseJson('{"a":-0,"b":1.5}'), { a: -0, b: 1.5 });
});

test('parseJson: beside a risky number, numbers that print as themselves stay numbers and those that do not become text', (t) => {
  const plain = ['0', '7', '-12', '123456789012345', '-0.5', '0.5', '527.91', '0.000001', '1.000001', '12345678901234.5'];
  const kept = ['-0', '0.0000001', '1234567890123456.5', '0.1234567890123456789', '1.10', '2.0'];
  const text = `{"big":12345678901234567890,"plain":[${plain.join(',')}],"kept":[${kept.join(',')}]}`;
  const parsed = parseJson(text) as { plain: unknown[]; kept: unknown[] };
  t.deepEqual(parsed.plain, plain.map(Number));
  t.deepEqual(parsed.kept, kept.map((token) => (String(Number(token)) === token ? Number(token) : new JsonNumber(token))));
  t.deepEqual(parsed, byReviver(text));
});
