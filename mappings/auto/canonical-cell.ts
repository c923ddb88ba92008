import { parseJson } from '../../core/parse-json.ts';
import { plainDecimal } from './convert-value.ts';
import type { ColumnKind } from './mapping-plan.ts';

/** A cell in the form verify compares: strings, booleans, `null`; numbers as exact decimal text. */
export type CanonicalCell = string | boolean | null;

const SQL_DATE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;

/** A date from a driver or a transform (Date, `2024-01-15 10:30:00.123`, `…+00`, `…Z`) as ISO-8601 UTC. */
export function canonicalDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  const match = SQL_DATE.exec(String(value));
  if (!match) return `unreadable date ${String(value)}`;
  const [, y, mo, d, h, mi, s, fraction = '', zone = 'Z'] = match;
  let ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number((fraction + '000').slice(0, 3)));
  if (Number(y) < 100) ms = new Date(ms).setUTCFullYear(Number(y));
  const offset = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (offset) ms -= (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3] ?? 0)) * 60_000;
  return new Date(ms).toISOString();
}

function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object' && !('source' in value && Object.keys(value).length === 1)) {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  if (value !== null && typeof value === 'object') return plainDecimal(String((value as { source: string }).source)) ?? String(value);
  if (typeof value === 'number') return plainDecimal(String(value)) ?? String(value);
  return JSON.stringify(value);
}

/**
 * The canonical form of one cell, whichever side it comes from: the transform's value or what the
 * PostgreSQL, MySQL or SQLite driver returns for the column (Date or text dates, int8 as string,
 * bigint, Buffer, JSON text or a parsed JSON object). Equal canonical cells mean an exact copy.
 */
export function canonicalCell(kind: ColumnKind, value: unknown): CanonicalCell {
  if (value === null || value === undefined) return null;
  switch (kind) {
    case 'id':
    case 'index':
    case 'string':
    case 'ip':
      return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
    case 'position':
    case 'integer':
    case 'long':
    case 'unsigned_long':
    case 'decimal':
      return plainDecimal(String(value)) ?? `not a number: ${String(value)}`;
    case 'double':
    case 'geo_lat':
    case 'geo_lon':
      return String(Number(value));
    case 'boolean':
      return value === true || value === 1 || value === 1n || value === '1' || value === 't' || value === 'true';
    case 'date':
      return canonicalDate(value);
    case 'binary':
      return Buffer.from(value as Uint8Array).toString('base64');
    case 'json':
      return sortedJson(typeof value === 'string' ? parseJson(value) : value instanceof Uint8Array ? parseJson(Buffer.from(value).toString('utf8')) : value);
  }
}
