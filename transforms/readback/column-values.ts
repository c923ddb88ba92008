import { coerceBoolean, coerceInteger, coerceString } from '../coerce.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import type { ApiDocument, ApiValue } from '../../core/canonical-json.ts';

/**
 * What a VARCHAR column holds after es2sql's coercion (docs/dirty-data.md): strings as is,
 * numbers as their text, anything else (and absence) NULL.
 */
export function columnString(value: JsonValue | undefined): string | null {
  const result = coerceString(value);
  return result.kind === 'ok' ? result.value : null;
}

/** An INTEGER column: coercible values as numbers (bigint beyond 2^53), otherwise `fallback`. */
export function columnInteger(value: JsonValue | undefined, fallback: number | null): number | bigint | null {
  const result = coerceInteger(value);
  return result.kind === 'ok' ? result.value : fallback;
}

/** A BOOLEAN column: coercible values as booleans, otherwise `fallback`. */
export function columnBoolean(value: JsonValue | undefined, fallback: boolean): boolean {
  const result = coerceBoolean(value);
  return result.kind === 'ok' ? result.value : fallback;
}

/** A non-empty string, else undefined (how the transforms read identity and owner fields). */
export function nonEmpty(value: JsonValue | undefined): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `project_id` of a document as migrated: its own, else the run's default project (or null). */
export function ownerProject(source: JsonObject, defaultProjectId: string | null): string | null {
  return nonEmpty(source.project_id) ?? defaultProjectId;
}

/** An object-valued key, or `{}` when absent, null or not an object (JSON columns are never NULL). */
export function objectOrEmpty(value: JsonValue | undefined): JsonObject {
  return isJsonObject(value) ? value : {};
}

/** A shallow copy without `_version` (dropped wherever es2sql copies `freezer_action`). */
export function withoutVersion(object: JsonObject): JsonObject {
  if (!Object.hasOwn(object, '_version')) return object;
  const copy = { ...object };
  delete copy._version;
  return copy;
}

/** JSON values are API values already; this only narrows the type. */
export function apiValue(value: JsonValue): ApiValue {
  return value;
}

/** A JSON object as an API document (same shape, wider number types). */
export function apiObject(value: JsonObject): ApiDocument {
  return value;
}
