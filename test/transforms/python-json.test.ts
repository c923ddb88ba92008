import test from 'ava';
import { parseJson } from '../../core/parse-json.ts';
import { JsonNumber, type JsonValue } from '../../core/json-value.ts';
import { pythonJsonDumps } from '../../core/python-json.ts';
import { SeededRandom } from '../../fixtures/corpus/seeded-random.ts';

const cases: Array<[string, string]> = [
  ['{"a":1.0,"b":"é"}', '{"a": 1.0, "b": "\\u00e9"}'],
  ['{"big":12345678901234567890,"neg":-98765432109876543210}', '{"big": 12345678901234567890, "neg": -98765432109876543210}'],
  ['[1,2.50,1e+16,"😀"]', '[1, 2.50, 1e+16, "\\ud83d\\ude00"]'],
  ['{"z":1,"a":{"y":[],"x":{}}}', '{"z": 1, "a": {"y": [], "x": {}}}'],
  ['{"q":"a\\"b\\\\c\\n\\u0001\\u007f"}', '{"q": "a\\"b\\\\c\\n\\u0001\\u007f"}'],
  ['{"t":true,"f":false,"n":null}', '{"t": true, "f": false, "n": null}'],
];
for (const [input, expected] of cases) {
  test(`pythonJsonDumps(parseJson(${input}))`, (t) => t.is(pythonJsonDumps(parseJson(input)), expected));
}

// Expected texts are Python 3's json.dumps of the same values. Each case runs twice: object keys are
// cached after their first use, and the cached text must be the same.
const pythonCases: Array<[string, JsonValue, string]> = [
  [
    'hostile strings: lone surrogate, emoji, U+2028/9, DEL, NUL, control characters, quote and backslash',
    { lone: '\ud800', pair: '\ud83d\ude00', ls: 'a\u2028b\u2029c', del: '\x7f', nul: '\x00', ctl: '\x01\x1f\b\f\n\r\t', q: '"\\/' },
    '{"lone": "\\ud800", "pair": "\\ud83d\\ude00", "ls": "a\\u2028b\\u2029c", "del": "\\u007f", "nul": "\\u0000", "ctl": "\\u0001\\u001f\\b\\f\\n\\r\\t", "q": "\\"\\\\/"}',
  ],
  [
    'keys that need escaping, nested',
    { é: 1, 'a"b': [true, false, null], 'tab\tkey': { nested: 'ünï' }, '\ud83d\ude00': 'x' },
    '{"\\u00e9": 1, "a\\"b": [true, false, null], "tab\\tkey": {"nested": "\\u00fcn\\u00ef"}, "\\ud83d\\ude00": "x"}',
  ],
  [
    'the same keys in sibling objects, floats and safe integers',
    [{ k: 0.1, k2: 1.5, k3: -0.25, k4: 123456789012345 }, { k: 'again', k2: 'é', k3: [], k4: {} }],
    '[{"k": 0.1, "k2": 1.5, "k3": -0.25, "k4": 123456789012345}, {"k": "again", "k2": "\\u00e9", "k3": [], "k4": {}}]',
  ],
  ['an integer above 2^53 kept exactly', { big: new JsonNumber('9007199254740993') }, '{"big": 9007199254740993}'],
  ['separators inside a string are text', 'plain, with: separators {"x": [1, 2]}', '"plain, with: separators {\\"x\\": [1, 2]}"'],
  ['empty containers and string', [[], {}, ''], '[[], {}, ""]'],
];
for (const [name, value, expected] of pythonCases) {
  test(`pythonJsonDumps writes what Python writes: ${name}`, (t) => {
    t.is(pythonJsonDumps(value), expected);
    t.is(pythonJsonDumps(value), expected);
  });
}

test('pythonJsonDumps keeps number source text (1e16, 1e-5, 1E+2, 1.0) and writes non-finite numbers as Python does', (t) => {
  t.is(pythonJsonDumps(parseJson('[1e16, 1e-5, 0.1, 1E+2, 1.0, 10000000000000000000001]')), '[1e16, 1e-5, 0.1, 1E+2, 1.0, 10000000000000000000001]');
  t.is(pythonJsonDumps([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e21]), '[NaN, Infinity, -Infinity, 0, 1e+21]');
});

test('pythonJsonDumps skips undefined members, as the JSON it mirrors has none', (t) => {
  t.is(pythonJsonDumps({ a: 1, b: undefined as unknown as JsonValue, c: 2 }), '{"a": 1, "c": 2}');
  t.is(pythonJsonDumps({ b: undefined as unknown as JsonValue, c: 2 }), '{"c": 2}');
});

test('pythonJsonDumps writes integers as their decimal digits at every length and sign, up to and past 32 bits', (t) => {
  const integers = [0, 7, -7, 9, 10, 99, 100, 101, 999_999, 1_000_000, 2_147_483_647, -2_147_483_648, 2_147_483_648, -2_147_483_649, 4_294_967_296, 1_712_345_678_901];
  t.is(pythonJsonDumps(integers), `[${integers.join(', ')}]`);
  for (let digits = 1; digits <= 10; digits++) {
    const value = Number('9'.repeat(digits)) % 2_147_483_648;
    t.is(pythonJsonDumps({ n: value, m: -value }), `{"n": ${value}, "m": ${-value}}`, `${digits} digits`);
  }
});

test('pythonJsonDumps writes safe integers beyond 32 bits digit by digit, as String() does, up to ±(2^53 − 1)', (t) => {
  const integers = [Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 52, 999_999_999_999_999, 1_000_000_000_000_000, 636_447_343_632, -4_294_967_297];
  t.is(pythonJsonDumps(integers), `[${integers.map(String).join(', ')}]`);
  // 11 to 15 digits: every such number is a safe integer.
  for (let digits = 11; digits <= 15; digits++) {
    for (const text of ['9'.repeat(digits), `1${'0'.repeat(digits - 1)}`, `1${'0'.repeat(digits - 2)}1`]) {
      const value = Number(text);
      t.is(pythonJsonDumps({ n: value, m: -value }), `{"n": ${text}, "m": -${text}}`, text);
    }
  }
  // Random integers of every width, both signs (the digits go out two at a time, in two halves past 10^8).
  const random = new SeededRandom(53);
  const sample = Array.from({ length: 20_000 }, () => Math.floor((random.next() * 2 - 1) * 10 ** Math.floor(random.next() * 16)) || 0);
  t.is(pythonJsonDumps(sample), `[${sample.join(', ')}]`);
  // Past 2^53 a double is written as String() writes it (JsonNumber keeps exact texts).
  t.is(pythonJsonDumps([2 ** 53, 2 ** 60]), `[${2 ** 53}, ${2 ** 60}]`);
});

test('pythonJsonDumps writes keys the same whether their bytes are kept or not: long keys, and more distinct keys than it keeps', (t) => {
  const long = `k${'é'.repeat(100)}`;
  const value = { [long]: 1, short: 2 };
  const expected = `{"k${'\\u00e9'.repeat(100)}": 1, "short": 2}`;
  t.is(pythonJsonDumps(value), expected);
  t.is(pythonJsonDumps(value), expected);
  const many: Record<string, number> = {};
  for (let i = 0; i < 6000; i++) many[`key-${i}-ü`] = i;
  const manyText = `{${Object.keys(many).map((key, i) => `"${key.replace('ü', '\\u00fc')}": ${i}`).join(', ')}}`;
  t.is(pythonJsonDumps(many), manyText);
  t.is(pythonJsonDumps(many), manyText);
});
