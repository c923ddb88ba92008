import type { ValueEncoding } from '../../schema/dialect-facts.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** `00` … `99`. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));
/** `.000` … `.999`. */
const FRACTION_MILLIS = Array.from({ length: 1000 }, (_, n) => `.${String(n).padStart(3, '0')}`);
/** The same, then the microseconds' three zeros where the dialect keeps them. */
const FRACTION_MICROS = FRACTION_MILLIS.map((millis) => `${millis}000`);

const DAY_MS = 86_400_000;
/** Instants with a four-digit year, 1000-01-01 to 9999-12-31: their text has a fixed layout. */
const FOUR_DIGIT_FIRST = Date.UTC(1000, 0, 1);
const FOUR_DIGIT_END = Date.UTC(10000, 0, 1);

/** The day of the last call and its `YYYY-MM-DD` (rows of a batch often share a day). */
let lastDay = Number.NaN;
let lastDayText = '';

/** `YYYY-MM-DD` of a day counted from 1970-01-01, in the proleptic Gregorian calendar (as Date's UTC fields). */
function dayText(day: number): string {
  if (day === lastDay) return lastDayText;
  // Days to civil date in 400-year eras starting 0000-03-01 (H. Hinnant's "days_from_civil" inverse).
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  lastDay = day;
  lastDayText = `${year}-${TWO_DIGITS[month]}-${TWO_DIGITS[dayOfMonth]}`;
  return lastDayText;
}

/** 0–999: the milliseconds past the instant's second (before 1970 too). */
function millisOfSecond(ms: number): number {
  return ms - Math.floor(ms / 1000) * 1000;
}

/** `YYYY-MM-DD{separator}HH:MM:SS` of an instant with a four-digit year, from the digit tables. */
function clockText(ms: number, separator: string): string {
  const day = Math.floor(ms / DAY_MS);
  let rest = ms - day * DAY_MS;
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1000);
  return `${dayText(day)}${separator}${TWO_DIGITS[hours]}:${TWO_DIGITS[minutes]}:${TWO_DIGITS[seconds]}`;
}

/**
 * `YYYY-MM-DD{separator}HH:MM:SS.mmm` of an instant in UTC (milliseconds since 1970), the fields
 * `toISOString` writes, for the years 1000–9999; undefined outside them. `toISOString` took 1.2 µs
 * a call, and replacing its `T` and `Z` made two more strings.
 */
export function utcMillisText(ms: number, separator: string): string | undefined {
  if (!(ms >= FOUR_DIGIT_FIRST && ms < FOUR_DIGIT_END)) return undefined;
  return clockText(ms, separator) + FRACTION_MILLIS[millisOfSecond(ms)];
}

/**
 * Naive-UTC text for DATETIME/TIMESTAMP columns, as freezer-api's SQLAlchemy writes them:
 * microseconds on SQLite and PostgreSQL, whole seconds on MySQL (DATETIME has no fraction there).
 * Text avoids drivers applying the process time zone to Date objects.
 *
 * Four-digit years are written from the instant's milliseconds with digit tables: `toISOString`
 * alone took 1.2 µs per call, about one call per migrated document (BENCHMARKS.md).
 */
export function datetimeText(date: Date, encoding: ValueEncoding): string {
  const ms = date.getTime();
  if (ms >= FOUR_DIGIT_FIRST && ms < FOUR_DIGIT_END) {
    const clock = clockText(ms, ' ');
    return encoding.datetimeMicroseconds ? clock + FRACTION_MICROS[millisOfSecond(ms)] : clock;
  }
  const base = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return encoding.datetimeMicroseconds ? `${base}.${pad(date.getUTCMilliseconds(), 3)}000` : base;
}

/** Converts a transform value into what the dialect's driver binds (see {@link ValueEncoding}). */
export function toDriverValue(value: SqlValue, encoding: ValueEncoding): SqlValue {
  if (typeof value === 'boolean') return encoding.booleansAsIntegers ? (value ? 1 : 0) : value;
  if (value instanceof Date) return datetimeText(value, encoding);
  if (value instanceof Uint8Array && encoding.bytesAsBuffer && !Buffer.isBuffer(value)) return Buffer.from(value);
  return value;
}
