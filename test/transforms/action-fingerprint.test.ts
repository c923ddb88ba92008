import test from 'ava';
import { hash } from 'node:crypto';
import { JsonNumber, type JsonValue } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';
import { SeededRandom } from '../../fixtures/corpus/seeded-random.ts';
import { freezerActionFingerprint } from '../../transforms/action-catalog.ts';
import { randomJsonText, type JsonWords } from '../helpers/random-json.ts';

/** The definition the fingerprint keeps: SHA-1 of the canonical text, built here the plain way (joined strings). */
function canonicalText(value: JsonValue, top: boolean): string {
  if (value instanceof JsonNumber) return value.isInteger ? value.source : String(Number(value.source));
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonicalText(item, false)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => !(top && (key === '_version' || key === 'user_id')))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalText(value[key] as JsonValue, false)}`).join(',')}}`;
}

const byDefinition = (value: JsonValue) => hash('sha1', canonicalText(value, true), 'hex');

const WORDS: JsonWords = {
  risky: ['12345678901234567890', '1.0', '19.90', '1e+16', '3E5', '0.10', '9007199254740993', '-2.50'],
  plain: ['0', '-1', '42', '3.25', '-0', '0.00001', '1.5', '123456789012345'],
  strings: ['plain', 'caf\\u00e9', '\\ud83d\\ude00 emoji', 'lone \\ud800 surrogate', 'quote \\" and \\\\ backslash', 'tab\\tnew\\nline \\u0001', 'del \\u007f', '\\u2028', ''],
  keys: ['mode', 'action', 'user_id', '_version', 'Zeta', 'zeta', '\\u00e9t\\u00e9', '\\ud83d\\ude00', '\\uff21', 'a b', '__proto__', 'backup_name'],
};

test('the fingerprint is SHA-1 of the canonical text: 3,000 random values with escapes, non-ASCII, lone surrogates, exact numbers and ignored keys', (t) => {
  for (let seed = 1; seed <= 3000; seed++) {
    const random = new SeededRandom(seed);
    const value = parseJson(randomJsonText(random, seed % 3, WORDS));
    t.is(freezerActionFingerprint(value), byDefinition(value), `seed ${seed}`);
  }
});

test('the fingerprint ignores key order, 1.0 against 1, and top-level _version and user_id, but not nested ones', (t) => {
  const stored = parseJson('{"action":"backup","max_level":1,"opts":{"user_id":"u","n":2}}');
  t.is(freezerActionFingerprint(parseJson('{"opts":{"n":2.0,"user_id":"u"},"user_id":"x","_version":3,"max_level":1.0,"action":"backup"}')), freezerActionFingerprint(stored));
  t.not(freezerActionFingerprint(parseJson('{"action":"backup","max_level":1,"opts":{"n":2}}')), freezerActionFingerprint(stored));
  t.not(freezerActionFingerprint(parseJson('{"action":"backup","max_level":1.5,"opts":{"user_id":"u","n":2}}')), freezerActionFingerprint(stored));
});

test('the fingerprint of values beyond its buffer: a 10 kB and a 2 MB string, then a small value again', (t) => {
  for (const size of [10_000, 2_000_000, 10]) {
    const value: JsonValue = { action: 'backup', path: `/${'é'.repeat(size / 2)}${'x'.repeat(size / 2)}` };
    t.is(freezerActionFingerprint(value), byDefinition(value), `${size}`);
  }
});
