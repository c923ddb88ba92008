import { restoreExactNumbers } from './exact-numbers.ts';
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
 * The fast path is plain `JSON.parse`, taken when the text holds no number token that could be
 * damaged. Otherwise every number whose double would not serialise back to its source text becomes
 * a {@link JsonNumber}, as a reviver with V8's source-text access decides it: `JSON.parse` then
 * {@link restoreExactNumbers} over every number token, which patches those few values in place.
 * The reviver itself is called for every value of the text: on 50,000 orders with prices like
 * `19.90`, whose file lines are each parsed twice, it was 3.6 s of a 12.8 s migrate (BENCHMARKS.md).
 * It remains the way when the scan cannot be sure (a `__proto__` key) or the text is a single number.
 */
export function parseJson(text: string): JsonValue {
  if (!RISKY_NUMBER.test(text)) return JSON.parse(text) as JsonValue;
  const value = JSON.parse(text) as JsonValue;
  if (typeof value === 'object' && value !== null && restoreExactNumbers(value, text, 0, text.length, 'all')) return value;
  return JSON.parse(text, reviveNumber as (key: string, value: unknown) => unknown) as JsonValue;
}

/** Where each match of a global pattern starts in `text`. */
function matchOffsets(pattern: RegExp, text: string): number[] {
  const offsets: number[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) offsets.push(match.index);
  return offsets;
}

const RISKY_NUMBERS = new RegExp(RISKY_NUMBER.source, 'g');

/** Offsets in `text` of the number tokens `JSON.parse` could damage (and of look-alikes in strings). */
export function riskyNumberOffsets(text: string): number[] {
  return matchOffsets(RISKY_NUMBERS, text);
}
