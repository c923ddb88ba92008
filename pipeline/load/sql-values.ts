import type { Dialect } from '../../schema/dialect.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * Naive-UTC text for DATETIME/TIMESTAMP columns, as freezer-api's SQLAlchemy writes them:
 * microseconds on SQLite and PostgreSQL, whole seconds on MySQL (DATETIME has no fraction there).
 * Text avoids drivers applying the process time zone to Date objects.
 */
export function datetimeText(date: Date, dialect: Dialect): string {
  const base = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return dialect === 'mysql' ? base : `${base}.${pad(date.getUTCMilliseconds(), 3)}000`;
}

/** Converts a transform value into what the dialect's driver binds. */
export function toDriverValue(value: SqlValue, dialect: Dialect): SqlValue {
  if (typeof value === 'boolean') return dialect === 'postgres' ? value : value ? 1 : 0;
  if (value instanceof Date) return datetimeText(value, dialect);
  if (value instanceof Uint8Array && dialect !== 'sqlite' && !Buffer.isBuffer(value)) return Buffer.from(value);
  return value;
}
