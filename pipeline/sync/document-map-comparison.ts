import { sql } from 'kysely';
import { SeenIds } from '../batch/seen-ids.ts';
import { withDatabaseRetries } from '../batch/transient-database-error.ts';
import type { SweepEntry } from '../source/document-source.ts';
import type { StateStore } from '../state/state-store.ts';
import { dialectFacts, type DialectFacts } from '../../schema/dialect-facts.ts';
import { fitsJsonTable, jsonTableOfIds, serverHasJsonTable } from '../../schema/mysql-json-table.ts';
import { DOC_ID_LENGTH } from '../state/state-tables.ts';

/** A swept entry with its content hash (file sources, documents without `_version`). */
export interface KeyedEntry extends SweepEntry {
  /** Absent or null: no content hash (an Elasticsearch sweep, which always has `_version`). */
  hash?: string | null;
}

/** What the document map (and the content hashes) say about one swept id. */
interface KnownDocument {
  status: string;
  version: number | null;
  hash: string | null;
}

/** Why a partition's ids must all be staged after all (the delete count cannot be trusted otherwise). */
export type FullPassReason = 'counts differ' | 'repeated ids' | 'not in the source';

/** Bits per key the repeat filter gets, and the bits each key sets: a false "seen before" stays below 1 in 10^9 per id. */
const BITS_PER_KEY = 64;
const PROBES = 12;
/** At most 2^29 bits (64 MiB) whatever the map's size, at least 2^16. */
const MAX_BITS_LOG2 = 29;
const MIN_BITS_LOG2 = 16;

/**
 * The same rule as the diff in SQL (change-set.ts, upsertQuery), entry by entry, with SQL's null
 * logic: a document absent from the map or deleted there is new; else it changed when the map has
 * no `_version` or another one, or — an entry without `_version` (file sources) — when its content
 * hash is missing or differs.
 */
function isNewOrChanged(entry: KeyedEntry, known: KnownDocument | undefined, hashed: boolean): boolean {
  if (known === undefined || known.status === 'deleted') return true;
  const versionDiffers = known.version === null || (entry.version !== null && known.version !== entry.version);
  if (!hashed || entry.version !== null) return versionDiffers;
  const hash = entry.hash ?? null;
  return known.hash === null || (hash !== null && known.hash !== hash);
}

/**
 * Compares each swept page with the document map as it streams by, so that only new and changed
 * entries are staged in `es2sql_sweep` (a quiet index stages nothing). Deletes are found without
 * staging every id: per partition it counts the swept ids the map holds as live (status other than
 * `deleted`); when a complete sweep's count equals the map's live count, no live document is
 * missing from the source. That holds only if no id was counted twice, so every counted id goes
 * into a Bloom filter keyed by partition and id, and a "maybe seen before" (a dump repeating an id,
 * a search context reopened while documents change, or a rare false positive) makes the partition
 * untrusted: it is swept again with every id staged, and the diff in SQL finds its deletes.
 *
 * The pipeline lock keeps the document map still while the sweep runs, so the live counts read
 * before it (`liveCounts`) are the ones the sweep is compared with.
 */
export class DocumentMapComparison {
  readonly #store: StateStore;
  readonly #facts: DialectFacts;
  readonly #pipelineId: string;
  readonly #hashed: boolean;
  readonly #liveCounts: ReadonlyMap<string, number>;
  readonly #seen: SeenIds;
  readonly #present = new Map<string, number>();
  readonly #untrusted = new Set<string>();

  constructor(input: { store: StateStore; pipelineId: string; hashed: boolean; liveCounts: ReadonlyMap<string, number> }) {
    this.#store = input.store;
    this.#facts = dialectFacts(input.store.dialect);
    this.#pipelineId = input.pipelineId;
    this.#hashed = input.hashed;
    this.#liveCounts = input.liveCounts;
    let keys = 0;
    for (const n of input.liveCounts.values()) keys += n;
    const bitsLog2 = Math.min(MAX_BITS_LOG2, Math.max(MIN_BITS_LOG2, Math.ceil(Math.log2(Math.max(1, keys) * BITS_PER_KEY))));
    this.#seen = new SeenIds({ bitsLog2, probes: PROBES });
  }

  /**
   * The entries of one page (ids unique within it) that must be staged: new or changed ones.
   * Counts the live ones and notes repeats.
   */
  async select(partition: string, entries: readonly KeyedEntry[]): Promise<KeyedEntry[]> {
    return this.#selectKnown(partition, entries, await this.#lookUp(partition, entries.map((e) => e.id)));
  }

  /**
   * {@link select} for a page of a sweep over a whole index that holds several partitions (ids
   * unique within it), where the entries do not say their partition. An entry the document map
   * holds as live with the same `_version` in one of `group`'s partitions is that partition's
   * (the same version is the same content, so the same classification): the partitions are looked
   * up largest first, each for the entries still unplaced. The rest (new, changed, deleted in the
   * map) are placed where the source's own partition queries put them now (`partitionsOf`); one
   * gone from the source since the sweep met it is dropped, as if the sweep had missed it, which at
   * worst sends its partition to a full pass. Returns, per partition, the entries the sweep met there
   * and those to stage, counted and checked for repeats as {@link select} does.
   */
  async route(
    group: readonly string[],
    entries: readonly KeyedEntry[],
    partitionsOf: (ids: readonly string[]) => Promise<Map<string, readonly string[]>>,
  ): Promise<Map<string, { met: number; staged: KeyedEntry[] }>> {
    const routed = new Map<string, { met: number; staged: KeyedEntry[] }>();
    const order = [...group].sort((a, b) => (this.#liveCounts.get(b) ?? 0) - (this.#liveCounts.get(a) ?? 0));
    let unplaced = entries;
    for (const partition of order) {
      if (unplaced.length === 0) break;
      const known = await this.#lookUp(partition, unplaced.map((e) => e.id));
      const here: KeyedEntry[] = [];
      const rest: KeyedEntry[] = [];
      for (const entry of unplaced) {
        const record = known.get(entry.id);
        if (record !== undefined && record.status !== 'deleted' && !isNewOrChanged(entry, record, this.#hashed)) here.push(entry);
        else rest.push(entry);
      }
      if (here.length > 0) routed.set(partition, { met: here.length, staged: this.#selectKnown(partition, here, known) });
      unplaced = rest;
    }
    if (unplaced.length === 0) return routed;
    const placed = await partitionsOf(unplaced.map((e) => e.id));
    const byPartition = new Map<string, KeyedEntry[]>();
    for (const entry of unplaced) {
      for (const partition of placed.get(entry.id) ?? []) {
        const list = byPartition.get(partition) ?? [];
        list.push(entry);
        byPartition.set(partition, list);
      }
    }
    for (const [partition, list] of byPartition) {
      const staged = await this.select(partition, list);
      const earlier = routed.get(partition);
      routed.set(partition, { met: (earlier?.met ?? 0) + list.length, staged: [...(earlier?.staged ?? []), ...staged] });
    }
    return routed;
  }

  #selectKnown(partition: string, entries: readonly KeyedEntry[], known: ReadonlyMap<string, KnownDocument>): KeyedEntry[] {
    const staged: KeyedEntry[] = [];
    let present = 0;
    for (const entry of entries) {
      // Where the database ignores trailing spaces ('a ' = 'a'), such ids leave the partition to the diff in SQL.
      if (this.#facts.idsIgnoreTrailingSpaces && entry.id.endsWith(' ')) this.#untrusted.add(partition);
      const record = known.get(entry.id);
      if (isNewOrChanged(entry, record, this.#hashed)) staged.push(entry);
      if (record === undefined || record.status === 'deleted') continue;
      present++;
      if (this.#seen.add(partition, 'd', entry.id)) this.#untrusted.add(partition);
    }
    this.#present.set(partition, (this.#present.get(partition) ?? 0) + present);
    return staged;
  }

  /**
   * After a complete sweep: the partitions whose deletes the counts cannot settle, with the reason
   * (those the source no longer has included: every live document of theirs is gone). The others
   * have no delete at all.
   */
  fullPassNeeded(swept: readonly string[]): Map<string, FullPassReason> {
    const needed = new Map<string, FullPassReason>();
    for (const partition of swept) {
      if (this.#untrusted.has(partition)) needed.set(partition, 'repeated ids');
      else if ((this.#present.get(partition) ?? 0) !== (this.#liveCounts.get(partition) ?? 0)) needed.set(partition, 'counts differ');
    }
    for (const [partition, live] of this.#liveCounts) {
      if (live > 0 && !swept.includes(partition)) needed.set(partition, 'not in the source');
    }
    return needed;
  }

  /** Whether the server has JSON_TABLE, asked once where the dialect would use it. */
  #jsonTable: Promise<boolean> | undefined;

  async #lookUp(partition: string, ids: readonly string[]): Promise<Map<string, KnownDocument>> {
    const known = new Map<string, KnownDocument>();
    const { idLookupChunk: size, idListParameter } = this.#facts;
    // A server that cannot be asked is taken as one without: the lookups then use IN.
    if (idListParameter === 'json-table') this.#jsonTable ??= serverHasJsonTable(this.#store.db).catch(() => false);
    const jsonTable = this.#jsonTable !== undefined && (await this.#jsonTable) && fitsJsonTable(ids, DOC_ID_LENGTH);
    for (let i = 0; i < ids.length; i += size) {
      const chunk = ids.slice(i, i + size);
      let query = (jsonTable
        ? this.#store.db
            .selectFrom(jsonTableOfIds(chunk, DOC_ID_LENGTH).as('j'))
            .innerJoin('es2sql_documents as d', (join) => join.on('d.pipeline_id', '=', this.#pipelineId).on('d.source_partition', '=', partition).onRef('d.doc_id', '=', 'j.id'))
        : this.#store.db
            .selectFrom('es2sql_documents as d')
            .where('d.pipeline_id', '=', this.#pipelineId)
            .where('d.source_partition', '=', partition)
            .where((eb) => (idListParameter === 'array' ? eb('d.doc_id', '=', sql<string>`any(${chunk}::text[])`) : eb('d.doc_id', 'in', chunk)))
      ).select(['d.doc_id as doc_id', 'd.status as status', 'd.version as version']);
      // Content hashes only exist for file sources; an Elasticsearch sweep skips that join.
      if (this.#hashed) {
        query = query
          .leftJoin('es2sql_content_hashes as h', (join) =>
            join.onRef('h.pipeline_id', '=', 'd.pipeline_id').onRef('h.source_partition', '=', 'd.source_partition').onRef('h.doc_id', '=', 'd.doc_id'),
          )
          .select('h.content_hash as content_hash');
      }
      const rows = await withDatabaseRetries(() => query.execute());
      for (const row of rows as { doc_id: unknown; status: unknown; version: unknown; content_hash?: unknown }[]) {
        known.set(String(row.doc_id), {
          status: String(row.status),
          version: row.version === null || row.version === undefined ? null : Number(row.version),
          hash: row.content_hash === null || row.content_hash === undefined ? null : String(row.content_hash),
        });
      }
    }
    return known;
  }
}
