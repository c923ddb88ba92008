import { byteOutput, reserve, resetOutput, writeAscii, writeByte, type ByteOutput as Output } from './byte-output.ts';
import { JsonNumber, type JsonValue } from './json-value.ts';

/**
 * Serialises like Python's `json.dumps(value)` with default arguments, which is what freezer-api's
 * `oslo_serialization.jsonutils.dumps` writes into its JSON columns: `", "` and `": "` separators,
 * every non-ASCII character escaped as `\uXXXX` (surrogate pairs for astral characters), insertion
 * order kept. ASCII-only output also keeps JSON columns safe in utf8mb3 MySQL tables.
 *
 * The text is written byte by byte into one reused buffer and read out as a single flat string.
 * Built by concatenation, it was a rope of some forty pieces per value that the column checks then
 * flattened: three to four times the value's size in garbage, for most rows of a Freezer migration
 * (BENCHMARKS.md). The output is ASCII, so Latin-1 reads it back exactly.
 */
export function pythonJsonDumps(value: JsonValue): string {
  resetOutput(out);
  writeValue(out, value);
  return out.buffer.toString('latin1', 0, out.length);
}

const out: Output = byteOutput();

const HEX = '0123456789abcdef';

/** A JSON string: printable ASCII as it is, `"` `\` and the five named controls escaped, everything else `\uXXXX` per UTF-16 unit. */
function writeString(o: Output, text: string): void {
  const n = text.length;
  const b = reserve(o, n * 6 + 2);
  let p = o.length;
  b[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      b[p++] = c;
      continue;
    }
    b[p++] = 0x5c;
    switch (c) {
      case 0x22:
        b[p++] = 0x22;
        break;
      case 0x5c:
        b[p++] = 0x5c;
        break;
      case 0x08:
        b[p++] = 0x62; // b
        break;
      case 0x0c:
        b[p++] = 0x66; // f
        break;
      case 0x0a:
        b[p++] = 0x6e; // n
        break;
      case 0x0d:
        b[p++] = 0x72; // r
        break;
      case 0x09:
        b[p++] = 0x74; // t
        break;
      default:
        b[p++] = 0x75; // u
        b[p++] = HEX.charCodeAt(c >> 12);
        b[p++] = HEX.charCodeAt((c >> 8) & 15);
        b[p++] = HEX.charCodeAt((c >> 4) & 15);
        b[p++] = HEX.charCodeAt(c & 15);
    }
  }
  b[p++] = 0x22;
  o.length = p;
}

/** `, ` or `: ` */
function writePair(o: Output, first: number): void {
  const b = reserve(o, 2);
  b[o.length++] = first;
  b[o.length++] = 0x20;
}

function writeNumber(o: Output, value: number): void {
  // Most numbers of Freezer documents are integers (levels, sizes in bytes, epoch seconds): their
  // digits go straight into the buffer (String(value) made a short-lived string per number, `-0`
  // included: both write "0").
  if (Number.isSafeInteger(value)) return writeInteger(o, value);
  // Python's json.dumps writes the non-standard tokens for these (allow_nan=True).
  writeAscii(o, Number.isFinite(value) ? String(value) : Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity');
}

/** `00` to `99` as pairs of ASCII digits. */
const DIGIT_PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  DIGIT_PAIRS[2 * i] = 0x30 + Math.floor(i / 10);
  DIGIT_PAIRS[2 * i + 1] = 0x30 + (i % 10);
}

/** The digits of an integer below 10^8 (int32 arithmetic), without leading zeros; returns the end. */
function writeSmall(b: Buffer, at: number, value: number): number {
  let digits = 1;
  for (let scale = 10; scale <= value; scale *= 10) digits++;
  return writeFixed(b, at, value, digits);
}

/** Exactly `digits` digits of an integer below 10^8, zero-padded; returns the end. */
function writeFixed(b: Buffer, at: number, value: number, digits: number): number {
  let p = at + digits;
  const end = p;
  let rest = value | 0;
  while (p - at >= 2) {
    const next = (rest / 100) | 0;
    const pair = (rest - next * 100) * 2;
    b[--p] = DIGIT_PAIRS[pair + 1]!;
    b[--p] = DIGIT_PAIRS[pair]!;
    rest = next;
  }
  if (p > at) b[--p] = 0x30 + rest;
  return end;
}

/** A safe integer's decimal digits, as String() writes them. */
function writeInteger(o: Output, value: number): void {
  const b = reserve(o, 17);
  let p = o.length;
  let rest = value;
  if (rest < 0) {
    b[p++] = 0x2d;
    rest = -rest;
  }
  if (rest < 100_000_000) {
    o.length = writeSmall(b, p, rest);
    return;
  }
  // Up to 2^53: the digits above the last eight are below 10^8 as well.
  const high = Math.floor(rest / 100_000_000);
  o.length = writeFixed(b, writeSmall(b, p, high), rest - high * 100_000_000, 8);
}

/**
 * `"key": ` as bytes, per key: the objects of a JSON column repeat their keys from document to
 * document (a backup's metadata has some 35), and copying the bytes costs less than escaping the key
 * character by character again. Bounded: the first {@link KEY_CACHE_LIMIT} keys of up to
 * {@link KEY_CACHE_MAX_LENGTH} characters are kept; other keys are written as any string is.
 */
const KEY_BYTES = new Map<string, Uint8Array>();
const KEY_CACHE_LIMIT = 4096;
const KEY_CACHE_MAX_LENGTH = 64;

function writeKey(o: Output, key: string): void {
  const bytes = KEY_BYTES.get(key);
  if (bytes === undefined) {
    const start = o.length;
    writeString(o, key);
    writePair(o, 0x3a);
    if (key.length <= KEY_CACHE_MAX_LENGTH && KEY_BYTES.size < KEY_CACHE_LIMIT) KEY_BYTES.set(key, new Uint8Array(o.buffer.subarray(start, o.length)));
    return;
  }
  const b = reserve(o, bytes.length);
  b.set(bytes, o.length);
  o.length += bytes.length;
}

function writeValue(o: Output, value: JsonValue): void {
  if (value === null) return writeAscii(o, 'null');
  if (typeof value === 'string') return writeString(o, value);
  if (typeof value === 'number') return writeNumber(o, value);
  if (typeof value === 'boolean') return writeAscii(o, value ? 'true' : 'false');
  if (value instanceof JsonNumber) return writeAscii(o, value.source);
  if (Array.isArray(value)) {
    writeByte(o, 0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writePair(o, 0x2c);
      writeValue(o, value[i]!);
    }
    return writeByte(o, 0x5d);
  }
  writeByte(o, 0x7b);
  let first = true;
  // for…in over a plain object visits its own keys in Object.keys order, without the keys array.
  for (const key in value) {
    const item = value[key];
    if (item === undefined) continue;
    if (!first) writePair(o, 0x2c);
    writeKey(o, key);
    writeValue(o, item);
    first = false;
  }
  writeByte(o, 0x7d);
}
