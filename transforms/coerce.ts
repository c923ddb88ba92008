import { JsonNumber } from '../core/json-value.ts';

/**
 * Coercion of `_source` values into INTEGER, BOOLEAN and VARCHAR columns. Elasticsearch ≤ 5 indexed
 * `"365"` as a long and `"on"` as a boolean but kept the string in `_source` (data contract §1.5,
 * §5.9), so the SQL side has to convert. These functions only classify and convert; the caller
 * decides the policy (default, NULL or reject) and the finding.
 */
export type Coercion<T> =
  /** The key is absent or `null`. */
  | { kind: 'absent' }
  /** Usable as is (`from` is undefined) or after a conversion named by `from`. */
  | { kind: 'ok'; value: T; from?: 'string' | 'float' | 'number' | 'boolean' }
  /** Cannot be converted; the column gets the caller's fallback. */
  | { kind: 'invalid' };

const ABSENT = { kind: 'absent' } as const;
const INVALID = { kind: 'invalid' } as const;

const INTEGER_TEXT = /^[+-]?\d+$/;
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

function exactInteger(text: string): number | bigint {
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : BigInt(text);
}

function integralNumber(value: number): Coercion<number | bigint> {
  return Number.isFinite(value) && Number.isInteger(value) ? { kind: 'ok', value, from: 'float' } : INVALID;
}

/**
 * INTEGER columns: integers as is (beyond 2^53 as exact `bigint`); `JsonNumber` integers exactly;
 * floats with an integral value (`1.0`, `1e3`) → `from: 'float'`; decimal strings (`"5"`, `" 30 "`,
 * `"5.0"`) → `from: 'string'`. Everything else (`"abc"`, `1.5`, booleans, objects) is invalid.
 * Range checks are left to `checkAgainstSchema`.
 */
export function coerceInteger(value: unknown): Coercion<number | bigint> {
  if (value === undefined || value === null) return ABSENT;
  if (typeof value === 'number') {
    return Number.isInteger(value) ? { kind: 'ok', value } : INVALID;
  }
  if (value instanceof JsonNumber) {
    return value.isInteger ? { kind: 'ok', value: exactInteger(value.source) } : integralNumber(Number(value.source));
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (INTEGER_TEXT.test(text)) return { kind: 'ok', value: exactInteger(text), from: 'string' };
    if (DECIMAL_TEXT.test(text)) {
      const number = Number(text);
      if (Number.isFinite(number) && Number.isInteger(number)) return { kind: 'ok', value: number, from: 'string' };
    }
  }
  return INVALID;
}

const TRUE_WORDS: ReadonlySet<string> = new Set(['true', 'on', 'yes', '1']);
const FALSE_WORDS: ReadonlySet<string> = new Set(['false', 'off', 'no', '0']);

/**
 * BOOLEAN columns: `true`/`false` as is; the numbers 0 and 1 → `from: 'number'`; the strings
 * `true/false/on/off/yes/no/1/0` (any case, surrounding blanks ignored) → `from: 'string'`.
 * Anything else is invalid (SQLAlchemy would raise "Not a boolean value").
 */
export function coerceBoolean(value: unknown): Coercion<boolean> {
  if (value === undefined || value === null) return ABSENT;
  if (typeof value === 'boolean') return { kind: 'ok', value };
  if (typeof value === 'number' || value instanceof JsonNumber) {
    const number = Number(value);
    if (number === 0 || number === 1) return { kind: 'ok', value: number === 1, from: 'number' };
    return INVALID;
  }
  if (typeof value === 'string') {
    const word = value.trim().toLowerCase();
    if (TRUE_WORDS.has(word)) return { kind: 'ok', value: true, from: 'string' };
    if (FALSE_WORDS.has(word)) return { kind: 'ok', value: false, from: 'string' };
  }
  return INVALID;
}

/**
 * VARCHAR columns: strings as is; numbers as their JSON text (`from: 'number'`, what MySQL and
 * SQLite's TEXT affinity would store). Booleans, arrays and objects are invalid.
 */
export function coerceString(value: unknown): Coercion<string> {
  if (value === undefined || value === null) return ABSENT;
  if (typeof value === 'string') return { kind: 'ok', value };
  if (typeof value === 'number' && Number.isFinite(value)) return { kind: 'ok', value: String(value), from: 'number' };
  if (value instanceof JsonNumber) return { kind: 'ok', value: value.source, from: 'number' };
  return INVALID;
}
