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

/** A catalog as plain arrays, to rebuild the same catalog in a batch worker thread (structured clone). */
export interface SharedActionCatalog {
  /** The distinct `project_id`s, each once. */
  projects: (string | null)[];
  ids: string[];
  /** Per id: the project's index (see {@link projectPrefix}), then the fingerprint's 20 bytes as Latin-1 characters. */
  packed: string[];
}

/** The project index as one character, or (beyond 65,534 projects) U+FFFF and two characters. */
function projectPrefix(index: number): string {
  return index < 0xffff ? String.fromCharCode(index) : String.fromCharCode(0xffff, index >>> 16, index & 0xffff);
}

function unpack(packed: string): { project: number; fingerprint: string } {
  const first = packed.charCodeAt(0);
  if (first < 0xffff) return { project: first, fingerprint: packed.slice(1) };
  return { project: packed.charCodeAt(1) * 0x10000 + packed.charCodeAt(2), fingerprint: packed.slice(3) };
}

/** An {@link ActionCatalog} that can also hand its content to another thread. */
export interface BuiltActionCatalog extends ActionCatalog {
  /** Enters (or replaces) a stored action. */
  add(entry: ActionCatalogEntry): void;
  /** Stored actions in the catalog. */
  readonly size: number;
  share(): SharedActionCatalog;
}

/**
 * The catalog's compact form. At a million documents a Freezer index may hold 150,000 actions; as
 * entry objects (id, project string, 40-character hex fingerprint) they held about 240 bytes each
 * and were the migrate's growth in memory from 100k to 1M documents. Here each action is its id and
 * one 21-character string (project index, binary fingerprint); the project strings, few
 * and repeated, are kept once. {@link ActionCatalog.get} rebuilds the entry for the job transform.
 */
class CompactActionCatalog implements BuiltActionCatalog {
  readonly #projects: (string | null)[];
  readonly #projectIndex = new Map<string | null, number>();
  readonly #byId = new Map<string, string>();

  constructor(projects: (string | null)[] = []) {
    this.#projects = projects;
    projects.forEach((project, index) => this.#projectIndex.set(project, index));
  }

  add(entry: ActionCatalogEntry): void {
    let index = this.#projectIndex.get(entry.projectId);
    if (index === undefined) {
      index = this.#projects.length;
      this.#projects.push(entry.projectId);
      this.#projectIndex.set(entry.projectId, index);
    }
    this.#byId.set(entry.actionId, projectPrefix(index) + Buffer.from(entry.fingerprint, 'hex').toString('latin1'));
  }

  addPacked(id: string, packed: string): void {
    this.#byId.set(id, packed);
  }

  get size(): number {
    return this.#byId.size;
  }

  get(actionId: string): { projectId: string | null; fingerprint: string } | undefined {
    const packed = this.#byId.get(actionId);
    if (packed === undefined) return undefined;
    const { project, fingerprint } = unpack(packed);
    return { projectId: this.#projects[project]!, fingerprint: Buffer.from(fingerprint, 'latin1').toString('hex') };
  }

  share(): SharedActionCatalog {
    return { projects: [...this.#projects], ids: [...this.#byId.keys()], packed: [...this.#byId.values()] };
  }
}

/**
 * An {@link ActionCatalog} over the entries of a first pass (read as they come: the entries are never
 * all held as objects), so the job transform can report entries that diverge from their stored
 * action or name a deleted one. Later entries with the same id replace earlier ones (ES `_id` =
 * `action_id`, so duplicates do not occur in one index).
 */
export function createActionCatalog(entries: Iterable<ActionCatalogEntry>): BuiltActionCatalog {
  const catalog = new CompactActionCatalog();
  for (const entry of entries) catalog.add(entry);
  return catalog;
}

/** The same catalog as {@link BuiltActionCatalog.share} was called on, in this thread. */
export function adoptActionCatalog(shared: SharedActionCatalog): BuiltActionCatalog {
  const catalog = new CompactActionCatalog([...shared.projects]);
  shared.ids.forEach((id, i) => catalog.addPacked(id, shared.packed[i]!));
  return catalog;
}
