import type { JsonValue } from '../../core/json-value.ts';
import type { SourceCursor } from './document-source.ts';
import type { EsClient } from './es-client.ts';
import { SourceCursorError } from './source-error.ts';

/**
 * Slicing by shard, for servers without a point in time: every request targets one shard of one
 * concrete index (`preference=_shards:<n>`), sorted by a keyset field that is unique there (`_uid`
 * per index, `_seq_no` per shard). Slice `i` of `n` walks the shards `i, i+n, i+2n, …` of the
 * sorted shard list, one after another, so slices never share a document, and a cursor is simply
 * (index, shard, last keyset value).
 */
export interface ShardUnit {
  index: string;
  shard: number;
}

/** The cursor of a shard walk, stored as JSON. */
export interface ShardCursor {
  index: string;
  shard: number;
  /** The keyset field the `after` value belongs to (`_uid` or `_seq_no`). */
  key: string;
  after: JsonValue | null;
}

/** Shards of indices, looked up once per index name through `_search_shards` (ES 1.x … 8.x). */
export class ShardDirectory {
  private readonly client: EsClient;
  private readonly known = new Map<string, Promise<ShardUnit[]>>();

  constructor(client: EsClient) {
    this.client = client;
  }

  unitsOf(index: string, signal?: AbortSignal): Promise<ShardUnit[]> {
    let units = this.known.get(index);
    if (units === undefined) {
      units = this.lookUp(index, signal);
      units.catch(() => this.known.delete(index));
      this.known.set(index, units);
    }
    return units;
  }

  private async lookUp(index: string, signal?: AbortSignal): Promise<ShardUnit[]> {
    const body = await this.client.request<{ shards?: Array<Array<{ index?: string; shard?: number }>> }>(
      { method: 'GET', path: `/${encodeURIComponent(index)}/_search_shards`, operation: `shard list of index "${index}"` },
      signal,
    );
    const seen = new Map<string, ShardUnit>();
    for (const group of body.shards ?? []) {
      for (const copy of group) {
        if (typeof copy.index === 'string' && typeof copy.shard === 'number') seen.set(`${copy.index}\u0000${copy.shard}`, { index: copy.index, shard: copy.shard });
      }
    }
    return [...seen.values()].sort((a, b) => (a.index < b.index ? -1 : a.index > b.index ? 1 : a.shard - b.shard));
  }
}

/** The shards walked by one slice. */
export function unitsOfSlice(units: ShardUnit[], slice: number, slices: number): ShardUnit[] {
  return units.filter((_, position) => position % slices === slice);
}

/** Where a slice's walk resumes: the position of the cursor's shard and the value to read after. */
export function resumePoint(units: ShardUnit[], cursor: SourceCursor | null, key: string): { start: number; after: JsonValue | null } {
  if (cursor === null) return { start: 0, after: null };
  const parsed = cursor as Partial<ShardCursor> | null;
  if (typeof parsed !== 'object' || parsed === null || typeof parsed.index !== 'string' || typeof parsed.shard !== 'number' || parsed.after === undefined) {
    throw new SourceCursorError('the cursor is not a shard cursor of this Elasticsearch source', cursor);
  }
  if (parsed.key !== key) {
    throw new SourceCursorError(`the cursor is ordered by ${String(parsed.key)}, this server reads by ${key}`, cursor);
  }
  const start = units.findIndex((unit) => unit.index === parsed.index && unit.shard === parsed.shard);
  if (start < 0) throw new SourceCursorError(`shard ${parsed.shard} of index "${parsed.index}" is not part of this slice`, cursor);
  return { start, after: parsed.after };
}

export function shardCursor(unit: ShardUnit, key: string, after: JsonValue | null): SourceCursor {
  return { index: unit.index, shard: unit.shard, key, after };
}

/** The keyset value of a hit (its only sort value). */
export function keysetValue(sort: JsonValue[] | undefined): JsonValue {
  const value = sort?.[0];
  if (value === undefined) throw new Error('search hit without sort values: the keyset sort was not applied');
  return value;
}
