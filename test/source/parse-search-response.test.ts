import test from 'ava';
import { parseSearchResponse } from '../../pipeline/source/parse-search-response.ts';
import { JsonNumber } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';
import { SeededRandom } from '../../fixtures/corpus/seeded-random.ts';
import { randomJsonText, type JsonWords } from '../helpers/random-json.ts';

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

const WORDS: JsonWords = {
  risky: ['12345678901234567890', '-98765432109876543210', '1.0', '2.50', '1e+16', '3E5', '0.10', '9007199254740993', '1234567890123456'],
  plain: ['0', '-1', '42', '3.25', '1.5', '123456789012345'],
  strings: ['plain', ':1.0', ',12345678901234567890', '[1.0, 2.0]', 'say \\"1.0\\"', 'tab\\tand \\\\ back', '\\u00e9t\\u00e9 1.0', '},{\\"_index\\":\\"x\\",\\"n\\":1.0}'],
  keys: ['a', 'n', 'size', 'k\\u0065y', 'x y', 'n'],
};

test('random hits with risky numbers, look-alikes in strings, escaped and repeated keys: same values as parseJson', (t) => {
  for (let seed = 1; seed <= 400; seed++) {
    const random = new SeededRandom(seed);
    const sources = Array.from({ length: 1 + Math.floor(random.next() * 5) }, () => `{"m":${randomJsonText(random, 0, WORDS)},"z":${randomJsonText(random, 1, WORDS)}}`);
    const text = page(sources);
    t.deepEqual(parseSearchResponse(text), parseJson(text), `seed ${seed}: ${text}`);
  }
});
