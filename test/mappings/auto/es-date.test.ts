import test from 'ava';
import { parseEsDate } from '../../../mappings/auto/es-date.ts';
import { parseGeoPoint } from '../../../mappings/auto/geo-point.ts';
import { JsonNumber } from '../../../core/json-value.ts';

const iso = (value: Parameters<typeof parseEsDate>[0], formats?: string[]) => {
  const parsed = parseEsDate(value, formats);
  return parsed === undefined ? undefined : new Date(parsed.epochMillis).toISOString();
};

const cases: Array<[string, Parameters<typeof parseEsDate>[0], string[] | undefined, string | undefined]> = [
  ['default: ISO date only', '2024-01-15', undefined, '2024-01-15T00:00:00.000Z'],
  ['default: ISO with offset', '2024-01-15T10:30:00+02:00', undefined, '2024-01-15T08:30:00.000Z'],
  ['default: epoch millis number', 1705314600123, undefined, '2024-01-15T10:30:00.123Z'],
  ['default: epoch millis as string', '1705314600123', undefined, '2024-01-15T10:30:00.123Z'],
  ['epoch_second', new JsonNumber('1705314600'), ['epoch_second'], '2024-01-15T10:30:00.000Z'],
  ['custom pattern', '2024/01/15 10:30:00', ['yyyy/MM/dd HH:mm:ss'], '2024-01-15T10:30:00.000Z'],
  ['custom pattern with literal T and millis', '15-01-2024T10:30:00.250', ["dd-MM-yyyy'T'HH:mm:ss.SSS"], '2024-01-15T10:30:00.250Z'],
  ['month names and AM/PM', 'Jan 5 2024 01:02 PM', ['MMM d yyyy hh:mm a'], '2024-01-05T13:02:00.000Z'],
  ['camelCase 2.x name', '2024-01-15T10:30:00Z', ['dateOptionalTime'], '2024-01-15T10:30:00.000Z'],
  ['basic format', '20240115T103000Z', ['basic_date_time_no_millis'], '2024-01-15T10:30:00.000Z'],
  ['no format fits', '15.01.2024', ['yyyy/MM/dd'], undefined],
  ['impossible day', '2024-02-31', undefined, undefined],
];
for (const [name, value, formats, expected] of cases) test(`date: ${name}`, (t) => t.is(iso(value, formats), expected));

test('geo_point forms', (t) => {
  t.deepEqual(parseGeoPoint({ lat: 1.5, lon: 2 }), { lat: 1.5, lon: 2 });
  t.deepEqual(parseGeoPoint([2, 1.5]), { lat: 1.5, lon: 2 });
  t.deepEqual(parseGeoPoint('1.5,2'), { lat: 1.5, lon: 2 });
  t.deepEqual(parseGeoPoint('POINT (2 1.5)'), { lat: 1.5, lon: 2 });
  t.deepEqual(parseGeoPoint({ type: 'Point', coordinates: [2, 1.5] }), { lat: 1.5, lon: 2 });
  const hash = parseGeoPoint('u33dc0cpke7v')!;
  t.true(Math.abs(hash.lat - 52.52) < 0.001 && Math.abs(hash.lon - 13.405) < 0.001);
  t.is(parseGeoPoint({ lat: 95, lon: 0 }), undefined);
});
