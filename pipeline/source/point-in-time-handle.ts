import type { PageRequest, StrategyContext } from './read-strategy.ts';
import { assertCompletePage, type SearchResponse } from './search-response.ts';
import { SourceError } from './source-error.ts';

/** The point in time a search goes out with, and which opening of the handle it belongs to. */
export interface PointInTimeLease {
  id: string;
  generation: number;
}

interface SeqNoMaximum {
  aggregations?: { highest?: { value?: unknown } };
}

/**
 * One point in time of an index on the server: used by a single read, or, while the strategy's
 * reads are held together ({@link PointInTimeStrategy.hold}), by every read of the index, each
 * slice of each partition searching the same one. Sharing saves Elasticsearch an open, a close
 * and a ceiling query per partition and slice (about 9 ms of its CPU each on the 100k corpus).
 *
 * A lost point in time (expired, deleted, node restarted) is retired once, by whichever read
 * sees it first; every read then goes on in the next one ({@link generation}), each after its own
 * cursor, as a single read did before.
 */
export class PointInTimeHandle {
  /** Reads using the handle right now. */
  readers = 0;
  /** True while a hold keeps the handle open between reads; a handle nobody keeps is closed by its last reader. */
  kept: boolean;
  private readonly context: StrategyContext;
  private readonly index: string;
  private id: string | null = null;
  private generation = 0;
  private opening: Promise<string> | null = null;
  private ceilingQuery: Promise<number | null> | null = null;

  constructor(context: StrategyContext, index: string, kept: boolean) {
    this.context = context;
    this.index = index;
    this.kept = kept;
  }

  /** The point in time to search now; opens one when there is none (concurrent callers share the opening). */
  async lease(request: PageRequest): Promise<PointInTimeLease> {
    while (this.id === null) {
      const generation = this.generation;
      this.opening ??= this.open(request).finally(() => {
        this.opening = null;
      });
      const id = await this.opening;
      if (this.generation === generation && this.id === null) this.id = id;
    }
    return { id: this.id, generation: this.generation };
  }

  /** Takes the id an answer carried (Elasticsearch may hand out a new one for the same point in time). */
  renew(lease: PointInTimeLease, id: string | undefined): void {
    if (id !== undefined && lease.generation === this.generation && this.id !== null) this.id = id;
  }

  /**
   * The point in time of `lease` is gone: the next {@link lease} opens a new one. True when this
   * call retired it, false when another read already had (the caller then just searches again).
   */
  lost(lease: PointInTimeLease): boolean {
    if (lease.generation !== this.generation) return false;
    this.generation++;
    this.id = null;
    this.ceilingQuery = null;
    return true;
  }

  /**
   * The highest `_seq_no` of any document in the point in time (null: none), asked once per
   * opening: a `max` over the whole index, which bounds every slice and partition. A sorted
   * one-hit search per slice, as reads asked before, cost Elasticsearch 5–8 ms each; the `max`
   * 4 ms once.
   */
  ceiling(request: PageRequest, lease: PointInTimeLease): Promise<number | null> {
    if (lease.generation !== this.generation) return this.askCeiling(request, lease);
    this.ceilingQuery ??= this.askCeiling(request, lease).catch((error: unknown) => {
      if (lease.generation === this.generation) this.ceilingQuery = null;
      throw error;
    });
    return this.ceilingQuery;
  }

  /** Deletes the point in time; best effort (it expires by itself), never masks a read's error. */
  async close(): Promise<void> {
    const id = this.id;
    this.id = null;
    this.generation++;
    this.ceilingQuery = null;
    if (id === null) return;
    await this.context.client.send({ method: 'DELETE', path: '/_pit', body: { id }, operation: 'close point in time', ignore: [404] }).catch(() => undefined);
  }

  private async open(request: PageRequest): Promise<string> {
    const { client, openKeepAlive } = this.context;
    const answer = await client.send<{ id?: string }>(
      { method: 'POST', path: `/${encodeURIComponent(this.index)}/_pit`, querystring: { keep_alive: openKeepAlive }, operation: `open point in time for ${request.operation}` },
      request.signal,
    );
    if (typeof answer.body.id !== 'string') throw new SourceError(`Elasticsearch at ${client.display} opened no point in time`, 'leave the strategy on automatic');
    return answer.body.id;
  }

  private async askCeiling(request: PageRequest, lease: PointInTimeLease): Promise<number | null> {
    const { client, keepAlive } = this.context;
    const body = { size: 0, track_total_hits: false, pit: { id: lease.id, keep_alive: keepAlive }, aggs: { highest: { max: { field: '_seq_no' } } } };
    const answer = await client.send<SearchResponse & SeqNoMaximum>({ method: 'POST', path: '/_search', body, operation: request.operation }, request.signal);
    assertCompletePage(answer.body, client.display, request.operation);
    this.renew(lease, answer.body.pit_id);
    const value = answer.body.aggregations?.highest?.value ?? null;
    if (value === null) return null;
    // A double in the answer (`33509.0`), which the exact-number parser keeps as written.
    const seqNo = Number(value);
    if (!Number.isSafeInteger(seqNo)) throw new Error(`point in time answered a highest _seq_no of ${String(value)}`);
    return seqNo;
  }
}
