import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';

/** A value found at a dotted path, or why it could not be read as one value. */
export type Found = { value: JsonValue | undefined } | { arrayAt: string; length: number };

/**
 * The value at a dotted path inside an object. Dotted keys in `_source` (`{"customer.name": …}`)
 * are read as ES reads them, like nested objects. An array on the way is unwrapped when it holds
 * one object; with more it is reported (`arrayAt`), since one column cannot hold several values.
 */
export function valueAt(object: JsonObject, path: string): Found {
  if (path === '') return { value: object };
  const parts = path.split('.');
  for (let take = parts.length; take >= 1; take -= 1) {
    const key = parts.slice(0, take).join('.');
    if (!Object.hasOwn(object, key)) continue;
    const value = object[key]!;
    if (take === parts.length) return { value };
    const rest = parts.slice(take).join('.');
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
