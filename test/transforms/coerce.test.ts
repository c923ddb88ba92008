import test from 'ava';
import { coerceBoolean, coerceInteger, coerceString } from '../../transforms/coerce.ts';
import { JsonNumber } from '../../core/json-value.ts';

const integerCases: Array<[string, unknown, ReturnType<typeof coerceInteger>]> = [
  ['absent', undefined, { kind: 'absent' }],
  ['null', null, { kind: 'absent' }],
  ['int', 5, { kind: 'ok', value: 5 }],
  ['negative int', -1, { kind: 'ok', value: -1 }],
  ['exact big JsonNumber', new JsonNumber('12345678901234567890'), { kind: 'ok', value: 12345678901234567890n }],
  ['JsonNumber 1.0', new JsonNumber('1.0'), { kind: 'ok', value: 1, from: 'float' }],
  ['JsonNumber 1e3', new JsonNumber('1e3'), { kind: 'ok', value: 1000, from: 'float' }],
  ['JsonNumber 1.5', new JsonNumber('1.5'), { kind: 'invalid' }],
  ['string "5"', '5', { kind: 'ok', value: 5, from: 'string' }],
  ['string " 30 "', ' 30 ', { kind: 'ok', value: 30, from: 'string' }],
  ['string "+7"', '+7', { kind: 'ok', value: 7, from: 'string' }],
  ['string "-3"', '-3', { kind: 'ok', value: -3, from: 'string' }],
  ['string "5.0"', '5.0', { kind: 'ok', value: 5, from: 'string' }],
  ['big string', '99999999999999999999', { kind: 'ok', value: 99999999999999999999n, from: 'string' }],
  ['string "abc"', 'abc', { kind: 'invalid' }],
  ['empty string', '', { kind: 'invalid' }],
  ['string "5.5"', '5.5', { kind: 'invalid' }],
  ['float 1.5', 1.5, { kind: 'invalid' }],
  ['boolean', true, { kind: 'invalid' }],
  ['object', {}, { kind: 'invalid' }],
];
for (const [name, input, expected] of integerCases) {
  test(`coerceInteger: ${name}`, (t) => t.deepEqual(coerceInteger(input), expected));
}

const booleanCases: Array<[unknown, ReturnType<typeof coerceBoolean>]> = [
  [undefined, { kind: 'absent' }],
  [true, { kind: 'ok', value: true }],
  [false, { kind: 'ok', value: false }],
  [1, { kind: 'ok', value: true, from: 'number' }],
  [0, { kind: 'ok', value: false, from: 'number' }],
  [new JsonNumber('1.0'), { kind: 'ok', value: true, from: 'number' }],
  ['true', { kind: 'ok', value: true, from: 'string' }],
  ['False', { kind: 'ok', value: false, from: 'string' }],
  ['on', { kind: 'ok', value: true, from: 'string' }],
  ['off', { kind: 'ok', value: false, from: 'string' }],
  [' yes ', { kind: 'ok', value: true, from: 'string' }],
  ['no', { kind: 'ok', value: false, from: 'string' }],
  ['1', { kind: 'ok', value: true, from: 'string' }],
  ['0', { kind: 'ok', value: false, from: 'string' }],
  [2, { kind: 'invalid' }],
  ['maybe', { kind: 'invalid' }],
  [[], { kind: 'invalid' }],
];
for (const [input, expected] of booleanCases) {
  test(`coerceBoolean: ${JSON.stringify(input) ?? 'undefined'}`, (t) => t.deepEqual(coerceBoolean(input), expected));
}

test('coerceString: strings as is, numbers as their JSON text, others invalid', (t) => {
  t.deepEqual(coerceString('x'), { kind: 'ok', value: 'x' });
  t.deepEqual(coerceString(12.5), { kind: 'ok', value: '12.5', from: 'number' });
  t.deepEqual(coerceString(new JsonNumber('1.0')), { kind: 'ok', value: '1.0', from: 'number' });
  t.deepEqual(coerceString(null), { kind: 'absent' });
  t.deepEqual(coerceString(true), { kind: 'invalid' });
  t.deepEqual(coerceString({ a: 1 }), { kind: 'invalid' });
});
