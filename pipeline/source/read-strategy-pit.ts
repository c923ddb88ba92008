import type { JsonValue } from '../../core/json-value.ts';
import type { ReadContextsHold, SourceCursor } from './document-source.ts';
import type { PartitionTarget, Query } from './es-query.ts';
import { queryBody, targetQuery } from './es-query.ts';
import { PointInTimeHandle, type PointInTimeLease } from './point-in-time-handle.ts';
import type { PageRequest, RawPage, ReadStrategy, StrategyContext } from './read-strategy.ts';
import { retryDelay, retryReason, sleep } from './retry-policy.ts';
import { assertCompletePage, type SearchHit, type SearchResponse } from './search-response.ts';
import { SourceContextLostError, SourceCursorError, SourceError, SourceShardFailureError } from './source-error.ts';

/** The sort of every point-in-time read; also the `key` recorded in its cursors. */
const PIT_SORT = ['_seq_no', '_shard_doc'] as const;
/**
 * The sort of a sweep (ids and versions only, never resumed by another process): index order,
 * which Elasticsearch serves without sorting; 100k ids took 0.27–0.28 s against 0.43–0.64 s
 * sorted by `_seq_no` (BENCHMARKS.md). Not a keyset across points in time, so a sweep whose point
 * in time is lost stops instead of reopening it.
 */
const SWEEP_SORT = ['_shard_doc'] as const;
/** Elasticsearch's default `index.max_slices_per_scroll`, which also bounds PIT slices. */
const MAX_SLICES = 1024;
const SHARD_UNIT = 2 ** 32;
/** Largest Lucene doc id; Elasticsearch reads the low 32 bits of a `_shard_doc` as a signed int. */
const MAX_DOC = 2 ** 31 - 1;

/** The `_seq_no` values one search of a windowed read may return: from (null: unbounded) to. */
interface SeqNoRange {
  from: number | null;
  to: number;
}

/** The cursor of a point-in-time read, stored as JSON. */
interface PitCursor {
  key: string;
  slice: number;
  slices: number;
  after: number[];
}

interface PitState {
  handle: PointInTimeHandle;
  /** The point in time of the last search (null before the first). */
  lease: PointInTimeLease | null;
  after: number[] | null;
  /** The read's `_seq_no` window ({@link SeqNoWindow}); sweeps have none. */
  window: SeqNoWindow | null;
}

/**
 * Which `_seq_no` values the next search of a read may return. Sorted by `[_seq_no, _shard_doc]`
 * with `search_after`, Elasticsearch still evaluates the query for every document of the slice on
 * each request and only then drops those before the cursor: each page costs as much as the whole
 * slice, so a read costs the slice's size squared over the page size. With a cheap query that is
 * little, but a partition query of a typeless index (`exists` on an object field expands to one
 * clause per subfield) made Elasticsearch spend 4.8 s of CPU on 70,000 documents that `match_all`
 * reads for 1.6 s, and would grow a hundredfold at ten times the documents. A `range` on
 * `_seq_no` (indexed as points, so Elasticsearch skips to it) bounds what each request evaluates
 * to the window; the sort, the `search_after` values and the cursor stay the same, so resumes
 * and reopened points in time work as before.
 */
interface SeqNoWindow {
  /** Lowest `_seq_no` of the next search; null: no lower bound (the start of a slice). */
  from: number | null;
  /** `_seq_no` values the window spans; adapted to how densely the partition fills them (0: not sized yet, {@link firstWindowWidth}). */
  width: number;
  /**
   * Highest `_seq_no` of any document in the point in time, whatever its partition and slice (an
   * upper bound for the read's own; {@link PointInTimeHandle.ceiling}); null: the index is empty.
   * Set by each search, since a reopened point in time may hold more documents.
   */
  ceiling: number | null;
}

/** Without a count of the partition, the first window spans this many `_seq_no` values per requested document. */
const FIRST_WIDTH_PER_DOCUMENT = 2;
const MIN_WIDTH = 64;
/** A short window's successor is sized for the hits still wanted at the density it found, with this margin. */
const DENSITY_MARGIN = 1.25;
/** …but at most this many times wider than the window before it (a partition whose documents cluster). */
const MAX_GROWTH = 16;

/**
 * The width of the window after one that found `found` of the `wanted` hits: wide enough for the
 * rest at the density it found, so a sparse partition fills its page (or reaches the slice's end)
 * in one more search rather than after a doubling ramp of them; fourfold after an empty window,
 * which says nothing about the density.
 */
export function widthAfterShortWindow(width: number, found: number, wanted: number): number {
  if (found === 0) return width * 4;
  const atDensity = Math.ceil(((wanted - found) * width * DENSITY_MARGIN) / found);
  return Math.min(width * MAX_GROWTH, Math.max(MIN_WIDTH, atDensity));
}

/**
 * The width of a read's first window: from the partition's count, wide enough for a page at the
 * density the count gives its slice over the point in time's `_seq_no` values (with the same
 * margin), so a sparse partition is found in one search instead of a narrow one and a wider one
 * (about 20 searches fewer per migrate of the 100k corpus). Without a count, or in an empty point
 * in time, two values per requested document.
 */
export function firstWindowWidth(pageSize: number, expected: number | undefined, slices: number, ceiling: number | null): number {
  if (expected === undefined || ceiling === null) return Math.max(MIN_WIDTH, pageSize * FIRST_WIDTH_PER_DOCUMENT);
  const span = ceiling + 1;
  const perSlice = expected / slices;
  if (perSlice <= pageSize) return Math.max(MIN_WIDTH, Math.ceil(span * DENSITY_MARGIN));
  return Math.max(MIN_WIDTH, Math.ceil((pageSize * span * DENSITY_MARGIN) / perSlice));
}

function sortOf(request: PageRequest): readonly string[] {
  return request.withSource ? PIT_SORT : SWEEP_SORT;
}

/**
 * ES ≥ 7.12: a point in time per read (or one per index for the reads of a {@link PointInTimeStrategy.hold}),
 * `slice` for parallelism, sorted by
 * `[_seq_no, _shard_doc]` with `search_after`. `_seq_no` is unique within a shard and only grows,
 * and the high 32 bits of `_shard_doc` are the shard's position, so the pair stays a valid keyset
 * in a new point in time: when the PIT expires or is deleted, a new one is opened and the read goes
 * on after the stored values. The stored `_shard_doc` has its doc-id bits raised to the largest
 * doc id, because the last document read may get a different Lucene doc id in the new PIT; with
 * that ceiling it still sorts at or before the cursor and is not read twice. (All ones would not
 * do: Elasticsearch reads the low 32 bits as a signed int, so 0xFFFFFFFF means doc -1.)
 * Reads search a window of `_seq_no` values at a time ({@link SeqNoWindow}), so that each request
 * costs Elasticsearch the window, not the whole slice. Sweeps sort by `_shard_doc` alone
 * ({@link SWEEP_SORT}) and select nothing but their index.
 */
export class PointInTimeStrategy implements ReadStrategy {
  readonly name = 'point-in-time' as const;
  private readonly context: StrategyContext;
  /** Holds in force ({@link hold}); while there is one, reads of an index share its handle. */
  private holds = 0;
  private readonly shared = new Map<string, PointInTimeHandle>();

  constructor(context: StrategyContext) {
    this.context = context;
  }

  async sliceCount(_target: PartitionTarget, requested: number): Promise<number> {
    return Math.max(1, Math.min(requested, MAX_SLICES));
  }

  /**
   * Until released, reads of an index (not sweeps) share one point in time, kept open between
   * them; released, it is closed once its last read ends. Without a hold every read opens and
   * closes its own.
   */
  hold(): ReadContextsHold {
    this.holds++;
    let released = false;
    return {
      release: async () => {
        if (released) return;
        released = true;
        if (--this.holds > 0) return;
        const handles = [...this.shared.values()];
        this.shared.clear();
        await Promise.all(
          handles.map(async (handle) => {
            handle.kept = false;
            if (handle.readers === 0) await handle.close();
          }),
        );
      },
    };
  }

  async *pages(request: PageRequest): AsyncGenerator<RawPage> {
    const after = resumeAfter(request);
    const window: SeqNoWindow | null = request.withSource ? { from: after?.[0] ?? null, width: 0, ceiling: null } : null;
    const handle = this.handleFor(request);
    handle.readers++;
    const state: PitState = { handle, lease: null, after, window };
    try {
      for (;;) {
        let hits = window === null ? await this.nextPage(request, state, request.pageSize) : await this.windowedPage(request, state, window);
        if (hits.length === 0) return;
        const lastSort = hits[hits.length - 1]!.sort;
        state.after = request.withSource ? ceilingOf(lastSort) : shardDocOf(lastSort);
        const cursor: PitCursor = { key: sortOf(request).join(','), slice: request.slice, slices: request.slices, after: state.after };
        const last = hits.length < request.pageSize;
        const page: RawPage = { hits, cursor: cursor as unknown as SourceCursor };
        // A suspended generator keeps its locals, dead or not: only the handed-over page holds the hits (read-strategy.ts).
        hits = [];
        yield page;
        if (last) return;
      }
    } finally {
      handle.readers--;
      if (!handle.kept && handle.readers === 0) await handle.close();
    }
  }

  /** The held handle of the request's index, or one of the read's own. Sweeps never share: index order is no keyset in a new point in time. */
  private handleFor(request: PageRequest): PointInTimeHandle {
    const index = request.target.index;
    if (this.holds === 0 || !request.withSource) return new PointInTimeHandle(this.context, index, false);
    let handle = this.shared.get(index);
    if (handle === undefined) {
      handle = new PointInTimeHandle(this.context, index, true);
      this.shared.set(index, handle);
    }
    return handle;
  }

  /**
   * A page of a read: searches window after window ({@link SeqNoWindow}) until the page is full or
   * the highest `_seq_no` of the point in time is passed, so pages are short only at the end of the
   * slice. A window that fills the page is searched again from the last hit; one that runs dry is
   * followed by one sized from the density it found ({@link widthAfterShortWindow}: sparse
   * partitions), and the width follows what a full page spanned.
   */
  private async windowedPage(request: PageRequest, state: PitState, window: SeqNoWindow): Promise<SearchHit[]> {
    const hits: SearchHit[] = [];
    for (;;) {
      const want = request.pageSize - hits.length;
      const found = await this.nextPage(request, state, want);
      // nextPage took the ceiling of the point in time it searched (a reopened one may have more
      // documents) and sized a first window; it searched from `lowest` to `highest`.
      const ceiling = window.ceiling;
      const lowest = window.from ?? 0;
      const highest = lowest + window.width - 1;
      for (const hit of found) hits.push(hit);
      if (found.length > 0) state.after = ceilingOf(found[found.length - 1]!.sort);
      if (found.length === want) {
        const lastSeqNo = state.after![0]!;
        window.width = Math.max(MIN_WIDTH, 2 * (lastSeqNo - lowest + 1));
        window.from = lastSeqNo;
        return hits;
      }
      window.from = highest + 1;
      window.width = widthAfterShortWindow(window.width, found.length, want);
      if (ceiling === null || highest >= ceiling) return hits;
    }
  }

  /** One search for at most `size` hits after the cursor: in the read's current window, or (sweeps) anywhere. */
  private async nextPage(request: PageRequest, state: PitState, size: number): Promise<SearchHit[]> {
    const { client } = this.context;
    const policy = client.retryPolicy;
    let failures = 0;
    let reopens = 0;
    for (;;) {
      try {
        const lease = await state.handle.lease(request);
        state.lease = lease;
        const window = state.window;
        let range: SeqNoRange | null = null;
        if (window !== null) {
          window.ceiling = await state.handle.ceiling(request, lease);
          if (window.ceiling === null) return [];
          if (window.width === 0) window.width = firstWindowWidth(request.pageSize, request.expected, request.slices, window.ceiling);
          range = { from: window.from, to: (window.from ?? 0) + window.width - 1 };
        }
        const response = await this.search(request, lease.id, state.after, range, size);
        state.handle.renew(lease, response.pit_id);
        return assertCompletePage(response, client.display, request.operation);
      } catch (error) {
        request.signal?.throwIfAborted();
        if (error instanceof SourceContextLostError) {
          // Index order is no keyset in a new PIT (merges renumber documents): a sweep cannot go on.
          if (!request.withSource && state.after !== null) throw new SourceError(`${error.problem}; a sweep cannot continue in index order in a new one`, 'rerun sync (deletes are only applied after a complete sweep)', { cause: error });
          // The PIT is gone (expired, deleted, node restarted): search again, after the cursor, in a new one.
          if (state.lease !== null && state.handle.lost(state.lease)) client.noteContextReopen();
          if (++reopens > policy.maxRetries) throw error.gaveUp(reopens - 1);
          continue;
        }
        // A search with search_after is idempotent: repeat it on the same PIT.
        if (!(error instanceof SourceError) || !error.transient) throw error;
        if (error instanceof SourceShardFailureError) client.noteIncompletePage();
        if (failures >= policy.maxRetries) throw error.gaveUp(failures);
        failures++;
        const delayMs = retryDelay(policy, failures);
        client.noteRetry({ attempt: failures, maxRetries: policy.maxRetries, delayMs, reason: retryReason(error), operation: request.operation });
        await sleep(delayMs, request.signal);
      }
    }
  }

  private async search(request: PageRequest, pitId: string, after: number[] | null, range: SeqNoRange | null, size: number): Promise<SearchResponse> {
    const { client, capabilities, keepAlive } = this.context;
    const window: Query[] = range === null ? [] : [{ range: { _seq_no: range.from === null ? { lte: range.to } : { gte: range.from, lte: range.to } } }];
    const body: Record<string, unknown> = { size, sort: sortOf(request).map((field) => ({ [field]: 'asc' })), version: true };
    if (after !== null) body.search_after = after;
    if (!request.withSource) body._source = false;
    body.pit = { id: pitId, keep_alive: keepAlive };
    body.track_total_hits = false;
    Object.assign(body, queryBody(targetQuery(request.target, capabilities, window)));
    if (request.slices > 1) body.slice = { id: request.slice, max: request.slices };
    const answer = await client.send<SearchResponse>({ method: 'POST', path: '/_search', body, operation: request.operation }, request.signal);
    return answer.body;
  }
}

function resumeAfter(request: PageRequest): number[] | null {
  const cursor = request.cursor as Partial<PitCursor> | null;
  if (cursor === null) return null;
  const after = cursor?.after;
  if (!request.withSource) throw new SourceCursorError('a sweep starts at the beginning of its slice: it has no keyset to resume from', request.cursor);
  if (typeof cursor !== 'object' || cursor.key !== PIT_SORT.join(',') || !Array.isArray(after) || after.length !== 2 || !after.every((value) => typeof value === 'number')) {
    throw new SourceCursorError('the cursor is not a point-in-time cursor of this Elasticsearch source', request.cursor);
  }
  if (cursor.slice !== request.slice || cursor.slices !== request.slices) {
    throw new SourceCursorError(`the cursor belongs to slice ${String(cursor.slice)} of ${String(cursor.slices)}, not ${request.slice} of ${request.slices}`, request.cursor);
  }
  return [after[0]!, after[1]!];
}

/** `[_shard_doc]` of the last hit of a sweep, as Elasticsearch gave it. */
function shardDocOf(sort: JsonValue[] | undefined): number[] {
  const shardDoc = Number(sort?.[0]);
  if (!Number.isSafeInteger(shardDoc)) throw new Error('point-in-time sweep hit without a _shard_doc sort value');
  return [shardDoc];
}

/** `[_seq_no, _shard_doc]` of the last hit, with the doc-id bits of `_shard_doc` raised to the largest doc id. */
function ceilingOf(sort: JsonValue[] | undefined): [number, number] {
  const seqNo = Number(sort?.[0]);
  const shardDoc = Number(sort?.[1]);
  if (!Number.isSafeInteger(seqNo) || !Number.isSafeInteger(shardDoc)) {
    throw new Error('point-in-time hit without [_seq_no, _shard_doc] sort values');
  }
  return [seqNo, Math.floor(shardDoc / SHARD_UNIT) * SHARD_UNIT + MAX_DOC];
}
