import test from 'ava';
import { JsonNumber } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';
import { canonicalJson, documentHash, fieldDifferences } from '../../transforms/readback/index.ts';

test('canonical text sorts keys and compares numbers the way Python does', (t) => {
  t.is(canonicalJson({ b: 1, a: [true, null, 'x'] }), '{"a":[true,null,"x"],"b":1}');
  t.is(canonicalJson(parseJson('{"ratio": 1.0}')), canonicalJson({ ratio: 1 }));
  t.is(canonicalJson(parseJson('{"n": 1e3}')), '{"n":1000}');
  t.is(canonicalJson(parseJson('{"big": 12345678901234567890}')), '{"big":12345678901234567890}');
  t.is(canonicalJson(12345678901234567890n), '12345678901234567890');
  t.not(canonicalJson(new JsonNumber('9007199254740993')), canonicalJson(9007199254740992));
  t.not(canonicalJson(true), canonicalJson(1), 'booleans stay apart from 0/1');
  t.is(canonicalJson({ gone: undefined, kept: 0 }), '{"kept":0}');
  t.is(canonicalJson(0.1), '0.1');
});

test('documents equal under canonical comparison hash equal, different ones do not', (t) => {
  t.is(documentHash({ a: 1, b: { c: 2.0 } }), documentHash(parseJson('{"b": {"c": 2}, "a": 1.0}') as never));
  t.not(documentHash({ a: 1 }), documentHash({ a: '1' }));
  t.regex(documentHash({}), /^[0-9a-f]{64}$/);
});

test('field differences name the API paths that differ, list positions included', (t) => {
  const expected = { user_id: 'u', client: { hostname: 'h', description: null }, job_actions: [{ freezer_action: { mode: 'fs' } }, { freezer_action: { mode: 'fs' } }] };
  const actual = { user_id: 'u', client: { hostname: 'other', description: null, extra: 1 }, job_actions: [{ freezer_action: { mode: 'nova' } }] };
  t.deepEqual(fieldDifferences(expected, actual), ['client.extra', 'client.hostname', 'job_actions.0.freezer_action.mode', 'job_actions.1']);
  t.deepEqual(fieldDifferences(parseJson('{"x": 1.0}'), { x: 1 }), []);
  t.deepEqual(fieldDifferences({ a: 1 }, null), ['(document)']);
  t.is(fieldDifferences({ a: 1, b: 2, c: 3 }, {}, 2).length, 2);
});
