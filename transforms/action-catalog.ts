import { hash } from 'node:crypto';
import type { SourceDocument } from '../core/source-document.ts';
import { isJsonObject, JsonNumber, type JsonValue } from '../core/json-value.ts';
import type { ActionCatalog } from './transform-context.ts';

/** One stored action as the optional first pass over action documents records it. */
export interface ActionCatalogEntry {
  actionId: string;
  /** `project_id` as stored (null for v1 documents). */
  projectId: string | null;
  fingerprint: string;
}

/** Keys freezer-api ignores when it compares a job entry with the stored action (api/v2/jobs.py). */
const IGNORED_KEYS: ReadonlySet<string> = new Set(['_version', 'user_id']);

function canonical(value: JsonValue, top: boolean): string {
  if (value instanceof JsonNumber) return value.isInteger ? value.source : String(Number(value.source));
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((item) => canonical(item, false)).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => !(top && IGNORED_KEYS.has(key)))
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key] as JsonValue, false)}`).join(',')}}`;
}

/**
 * A digest of a `freezer_action` object that is equal for two objects freezer-api considers equal:
 * key order does not matter, `1.0` equals `1` (Python), top-level `_version` and `user_id` are
 * ignored.
 */
export function freezerActionFingerprint(freezerAction: JsonValue): string {
  return hash('sha1', canonical(freezerAction, true), 'hex');
}

/**
 * The catalog entry of an action document, or null when the document cannot become an action row
 * (no `action_id`, no `freezer_action` object, or no `freezer_action.action`): job entries must not
 * be linked to an action that will not exist.
 */
export function actionCatalogEntry(doc: SourceDocument): ActionCatalogEntry | null {
  const { action_id: actionId, project_id: projectId, freezer_action: fa } = doc.source;
  if (typeof actionId !== 'string' || actionId === '' || !isJsonObject(fa)) return null;
  if (fa.action === undefined || fa.action === null || typeof fa.action === 'object') return null;
  return {
    actionId,
    projectId: typeof projectId === 'string' && projectId !== '' ? projectId : null,
    fingerprint: freezerActionFingerprint(fa),
  };
}

/**
 * An {@link ActionCatalog} over the entries of a first pass, so the job transform can report
 * entries that diverge from their stored action or name a deleted one. Later entries with the
 * same id replace earlier ones (ES `_id` = `action_id`, so duplicates do not occur in one index).
 */
export function createActionCatalog(entries: Iterable<ActionCatalogEntry>): ActionCatalog {
  // The entries themselves are the values: at a million documents there may be 100k+ of them, and a copy would hold twice that while the catalog is built.
  const byId = new Map<string, ActionCatalogEntry>();
  for (const entry of entries) byId.set(entry.actionId, entry);
  return { get: (actionId) => byId.get(actionId) };
}
