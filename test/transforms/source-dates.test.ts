import test from 'ava';
import { JsonNumber } from '../../core/json-value.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { dateFromEpoch, fitsTimestamp, parseReportDate } from '../../transforms/source-dates.ts';

const iso = (value: Date | null | undefined) => (value instanceof Date ? value.toISOString() : value);

test('dateFromEpoch: epoch seconds as int, float, JsonNumber, string', (t) => {
  t.is(iso(dateFromEpoch(1_500_000_000)), '2017-07-14T02:40:00.000Z');
  t.is(iso(dateFromEpoch(1_500_000_000.1234)), '2017-07-14T02:40:00.123Z');
  t.is(iso(dateFromEpoch(new JsonNumber('1500000000.0'))), '2017-07-14T02:40:00.000Z');
  t.is(iso(dateFromEpoch(' 1500000000 ')), '2017-07-14T02:40:00.000Z');
});

test('dateFromEpoch: nonsense gives null', (t) => {
  for (const value of [-1, 0, undefined, null, 'soon', 1e13, {}, true]) t.is(dateFromEpoch(value), null, String(value));
});

const reportCases: Array<[unknown, string | null | undefined]> = [
  [undefined, undefined],
  [null, undefined],
  [1_500_000_000, '2017-07-14T02:40:00.000Z'],
  ['1500000000.5', '2017-07-14T02:40:00.500Z'],
  ['2017-07-14T02:40:00Z', '2017-07-14T02:40:00.000Z'],
  ['2017-07-14T02:40:00', '2017-07-14T02:40:00.000Z'],
  ['2017-07-14 02:40:00.123456', '2017-07-14T02:40:00.123Z'],
  ['2017-07-14T04:40:00+02:00', '2017-07-14T02:40:00.000Z'],
  ['2017-07-14T04:40:00+0200', '2017-07-14T02:40:00.000Z'],
  ['2017-07-14', '2017-07-14T00:00:00.000Z'],
  ['2017-02-31T00:00:00', null],
  ['yesterday', null],
  ['14/07/2017', null],
  ['', null],
  [-5, null],
  [true, null],
];
for (const [input, expected] of reportCases) {
  test(`parseReportDate(${JSON.stringify(input) ?? 'undefined'})`, (t) => t.is(iso(parseReportDate(input)), expected));
}

test('fitsTimestamp: MySQL holds 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC, PostgreSQL and SQLite any date', (t) => {
  const mysql = dialectFacts('mysql');
  t.true(fitsTimestamp(new Date('2038-01-19T03:14:07Z'), mysql));
  t.false(fitsTimestamp(new Date('2038-01-19T03:14:08Z'), mysql));
  t.false(fitsTimestamp(new Date('1970-01-01T00:00:00Z'), mysql));
  for (const dialect of ['postgres', 'sqlite'] as const) {
    t.true(fitsTimestamp(new Date('2038-01-19T03:14:08Z'), dialectFacts(dialect)));
    t.true(fitsTimestamp(new Date('1970-01-01T00:00:00Z'), dialectFacts(dialect)));
  }
});
