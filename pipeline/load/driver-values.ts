import type { ValueEncoding } from '../../schema/dialect-facts.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Naive-UTC text for DATETIME/TIMESTAMP columns, as freezer-api's SQLAlchemy writes them:
 * microseconds on SQLite and PostgreSQL, whole seconds on MySQL (DATETIME has no fraction there).
 * Text avoids drivers applying the process time zone to Date objects.
 */
export function datetimeText(date: Date, encoding: ValueEncoding): string {
  const year = date.getUTCFullYear();
  if (year >= 1000 && year <= 9999) {
    // Four-digit years: the ISO text has the same fields in the same places (one string built, not nine).
    const iso = date.toISOString();
    return encoding.datetimeMicroseconds ? `${iso.slice(0, 10)} ${iso.slice(11, 23)}000` : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
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
