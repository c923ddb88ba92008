import { JsonNumber, type JsonValue } from '../../core/json-value.ts';

const SAFE = 2n ** 53n;

/** A number in `_source` that JavaScript's `JSON.parse` would have changed, and es2sql keeps exact. */
export interface ExactNumber {
  /** `big_integer`: an integer beyond ±2^53; `exact_float`: a float written like `1.0` or `1e3`. */
  kind: 'big_integer' | 'exact_float';
  field: string;
  text: string;
}

/**
 * The first big integer and the first exactly-kept float of a document (depth-first, keys in
 * document order), for the report. Such values survive the migration unchanged in JSON columns;
 * in an INTEGER column a big integer is rejected `integer_out_of_range` by the schema check.
 */
export function exactNumbers(value: JsonValue, path = ''): ExactNumber[] {
  const found = new Map<ExactNumber['kind'], ExactNumber>();
  const walk = (item: JsonValue, at: string) => {
    if (found.size === 2) return;
    if (item instanceof JsonNumber) {
      const kind = item.isInteger ? (BigInt(item.source) >= SAFE || BigInt(item.source) <= -SAFE ? 'big_integer' : undefined) : 'exact_float';
      if (kind !== undefined && !found.has(kind)) found.set(kind, { kind, field: at, text: item.source });
      return;
    }
    if (typeof item === 'number') {
      if (Number.isInteger(item) && !Number.isSafeInteger(item) && !found.has('big_integer')) found.set('big_integer', { kind: 'big_integer', field: at, text: String(item) });
      return;
    }
    if (Array.isArray(item)) item.forEach((child, i) => walk(child, at === '' ? String(i) : `${at}.${i}`));
    else if (item !== null && typeof item === 'object') for (const [key, child] of Object.entries(item)) walk(child, at === '' ? key : `${at}.${key}`);
  };
  walk(value, path);
  return [...found.values()];
}
