import type { JsonValue } from '../../core/json-value.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { SourcePartition } from './source-partition.ts';

export type { SourcePartition } from './source-partition.ts';

/**
 * A JSON-serialisable position to resume a slice after. The pipeline stores it as JSON text in its
 * checkpoint table and hands it back unchanged to {@link DocumentSource.read} or
 * {@link DocumentSource.sweep} for the same partition, slice and slice count.
 *
 * Its shape is private to the source (a shard and a keyset value, `search_after` values, a byte
 * offset). Numbers in it are small integers or strings, so `JSON.parse` reads it back exactly.
 */
export type SourceCursor = JsonValue;

/** One page of documents of one slice, and the cursor to resume after it. */
export interface SourcePage {
  /**
   * The documents of the page, in read order; never empty. Handed over (see `RawPage`): sources
   * keep them only in the page object, and a consumer done with them may empty the array's
   * reference (`documents = []`) so a page read ahead does not hold them across a commit.
   */
  documents: SourceDocument[];
  /** Where to resume so that the next read starts right after the last document of this page. */
  cursor: SourceCursor;
}

/** Identity and version of one document, without its `_source`. */
export interface SweepEntry {
  id: string;
  /** `_version` of the document; `null` when the source has none (NDJSON without `_version`). */
  version: number | null;
}

/** One page of a sweep (ids and versions only) and the cursor to resume after it. */
export interface SweepPage {
  entries: SweepEntry[];
  cursor: SourceCursor;
}

/** What a source is, for logs, reports and the pipeline's planning. Never contains secrets. */
export interface SourceDescription {
  kind: 'elasticsearch' | 'file';
  /** The URL (without credentials or query) or the file path. */
  display: string;
  /** Server version number from `GET /` (e.g. `2.4.6`); absent for files. */
  version?: string;
  /** `elasticsearch` or `opensearch`, plus the build flavor when the server reports one (`elasticsearch (oss)`). */
  distribution?: string;
  /**
   * How Freezer's entities are told apart:
   * - `multi-type`: one index, several `_type`s (ES ≤ 5.x; 6.x reading a 5.x index);
   * - `single-type`: one index with a single Freezer type (a 6.x-style index);
   * - `per-entity`: one index per entity, `<index>-<entity>` or `<index>_<entity>`;
   * - `typeless`: one index without types, split by queries built from CLASSIFICATION_RULES;
   * - `file`: an NDJSON dump.
   */
  layout: 'multi-type' | 'per-entity' | 'typeless' | 'single-type' | 'file';
  /** The partitions the source has, in foreign-key-safe entity order, `unclassified` last. */
  partitions: SourcePartition[];
  /** The read strategy chosen for this server (`scroll`, `search-after`, `point-in-time`, `file`). */
  strategy?: string;
}

/** Reads share server-side state until {@link release}, which frees what no read still uses. */
export interface ReadContextsHold {
  release(): Promise<void>;
}

/** Options of one read or sweep. */
export interface ReadOptions {
  /** Documents per page (per request to Elasticsearch). 1000–5000 is a good range. */
  pageSize: number;
  /** Aborts the read; the generator then throws the signal's reason after cleaning up. */
  signal?: AbortSignal;
  /**
   * Fetch the next page while the consumer works on the current one (default true). A consumer
   * that runs many slices at once turns it off to hold one page per slice: half the memory, and a
   * crash loses at most the page being committed.
   */
  prefetch?: boolean;
}

/** Counters a source keeps over its lifetime, for the run's stats. */
export interface SourceStats {
  /** HTTP requests sent (each attempt counts). */
  requests: number;
  /** Requests or pages repeated after a transient failure (429/502/503/504, reset, timeout). */
  retries: number;
  /** Scrolls or points in time that were gone (expired, deleted) and were reopened from the cursor. */
  contextReopens: number;
  /** Pages refused because `_shards.failed > 0` or `timed_out` (each was read again). */
  incompletePages: number;
}

/**
 * Where documents come from: an Elasticsearch cluster (any version from 1.x/2.x to 8.x) or an
 * elasticdump NDJSON file. Every operation is per partition (one entity, or `unclassified`); reads
 * are split into slices that never share a document, and resume after a cursor.
 *
 * Reads are pull-based async generators: at most one page per slice is fetched ahead of the
 * consumer, and server-side state (scroll, point in time) is released in `finally`, also when the
 * consumer breaks out early or throws.
 */
export interface DocumentSource {
  /** Server, layout and partitions. */
  describe(): Promise<SourceDescription>;
  /**
   * Plain data (it crosses to a worker thread) that a copy of this source opened there adopts
   * (openSource's `shared`) instead of redoing what this one did: a file's scan. Undefined when
   * there is nothing worth sharing.
   */
  shareState?(): Promise<unknown>;
  /** Documents in a partition right now (ES `_count`; file: counted once and cached). */
  count(partition: SourcePartition): Promise<number>;
  /**
   * Effective number of parallel slices for a partition given the request (≥ 1, ≤ requested).
   * Slices `0 … n-1` of that count together read every document of the partition exactly once.
   */
  sliceCount(partition: SourcePartition, requested: number): Promise<number>;
  /**
   * Pages of one slice, resuming after `cursor` (`null` = from the start). `slices` must be the
   * value returned by {@link sliceCount}, and stay the same when resuming.
   */
  read(
    partition: SourcePartition,
    slice: number,
    slices: number,
    cursor: SourceCursor | null,
    options: ReadOptions,
  ): AsyncGenerator<SourcePage>;
  /**
   * Same contract as {@link read}, ids and `_version` only (no `_source`), for change detection,
   * except that a sweep is not resumed: sync sweeps every slice from its start, and an
   * Elasticsearch point-in-time sweep reads in index order, which is no keyset to resume from.
   */
  sweep(
    partition: SourcePartition,
    slice: number,
    slices: number,
    cursor: SourceCursor | null,
    options: ReadOptions,
  ): AsyncGenerator<SweepPage>;
  /**
   * Groups of partitions that live side by side in one index and are told apart by queries (a
   * typeless index), where one sweep of the whole index ({@link sweepIndex}) costs the server far
   * less than a sweep per partition, each evaluating its classification query over every document.
   * Sources without it, or partitions in no group, are swept one by one.
   */
  sharedSweeps?(partitions: readonly SourcePartition[]): SourcePartition[][];
  /** One slice of a sweep of every document of a group's index ({@link sharedSweeps}), without telling partitions apart. */
  sweepIndex?(group: readonly SourcePartition[], slice: number, slices: number, options: ReadOptions): AsyncGenerator<SweepPage>;
  /**
   * The partitions of a group that hold each id right now, by the same queries that select them
   * for a read (an id of an alias over several indices can be in more than one). Ids gone from the
   * source are absent.
   */
  partitionsOf?(group: readonly SourcePartition[], ids: readonly string[]): Promise<Map<string, SourcePartition[]>>;
  /**
   * Until released, reads share what the server keeps for them (Elasticsearch: one point in time
   * per index for every partition and slice, instead of one opened and closed by each read), so a
   * run that reads partition after partition pays for it once. Release it when the reads are done,
   * also after a failure; close releases it too. Absent where reads share nothing.
   */
  holdReadContexts?(): ReadContextsHold;
  /** Documents of a partition by `_id` (for sync and verify); ids not found are omitted. */
  fetch(partition: SourcePartition, ids: string[]): Promise<SourceDocument[]>;
  /** Counters since the source was opened (a snapshot). */
  stats(): SourceStats;
  /** Releases connections and file handles. Reads still running should be ended first. */
  close(): Promise<void>;
}
