import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';

/** A value found at a dotted path, or why it could not be read as one value. */
export type Found = { value: JsonValue | undefined } | { arrayAt: string; length: number };

/** A path's ways to split into a key of the object and the rest, longest key first. */
type Splits = readonly { key: string; rest: string }[];

/** Splits per path: a plan reads the same few paths from every document. */
const SPLITS = new Map<string, Splits>();

function splitsOf(path: string): Splits {
  let splits = SPLITS.get(path);
  if (splits === undefined) {
    const parts = path.split('.');
    splits = parts.map((_, i) => ({ key: parts.slice(0, parts.length - i).join('.'), rest: parts.slice(parts.length - i).join('.') }));
    if (SPLITS.size >= 10_000) SPLITS.clear();
    SPLITS.set(path, splits);
  }
  return splits;
}

/**
 * The value at a dotted path inside an object. Dotted keys in `_source` (`{"customer.name": …}`)
 * are read as ES reads them, like nested objects. An array on the way is unwrapped when it holds
 * one object; with more it is reported (`arrayAt`), since one column cannot hold several values.
 */
export function valueAt(object: JsonObject, path: string): Found {
  if (path === '') return { value: object };
  for (const { key, rest } of splitsOf(path)) {
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key]!;
    if (rest === '') return { value };
    if (isJsonObject(value)) return valueAt(value, rest);
    if (Array.isArray(value)) {
      const objects = value.filter((element) => element !== null);
      if (objects.length === 0) return { value: undefined };
      if (objects.length === 1 && isJsonObject(objects[0])) return valueAt(objects[0], rest);
      return { arrayAt: key, length: objects.length };
    }
    return { value: undefined };
  }
  return { value: undefined };
}
