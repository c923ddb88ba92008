import { parseJson } from '../../core/parse-json.ts';
import type { ApiValue } from '../../core/canonical-json.ts';

/** One row as a database driver returns it (column name → value). */
export type SqlRow = Record<string, unknown>;

const decoder = new TextDecoder('utf-8', { fatal: false });

/** A VARCHAR/TEXT value; SQLite may hand back freezer-api's JSON bytes as a BLOB. */
export function sqlText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return decoder.decode(value);
  return String(value);
}

/** An INTEGER value (number, bigint, or the text PostgreSQL uses for int8). */
export function sqlInteger(value: unknown): number | bigint | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'bigint') return value;
  const text = sqlText(value) ?? '';
  if (/^-?\d+$/.test(text)) {
    const number = Number(text);
    return Number.isSafeInteger(number) ? number : BigInt(text);
  }
  // SQLite keeps a non-numeric string in an INTEGER column; freezer-api returns it as text.
  return text;
}

/** A BOOLEAN value as SQLAlchemy's Boolean type returns it (MySQL/SQLite store 0/1). */
export function sqlBoolean(value: unknown): boolean | number | string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 0n || value === '0') return false;
  if (value === 1 || value === 1n || value === '1') return true;
  return typeof value === 'number' ? value : String(value);
}

/** Marker key of a JSON column that does not decode (freezer-api would answer 500). */
export const INVALID_JSON_KEY = '$invalid_json';

/**
 * A JSON column decoded like `jsonutils.loads`: numbers exact, `null` for NULL, and for text that
 * is not JSON an object `{ "$invalid_json": text }` so the difference shows instead of throwing.
 */
export function sqlJson(value: unknown): ApiValue {
  const text = sqlText(value);
  if (text === null) return null;
  try {
    return parseJson(text);
  } catch {
    return { [INVALID_JSON_KEY]: text };
  }
}

/** freezer-api reads only rows whose `deleted` is false (NULL counts as not visible). */
export function isVisibleRow(row: SqlRow): boolean {
  if (!Object.hasOwn(row, 'deleted')) return true;
  return sqlBoolean(row.deleted) === false;
}
