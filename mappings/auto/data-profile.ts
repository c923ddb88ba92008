import { codePoints } from '../../core/code-points.ts';
import { JsonNumber, isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';

/** What the scanned documents hold at one dotted path (array elements count as the path itself). */
export interface FieldStats {
  /** Values seen (array elements one by one). */
  values: number;
  /** Longest string, in code points (what VARCHAR(n) counts). */
  maxLength: number;
  /** Documents (or parent elements) where the value was an array. */
  arrays: number;
  /** Arrays of exactly two numbers (a geo_point's `[lon, lat]` form; also counted in `arrays`). */
  numberPairs: number;
  /** Arrays whose elements include objects. */
  objectsInArrays: number;
  /** JSON kinds seen: `string`, `number`, `boolean`, `object`, `array`. */
  kinds: Set<string>;
  /** An integer beyond ±2^53 was seen (kept exact by the exact JSON parse). */
  beyondSafeInteger: boolean;
  /** Most digits after the decimal point of any number (exact source text). */
  maxScale: number;
  /** Most digits before the decimal point of any number. */
  maxPrecisionDigits: number;
  /** Shapes of strings seen, digits folded to `9` (`9999/99/99 99:99:99`), at most 8 kept. */
  shapes: Set<string>;
}

/** The result of scanning documents: per-path statistics and the documents counted. */
export interface DataProfile {
  documents: number;
  /** `full` when every document was read (`--scan all`), else `sample`. */
  scan: 'sample' | 'all';
  fields: Map<string, FieldStats>;
}

export function emptyProfile(scan: 'sample' | 'all' = 'sample'): DataProfile {
  return { documents: 0, scan, fields: new Map() };
}

function statsAt(profile: DataProfile, path: string): FieldStats {
  let stats = profile.fields.get(path);
  if (stats === undefined) {
    stats = { values: 0, maxLength: 0, arrays: 0, numberPairs: 0, objectsInArrays: 0, kinds: new Set(), beyondSafeInteger: false, maxScale: 0, maxPrecisionDigits: 0, shapes: new Set() };
    profile.fields.set(path, stats);
  }
  return stats;
}

/** Adds one document's `_source` to the profile. */
export function profileDocument(profile: DataProfile, source: JsonObject): void {
  profile.documents += 1;
  walkObject(profile, source, '');
}

function walkObject(profile: DataProfile, object: JsonObject, prefix: string): void {
  for (const [key, value] of Object.entries(object)) walkValue(profile, value, prefix === '' ? key : `${prefix}.${key}`);
}

function walkValue(profile: DataProfile, value: JsonValue, path: string): void {
  if (value === null) return;
  const stats = statsAt(profile, path);
  if (Array.isArray(value)) {
    stats.arrays += 1;
    stats.kinds.add('array');
    if (value.some((element) => isJsonObject(element))) stats.objectsInArrays += 1;
    if (value.length === 2 && value.every((element) => typeof element === 'number' || element instanceof JsonNumber)) stats.numberPairs += 1;
    for (const element of value) if (!Array.isArray(element)) walkValue(profile, element, path);
    return;
  }
  stats.values += 1;
  if (isJsonObject(value)) {
    stats.kinds.add('object');
    walkObject(profile, value, path);
    return;
  }
  if (typeof value === 'string') {
    stats.kinds.add('string');
    stats.maxLength = Math.max(stats.maxLength, codePoints(value));
    if (stats.shapes.size < 8 && value.length <= 40) stats.shapes.add(value.replace(/\d/g, '9'));
    return;
  }
  if (typeof value === 'boolean') {
    stats.kinds.add('boolean');
    return;
  }
  stats.kinds.add('number');
  const text = value instanceof JsonNumber ? value.source : String(value);
  const [integerPart = '', fraction = ''] = text.replace(/^-/, '').split(/[eE]/)[0]!.split('.');
  stats.maxScale = Math.max(stats.maxScale, fraction.length);
  stats.maxPrecisionDigits = Math.max(stats.maxPrecisionDigits, integerPart.replace(/^0+(?=\d)/, '').length);
  if (/^-?\d+$/.test(text) && !Number.isSafeInteger(Number(text))) stats.beyondSafeInteger = true;
}
