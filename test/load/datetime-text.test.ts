import test from 'ava';
import { datetimeText, utcMillisText } from '../../pipeline/load/driver-values.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

const MICROS = dialectFacts('postgres').valueEncoding;
const SECONDS = dialectFacts('mysql').valueEncoding;

/** The definition: the UTC fields as toISOString writes them, `T` and `Z` replaced. */
function fromIso(date: Date, micros: boolean): string {
  const iso = date.toISOString();
  return micros ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}000` : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

test('datetime text: fixed instants, microseconds and whole seconds', (t) => {
  const date = new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 6));
  t.is(datetimeText(date, MICROS), '2020-01-02 03:04:05.006000');
  t.is(datetimeText(date, SECONDS), '2020-01-02 03:04:05');
  t.is(datetimeText(new Date(0), MICROS), '1970-01-01 00:00:00.000000');
  t.is(datetimeText(new Date(Date.UTC(1969, 11, 31, 23, 59, 59, 999)), MICROS), '1969-12-31 23:59:59.999000');
  t.is(datetimeText(new Date(Date.UTC(2000, 1, 29, 12)), SECONDS), '2000-02-29 12:00:00');
  t.is(datetimeText(new Date(Date.UTC(1000, 0, 1)), MICROS), '1000-01-01 00:00:00.000000');
  t.is(datetimeText(new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999)), MICROS), '9999-12-31 23:59:59.999000');
  // Outside four-digit years the fields are written one by one, as before.
  t.is(datetimeText(new Date(Date.UTC(999, 11, 31, 23, 59, 59)), SECONDS), '999-12-31 23:59:59');
  t.is(datetimeText(new Date(Date.UTC(10000, 0, 1)), MICROS), '10000-01-01 00:00:00.000000');
});

/**
 * 300,000 instants (milliseconds) with four-digit years, from a fixed seed: 100,000 random ones, and
 * in 100,000 random years the millisecond before New Year and before 1 March (a leap day's end).
 */
function* fourDigitInstants(seed: number): Generator<number> {
  const next = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const first = Date.UTC(1000, 0, 1);
  const span = Date.UTC(10000, 0, 1) - first;
  for (let i = 0; i < 100_000; i++) {
    const random = first + Math.floor(next() * span);
    const year = 1000 + Math.floor(next() * 9000);
    for (const ms of [random, Date.UTC(year, 0, 1) - 1, Date.UTC(year, 2, 1) - 1]) if (ms >= first) yield ms;
  }
}

test('datetime text: equals the ISO fields for 300,000 instants across years 1000-9999, leap days and day boundaries included', (t) => {
  let checked = 0;
  for (const ms of fourDigitInstants(12345)) {
    const date = new Date(ms);
    const micros = checked % 2 === 0;
    const expected = fromIso(date, micros);
    const actual = datetimeText(date, micros ? MICROS : SECONDS);
    if (actual !== expected) return t.fail(`${date.toISOString()}: ${actual} !== ${expected}`);
    checked++;
  }
  t.true(checked > 290_000);
});

test('UTC millisecond text: the ISO fields with the separator asked for, for 300,000 instants across years 1000-9999; undefined outside them', (t) => {
  let checked = 0;
  for (const ms of fourDigitInstants(54321)) {
    const iso = new Date(ms).toISOString();
    const expected = [iso.slice(0, -1), `${iso.slice(0, 10)} ${iso.slice(11, 23)}`];
    const actual = [utcMillisText(ms, 'T'), utcMillisText(ms, ' ')];
    if (actual[0] !== expected[0] || actual[1] !== expected[1]) return t.fail(`${iso}: ${actual.join(' | ')}`);
    checked++;
  }
  t.true(checked > 290_000);
  t.is(utcMillisText(Date.UTC(1969, 11, 31, 23, 59, 59, 999), 'T'), '1969-12-31T23:59:59.999');
  t.is(utcMillisText(Date.UTC(999, 11, 31, 23, 59, 59, 999), ' '), undefined);
  t.is(utcMillisText(Date.UTC(10000, 0, 1), ' '), undefined);
  t.is(utcMillisText(Number.NaN, ' '), undefined);
});
