import { codePoints } from '../../core/code-points.ts';
import { JsonNumber, isJsonObject, type JsonValue } from '../../core/json-value.ts';
import type { SqlValue } from '../../core/mapped-rows.ts';
import type { AutoDialect } from './auto-dialect.ts';
import { parseEsDate } from './es-date.ts';
import { parseGeoPoint } from './geo-point.ts';
import type { PlanColumn } from './mapping-plan.ts';

/** Why an auto-mapped document is rejected; documented in README "Migrating any index". */
export type AutoRejectReason = 'too_long' | 'type_conflict' | 'unparseable_date' | 'unexpected_array' | 'integer_out_of_range' | 'charset_unsupported' | 'invalid_value';

/** A source value converted for its column, with a finding when ES-style coercion was applied. */
export type Converted = { value: SqlValue; finding?: { code: string; detail: string } } | { reject: AutoRejectReason; detail: string };

const INT32 = 2_147_483_648n;
const INT64 = 9_223_372_036_854_775_808n;
const UINT64 = 18_446_744_073_709_551_616n;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function numberText(value: JsonValue): string | undefined {
  if (value instanceof JsonNumber) return value.source;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return undefined;
}

/** A decimal literal without exponent (`1.5e3` → `1500`), or undefined when `text` is not a number. */
export function plainDecimal(text: string): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) return undefined;
  const sign = match[1] === '-' ? '-' : '';
  let digits = (match[2] ?? '') + (match[3] ?? '');
  let point = (match[2] ?? '').length + Number(match[4] ?? 0);
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const integer = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const fraction = digits.slice(point).replace(/0+$/, '');
  const body = fraction === '' ? integer : `${integer}.${fraction}`;
  return body === '0' ? '0' : sign + body;
}

function numeric(value: JsonValue): { text: string; coerced: boolean } | undefined {
  const text = numberText(value);
  if (text !== undefined) return { text, coerced: false };
  if (typeof value === 'string' && value.trim() !== '' && plainDecimal(value) !== undefined) return { text: value.trim(), coerced: true };
  return undefined;
}

const typeConflict = (column: PlanColumn, value: JsonValue): Converted => ({
  reject: 'type_conflict',
  detail: `${column.field || column.name} is mapped as ${column.esType ?? column.kind} but the value is ${Array.isArray(value) ? 'an array' : isJsonObject(value) ? 'an object' : `${JSON.stringify(value)?.slice(0, 60)}`}`,
});

const coercedFinding = (column: PlanColumn) => ({ code: 'string_coerced', detail: `a string read as ${column.esType ?? column.kind}, as ES does` });

function integerIn(column: PlanColumn, value: JsonValue, low: bigint, high: bigint): Converted {
  // A safe integer as JSON.parse gave it: the text path below makes the same value from its digits
  // (-0 becomes 0), and the bounds are powers of two, exact as doubles.
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    const integer = value === 0 ? 0 : value;
    if (integer < Number(low) || integer >= Number(high)) return { reject: 'integer_out_of_range', detail: `${column.field} is ${column.esType} but the value ${integer} is out of its range` };
    return { value: column.kind === 'unsigned_long' ? String(integer) : integer };
  }
  const parsed = numeric(value);
  if (parsed === undefined) return typeConflict(column, value);
  const plain = plainDecimal(parsed.text)!;
  if (plain.includes('.')) return { reject: 'type_conflict', detail: `${column.field} is mapped as ${column.esType} but the value ${parsed.text} has a fraction` };
  const big = BigInt(plain);
  if (big < low || big >= high) return { reject: 'integer_out_of_range', detail: `${column.field} is ${column.esType} but the value ${plain} is out of its range` };
  const result: SqlValue = column.kind === 'unsigned_long' ? plain : Number.isSafeInteger(Number(plain)) ? Number(plain) : big;
  return parsed.coerced ? { value: result, finding: coercedFinding(column) } : { value: result };
}

function stringValue(column: PlanColumn, value: JsonValue, dialect: AutoDialect): Converted {
  let text: string;
  let finding: { code: string; detail: string } | undefined;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean' || value instanceof JsonNumber) {
    text = String(value);
    finding = { code: 'scalar_coerced_to_string', detail: `${column.field || 'value'}: a ${typeof value === 'boolean' ? 'boolean' : 'number'} kept as its text` };
  } else return typeConflict(column, value);
  if (LONE_SURROGATE.test(text)) return { reject: 'charset_unsupported', detail: `${column.field || column.name} holds an unpaired UTF-16 surrogate, which no SQL text type stores` };
  if (!dialect.storesNul && text.includes('\u0000')) return { reject: 'charset_unsupported', detail: `${column.field || column.name} holds a NUL character, which ${dialect.dialect} text cannot store` };
  if (column.length !== undefined && codePoints(text) > column.length) return { reject: 'too_long', detail: `${column.field || column.name} has ${codePoints(text)} characters; the column holds ${column.length} (raise "length" in the mapping file, or regenerate it with --scan all)` };
  return finding ? { value: text, finding } : { value: text };
}

/** Converts one source value for a column; `null`/absent are handled by the caller. */
export function convertValue(column: PlanColumn, value: JsonValue, dialect: AutoDialect): Converted {
  switch (column.kind) {
    case 'id':
    case 'index':
    case 'string':
      return stringValue(column, value, dialect);
    case 'ip':
      if (typeof value !== 'string' || !/^[0-9a-fA-F:.]+(?:%\w+)?(?:\/\d+)?$/.test(value)) return { reject: 'invalid_value', detail: `${column.field} is an ip field but ${JSON.stringify(value)} is not an IP address` };
      return { value };
    case 'position':
    case 'integer':
      return integerIn(column, value, -INT32, INT32);
    case 'long':
      return integerIn(column, value, -INT64, INT64);
    case 'unsigned_long':
      return integerIn(column, value, 0n, UINT64);
    case 'decimal': {
      const parsed = numeric(value);
      if (parsed === undefined) return typeConflict(column, value);
      const plain = plainDecimal(parsed.text)!;
      const scale = plain.split('.')[1]?.length ?? 0;
      if (column.scale !== undefined && scale > column.scale) return { reject: 'too_long', detail: `${column.field} has ${scale} digits after the point; the column keeps ${column.scale} (raise "scale" in the mapping file)` };
      return parsed.coerced ? { value: plain, finding: coercedFinding(column) } : { value: plain };
    }
    case 'double': {
      // A finite number is its own text's value (-0 becomes 0, as through its text).
      if (typeof value === 'number' && Number.isFinite(value)) return { value: value === 0 ? 0 : value };
      const parsed = numeric(value);
      if (parsed === undefined) return typeConflict(column, value);
      return parsed.coerced ? { value: Number(parsed.text), finding: coercedFinding(column) } : { value: Number(parsed.text) };
    }
    case 'boolean':
      if (typeof value === 'boolean') return { value };
      if (value === 'true' || value === 'false' || value === '') return { value: value === 'true', finding: coercedFinding(column) };
      return typeConflict(column, value);
    case 'date': {
      const parsed = parseEsDate(value, column.formats);
      if (parsed === undefined) return { reject: 'unparseable_date', detail: `${column.field} value ${JSON.stringify(value)} matches none of the formats ${(column.formats ?? []).join('||')}` };
      const year = new Date(parsed.epochMillis).getUTCFullYear();
      if (year < 1000 || year > 9999) return { reject: 'invalid_value', detail: `${column.field} date ${JSON.stringify(value)} is outside the years 1000–9999 every dialect stores` };
      const text = dialect.dateText(parsed.epochMillis);
      return parsed.truncated ? { value: text, finding: { code: 'date_precision_reduced', detail: `${column.field}: digits below the millisecond dropped` } } : { value: text };
    }
    case 'geo_lat':
    case 'geo_lon': {
      const point = parseGeoPoint(value);
      if (point === undefined) return { reject: 'invalid_value', detail: `${column.field} value ${JSON.stringify(value)?.slice(0, 60)} is not a geo_point` };
      return { value: column.kind === 'geo_lat' ? point.lat : point.lon };
    }
    case 'binary':
      if (typeof value !== 'string' || !/^[A-Za-z0-9+/\s]*={0,2}$/.test(value)) return { reject: 'invalid_value', detail: `${column.field} is binary but the value is not base64` };
      return { value: new Uint8Array(Buffer.from(value, 'base64')) };
    case 'json':
      return { value: JSON.stringify(value) };
  }
}
