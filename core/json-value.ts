/**
 * JSON values as es2sql carries them from Elasticsearch `_source` to SQL.
 *
 * `JSON.parse` turns `12345678901234567890` into a rounded double and `1.0` into `1`; both break a
 * round trip to freezer-api, which reads the SQL JSON columns with Python (`1.0` must stay a float,
 * a 20-digit id must stay exact). Numbers whose JavaScript value would not re-serialise to their
 * source text are therefore kept as {@link JsonNumber} holding that text.
 */
export type JsonPrimitive = string | number | boolean | null | JsonNumber;
export type JsonArray = JsonValue[];
export interface JsonObject {
  [key: string]: JsonValue;
}
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

/** A JSON number kept as its exact source text (big integers, `1.0`, `1e+16`). */
export class JsonNumber {
  readonly source: string;
  constructor(source: string) {
    this.source = source;
  }
  /** True when the text is an integer literal (no fraction, no exponent). */
  get isInteger(): boolean {
    return /^-?\d+$/.test(this.source);
  }
  /** The nearest double; exact only for safe integers. */
  valueOf(): number {
    return Number(this.source);
  }
  toString(): string {
    return this.source;
  }
  /** `JSON.stringify` support; emits the exact text via `JSON.rawJSON` (Node ≥ 21). */
  toJSON(): unknown {
    return (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON(this.source);
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof JsonNumber);
}
