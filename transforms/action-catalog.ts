import { hash } from 'node:crypto';
import type { SourceDocument } from '../core/source-document.ts';
import { isJsonObject, JsonNumber, type JsonValue } from '../core/json-value.ts';
import { byteOutput, reserve, resetOutput, writeAscii, writeByte, type ByteOutput } from '../core/byte-output.ts';
import { PackedStringMap, type SharedPackedStringMap } from '../core/packed-string-map.ts';
import type { ActionCatalog } from './transform-context.ts';

/** One stored action as the optional first pass over action documents records it. */
export interface ActionCatalogEntry {
  actionId: string;
  /** `project_id` as stored (null for v1 documents). */
  projectId: string | null;
  fingerprint: string;
  /** The document's `_version` (null when the source reports none): which of two documents naming the same action counts. */
  version: number | null;
}

/** Keys freezer-api ignores when it compares a job entry with the stored action (api/v2/jobs.py). */
const IGNORED_KEYS: ReadonlySet<string> = new Set(['_version', 'user_id']);

/**
 * The canonical text of a `freezer_action` value, as UTF-8 bytes into one reused buffer: object keys
 * sorted (UTF-16 order) and each written as JSON.stringify writes it, no spaces, integer-valued
 * {@link JsonNumber}s as their digits and other numbers as String() writes them, and at the top
 * level `_version` and `user_id` left out. Every job entry that names a stored action is compared by
 * this digest; built as a string of joined parts it was a quarter of a job's transform (BENCHMARKS.md).
 */
const canonical: ByteOutput = byteOutput();

/** A string as JSON.stringify quotes it, in UTF-8: printable ASCII byte by byte, anything else through JSON.stringify. */
function writeQuoted(o: ByteOutput, text: string): void {
  const n = text.length;
  const b = reserve(o, n + 2);
  const start = o.length;
  let p = start;
  b[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || c >= 0x7f || c === 0x22 || c === 0x5c) {
      // Escapes, non-ASCII, lone surrogates: JSON.stringify's text is well-formed, so its UTF-8 is exact.
      const quoted = JSON.stringify(text);
      o.length = start;
      o.length += reserve(o, quoted.length * 3).write(quoted, start, 'utf8');
      return;
    }
    b[p++] = c;
  }
  b[p++] = 0x22;
  o.length = p;
}

function writeCanonical(o: ByteOutput, value: JsonValue, top: boolean): void {
  if (value instanceof JsonNumber) return writeAscii(o, value.isInteger ? value.source : String(Number(value.source)));
  if (typeof value === 'string') return writeQuoted(o, value);
  if (value === null || typeof value !== 'object') return writeAscii(o, String(JSON.stringify(value)));
  if (Array.isArray(value)) {
    writeByte(o, 0x5b);
    for (let i = 0; i < value.length; i++) {
      if (i > 0) writeByte(o, 0x2c);
      writeCanonical(o, value[i]!, false);
    }
    return writeByte(o, 0x5d);
  }
  const keys = Object.keys(value).sort();
  writeByte(o, 0x7b);
  let first = true;
  for (const key of keys) {
    if (top && IGNORED_KEYS.has(key)) continue;
    if (!first) writeByte(o, 0x2c);
    writeQuoted(o, key);
    writeByte(o, 0x3a);
    writeCanonical(o, value[key] as JsonValue, false);
    first = false;
  }
  writeByte(o, 0x7d);
}


/**
 * A digest of a `freezer_action` object that is equal for two objects freezer-api considers equal:
 * key order does not matter, `1.0` equals `1` (Python), top-level `_version` and `user_id` are
 * ignored.
 */
export function freezerActionFingerprint(freezerAction: JsonValue): string {
  resetOutput(canonical);
  writeCanonical(canonical, freezerAction, true);
  return hash('sha1', canonical.buffer.subarray(0, canonical.length), 'hex');
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
    version: doc.version,
  };
}

/** A catalog as plain data, to rebuild the same catalog in a batch worker thread (structured clone). */
export interface SharedActionCatalog {
  /** The distinct `project_id`s, each once. */
  projects: (string | null)[];
  /** Action id → project index (4 bytes, little-endian), the fingerprint's 20 bytes and the version (a double). */
  table: SharedPackedStringMap;
}

/** An {@link ActionCatalog} that can also hand its content to another thread. */
export interface BuiltActionCatalog extends ActionCatalog {
  /**
   * Enters a stored action. Two documents naming the same action (an alias over several indices, a
   * document whose `action_id` is not its `_id`) are settled as the duplicate rule settles their
   * rows by version: the higher `_version` wins, a document with one beats one without; with equal
   * or no versions, the greater (fingerprint, project) wins. The catalog is therefore the same
   * whatever order the documents arrive in (the first pass reads slices in parallel).
   */
  add(entry: ActionCatalogEntry): void;
  /** Stored actions in the catalog. */
  readonly size: number;
  /** No more actions come: the spare capacity its buffers grew into is given back. */
  trim(): void;
  share(): SharedActionCatalog;
}

/** Bytes per action: the project's index, the SHA-1 fingerprint, then the `_version` as a double (-1: none). */
const VALUE_BYTES = 32;
const VERSION_AT = 24;
const NO_VERSION = -1;

/** Whether `entry` beats the stored action `stored` (see {@link BuiltActionCatalog.add}). */
function entryWins(entry: ActionCatalogEntry, stored: { projectId: string | null; fingerprint: string; version: number | null }): boolean {
  if (entry.version !== stored.version) {
    if (entry.version === null || stored.version === null) return entry.version !== null;
    return entry.version > stored.version;
  }
  if (entry.fingerprint !== stored.fingerprint) return entry.fingerprint > stored.fingerprint;
  return (entry.projectId ?? '') > (stored.projectId ?? '');
}

/**
 * The catalog's compact form. At a million documents a Freezer index may hold 150,000 actions; as
 * entry objects (id, project string, 40-character hex fingerprint) they held about 240 bytes each,
 * and in a `Map` of packed strings still 173 bytes: the migrate's growth in memory from 100k to 1M
 * documents. Here the ids' characters and the 32-byte values (project index, binary fingerprint, version)
 * sit in byte buffers ({@link PackedStringMap}); the project strings, few and repeated, are kept
 * once. {@link ActionCatalog.get} rebuilds the entry for the job transform.
 */
class CompactActionCatalog implements BuiltActionCatalog {
  readonly #projects: (string | null)[];
  readonly #projectIndex = new Map<string | null, number>();
  readonly #table: PackedStringMap;
  readonly #value = Buffer.alloc(VALUE_BYTES);

  constructor(projects: (string | null)[] = [], table = new PackedStringMap(VALUE_BYTES)) {
    this.#projects = projects;
    this.#table = table;
    projects.forEach((project, index) => this.#projectIndex.set(project, index));
  }

  add(entry: ActionCatalogEntry): void {
    const stored = this.#table.indexOf(entry.actionId);
    if (stored >= 0 && !entryWins(entry, this.#entryAt(stored))) return;
    let index = this.#projectIndex.get(entry.projectId);
    if (index === undefined) {
      index = this.#projects.length;
      this.#projects.push(entry.projectId);
      this.#projectIndex.set(entry.projectId, index);
    }
    this.#value.writeUInt32LE(index, 0);
    this.#value.write(entry.fingerprint, 4, 20, 'hex');
    this.#value.writeDoubleLE(entry.version ?? NO_VERSION, VERSION_AT);
    this.#table.set(entry.actionId, this.#value);
  }

  get size(): number {
    return this.#table.size;
  }

  trim(): void {
    this.#table.trim();
  }

  get(actionId: string): { projectId: string | null; fingerprint: string } | undefined {
    const index = this.#table.indexOf(actionId);
    if (index < 0) return undefined;
    const { projectId, fingerprint } = this.#entryAt(index);
    return { projectId, fingerprint };
  }

  #entryAt(index: number): { projectId: string | null; fingerprint: string; version: number | null } {
    const value = this.#table.valueAt(index);
    const bytes = Buffer.from(value.buffer, value.byteOffset, VALUE_BYTES);
    const version = bytes.readDoubleLE(VERSION_AT);
    return { projectId: this.#projects[bytes.readUInt32LE(0)]!, fingerprint: bytes.toString('hex', 4, 24), version: version === NO_VERSION ? null : version };
  }

  share(): SharedActionCatalog {
    return { projects: [...this.#projects], table: this.#table.share() };
  }

  static adopt(shared: SharedActionCatalog): CompactActionCatalog {
    return new CompactActionCatalog([...shared.projects], PackedStringMap.adopt(shared.table));
  }
}

/**
 * An {@link ActionCatalog} over the entries of a first pass (read as they come: the entries are never
 * all held as objects), so the job transform can report entries that diverge from their stored
 * action or name a deleted one. Entries with the same id are settled by {@link BuiltActionCatalog.add},
 * whatever their order.
 */
export function createActionCatalog(entries: Iterable<ActionCatalogEntry>): BuiltActionCatalog {
  const catalog = new CompactActionCatalog();
  for (const entry of entries) catalog.add(entry);
  catalog.trim();
  return catalog;
}

/** The same catalog as {@link BuiltActionCatalog.share} was called on, in this thread. */
export function adoptActionCatalog(shared: SharedActionCatalog): BuiltActionCatalog {
  return CompactActionCatalog.adopt(shared);
}
