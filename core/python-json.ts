import { JsonNumber, type JsonValue } from './json-value.ts';

/**
 * Serialises like Python's `json.dumps(value)` with default arguments, which is what freezer-api's
 * `oslo_serialization.jsonutils.dumps` writes into its JSON columns: `", "` and `": "` separators,
 * every non-ASCII character escaped as `\uXXXX` (surrogate pairs for astral characters), insertion
 * order kept. ASCII-only output also keeps JSON columns safe in utf8mb3 MySQL tables.
 */
export function pythonJsonDumps(value: JsonValue): string {
  return dump(value);
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/** Printable ASCII without `"` and `\`: written as it is (the common case, tested first). */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function dumpString(text: string): string {
  if (PLAIN.test(text)) return `"${text}"`;
  // eslint-disable-next-line no-control-regex
  return `"${text.replace(/["\\\u0000-\u001f\u007f-\uffff]/g, (ch) => {
    const named = ESCAPES[ch];
    if (named !== undefined) return named;
    return `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  })}"`;
}

function dumpNumber(value: number): string {
  if (Number.isFinite(value)) return String(value);
  // Python's json.dumps writes these non-standard tokens (allow_nan=True).
  if (Number.isNaN(value)) return 'NaN';
  return value > 0 ? 'Infinity' : '-Infinity';
}

/**
 * `"key": ` of each object key seen: keys repeat in every document of an entity, so their escaping
 * check and quoting run once per key instead of once per occurrence. Bounded: once full, keys not
 * yet seen (sources with free-form keys) are written without being remembered.
 */
const KEY_TEXTS = new Map<string, string>();
const KEY_TEXTS_LIMIT = 10_000;

function keyText(key: string): string {
  let text = KEY_TEXTS.get(key);
  if (text === undefined) {
    text = `${dumpString(key)}: `;
    if (KEY_TEXTS.size < KEY_TEXTS_LIMIT) KEY_TEXTS.set(key, text);
  }
  return text;
}

// One accumulator per container instead of part arrays and joins: this runs for most columns of
// most rows, and its garbage was a third of migrate's allocations.
function dump(value: JsonValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return dumpString(value);
  if (typeof value === 'number') return dumpNumber(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value instanceof JsonNumber) return value.source;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    let out = `[${dump(value[0]!)}`;
    for (let i = 1; i < value.length; i++) out += `, ${dump(value[i]!)}`;
    return `${out}]`;
  }
  let out = '{';
  let first = true;
  for (const key of Object.keys(value)) {
    const item = value[key];
    if (item === undefined) continue;
    out += first ? keyText(key) + dump(item) : `, ${keyText(key)}${dump(item)}`;
    first = false;
  }
  return `${out}}`;
}
