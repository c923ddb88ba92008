import { createHash } from 'node:crypto';
import { JsonNumber } from './json-value.ts';

/**
 * A value as the read-back rules produce it: JSON values, with numbers as JavaScript numbers,
 * bigints (SQL integers beyond 2^53) or {@link JsonNumber}s (exact source text).
 */
export type ApiValue = null | boolean | string | number | bigint | JsonNumber | ApiValue[] | ApiDocument;
export interface ApiDocument {
  [key: string]: ApiValue;
}

function integerText(value: number): string {
  return BigInt(value).toString();
}

/**
 * A number's canonical text, equal for two numbers Python would call equal: `1`, `1.0` and
 * `1e0` all give `1`; integers keep every digit (`12345678901234567890` stays exact); a float
 * with a fraction is written in its shortest round-trip form.
 */
export function canonicalNumber(value: number | bigint | JsonNumber): string {
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof JsonNumber) {
    if (value.isInteger) return BigInt(value.source).toString();
    const number = Number(value.source);
    return Number.isInteger(number) ? integerText(number) : String(number);
  }
  if (!Number.isFinite(value)) return String(value);
  return Number.isInteger(value) ? integerText(value) : String(value);
}

/**
 * The canonical text of an API document: object keys sorted (code-unit order), no whitespace,
 * numbers as {@link canonicalNumber}, keys whose value is `undefined` left out. Two documents
 * have the same canonical text exactly when freezer-api's Python would find them equal (booleans
 * are kept apart from 0/1).
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
    case 'bigint':
      return canonicalNumber(value);
    case 'object':
      break;
    default:
      throw new TypeError(`cannot put a ${typeof value} into an API document`);
  }
  if (value instanceof JsonNumber) return canonicalNumber(value);
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++) text += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${text}]`;
  }
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = object[key];
    if (item === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${text}}`;
}

/** SHA-256 (hex) of the canonical text: the per-document hash `verify` compares. */
export function documentHash(document: ApiDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
