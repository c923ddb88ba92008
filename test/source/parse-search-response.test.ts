import test from 'ava';
import { parseSearchResponse } from '../../pipeline/source/parse-search-response.ts';
import { JsonNumber } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';

function page(sources: string[]): string {
  const hits = sources.map((source, i) => `{"_index":"freezer","_id":"d${i}","_version":1,"_score":null,"_source":${source},"sort":[${i},${i}]}`);
  return `{"pit_id":"abc==","took":3,"timed_out":false,"_shards":{"total":3,"successful":3,"skipped":0,"failed":0},"hits":{"max_score":null,"hits":[${hits.join(',')}]}}`;
}

const cases: Record<string, string> = {
  'big integers and 1.0 in some hits': page(['{"a":1}', '{"size":12345678901234567890,"ratio":1.0}', '{"b":"x"}', '{"c":[1,2.50,1e+16]}']),
  'a risky number in the last hit': page(['{"a":1}', '{"n":-98765432109876543210}']),
  'a risky number in the first hit only': page(['{"n":1.10}', '{"a":1}']),
  'look-alikes inside strings': page(['{"text":"},{\\"_index\\":\\"x\\", n: 12345678901234567890"}', '{"n":1.0}']),
  'nested objects whose first key is _index': page(['{"list":[{"_index":"a","n":1.0},{"_index":"b"}]}', '{"n":2}']),
  'one hit': page(['{"n":1.0}']),
  'no risky number': page(['{"a":1}', '{"b":2}']),
  'no hits': '{"took":1,"timed_out":false,"hits":{"hits":[]}}',
  'not a search answer': '{"count":12345678901234567890}',
  'a scroll answer of ES 2': '{"_scroll_id":"c2Nh","took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"failed":0},"hits":{"total":2,"max_score":0.0,"hits":[{"_index":"freezer","_type":"jobs","_id":"j1","_score":0.0,"_source":{"t":1.0}},{"_index":"freezer","_type":"jobs","_id":"j2","_score":0.0,"_source":{"t":1}}]}}',
};

for (const [name, text] of Object.entries(cases)) {
  test(`${name}: same values as parseJson`, (t) => {
    t.deepEqual(parseSearchResponse(text), parseJson(text));
  });
}

test('the exact values reach the hits that hold them', (t) => {
  const parsed = parseSearchResponse(cases['big integers and 1.0 in some hits']!) as { hits: { hits: { _source: Record<string, unknown> }[] } };
  const source = parsed.hits.hits[1]!._source;
  t.true(source.size instanceof JsonNumber);
  t.is((source.size as JsonNumber).source, '12345678901234567890');
  t.is((source.ratio as JsonNumber).source, '1.0');
  t.is(parsed.hits.hits[0]!._source.a, 1);
});

test('invalid JSON still fails', (t) => {
  t.throws(() => parseSearchResponse(page(['{"n":1.0}']).slice(0, -3)));
});

/** A small deterministic generator (mulberry32), so a failure names a seed that reproduces it. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const RISKY_TOKENS = ['12345678901234567890', '-98765432109876543210', '1.0', '2.50', '1e+16', '3E5', '0.10', '9007199254740993', '1234567890123456'];
const PLAIN_TOKENS = ['0', '-1', '42', '3.25', '1.5', '123456789012345'];
const STRINGS = ['plain', ':1.0', ',12345678901234567890', '[1.0, 2.0]', 'say \\"1.0\\"', 'tab\\tand \\\\ back', '\\u00e9t\\u00e9 1.0', '},{\\"_index\\":\\"x\\",\\"n\\":1.0}'];
const KEYS = ['a', 'n', 'size', 'k\\u0065y', 'x y', 'n'];

function jsonValue(next: () => number, depth: number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
  const roll = next();
  if (depth > 3 || roll < 0.45) {
    const kind = next();
    if (kind < 0.35) return pick(RISKY_TOKENS);
    if (kind < 0.6) return pick(PLAIN_TOKENS);
    if (kind < 0.85) return `"${pick(STRINGS)}"`;
    return pick(['true', 'false', 'null']);
  }
  const count = Math.floor(next() * 4);
  const space = next() < 0.2 ? ' ' : '';
  if (roll < 0.7) return `[${Array.from({ length: count }, () => `${space}${jsonValue(next, depth + 1)}`).join(',')}]`;
  // Keys may repeat (JSON.parse keeps the last value).
  return `{${Array.from({ length: count }, () => `"${pick(KEYS)}":${space}${jsonValue(next, depth + 1)}`).join(',')}}`;
}

test('random hits with risky numbers, look-alikes in strings, escaped and repeated keys: same values as parseJson', (t) => {
  for (let seed = 1; seed <= 400; seed++) {
    const next = random(seed);
    const sources = Array.from({ length: 1 + Math.floor(next() * 5) }, () => `{"m":${jsonValue(next, 0)},"z":${jsonValue(next, 1)}}`);
    const text = page(sources);
    t.deepEqual(parseSearchResponse(text), parseJson(text), `seed ${seed}: ${text}`);
  }
});
