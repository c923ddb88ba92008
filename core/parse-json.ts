import { JsonNumber, type JsonValue } from './json-value.ts';

/**
 * A number token (after `:`, `,` or `[`) that `JSON.parse` would not round-trip: 16+ digits, a
 * fraction ending in 0 (`1.0`), or an exponent. Matches inside strings only cost the slow path.
 */
const RISKY_NUMBER = /[:,[]\s*-?(?:\d{16}|\d+\.\d*0(?![\d.eE])|\d+(?:\.\d+)?[eE])/;

interface ReviverContext {
  source?: string;
}

function reviveNumber(this: unknown, _key: string, value: unknown, context?: ReviverContext): unknown {
  if (typeof value === 'number' && context?.source !== undefined && String(value) !== context.source) {
    return new JsonNumber(context.source);
  }
  return value;
}

/**
 * Parses JSON text without losing integers above 2^53 or the float-ness of `1.0`.
 *
 * The fast path is plain `JSON.parse`; the reviver (with V8's source-text access) only runs when the
 * text contains a number token that could be damaged, so typical pages cost no more than `JSON.parse`.
 */
export function parseJson(text: string): JsonValue {
  if (!RISKY_NUMBER.test(text)) return JSON.parse(text) as JsonValue;
  return JSON.parse(text, reviveNumber as (key: string, value: unknown) => unknown) as JsonValue;
}

const RISKY_NUMBERS = new RegExp(RISKY_NUMBER.source, 'g');

/** Offsets in `text` of the number tokens `JSON.parse` could damage (and of look-alikes in strings). */
export function riskyNumberOffsets(text: string): number[] {
  const offsets: number[] = [];
  RISKY_NUMBERS.lastIndex = 0;
  for (let match = RISKY_NUMBERS.exec(text); match !== null; match = RISKY_NUMBERS.exec(text)) offsets.push(match.index);
  return offsets;
}
