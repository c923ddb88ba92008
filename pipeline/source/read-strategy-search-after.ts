import type { JsonValue } from '../../core/json-value.ts';
import { queryBody, targetPath, targetQuery } from './es-query.ts';
import type { PageRequest, RawPage } from './read-strategy.ts';
import { assertCompletePage, type SearchHit, type SearchResponse } from './search-response.ts';
import { PerShardStrategy } from './per-shard-strategy.ts';
import { type ShardUnit, keysetValue, resumePoint, shardCursor } from './shard-walk.ts';
import { SourceShardFailureError } from './source-error.ts';

/**
 * ES 5.x – 7.11: stateless keyset pagination per shard. Each page is a fresh search on one shard
 * (`preference=_shards:<n>`) sorted by the keyset field, with `search_after` the last value read.
 * Nothing lives on the server between pages, so nothing can expire or leak, a failed page is simply
 * asked again, and resuming is the same request as continuing. Chosen over sliced scroll, which
 * holds contexts that expire on slow consumers and cannot be resumed after expiry on 5.x/6.x
 * (no range queries on `_uid`).
 */
export class SearchAfterStrategy extends PerShardStrategy {
  readonly name = 'search-after' as const;

  async *pages(request: PageRequest): AsyncGenerator<RawPage> {
    const key = this.context.capabilities.keysetField;
    const units = await this.unitsOf(request);
    const { start, after: resumeAfter } = resumePoint(units, request.cursor, key);
    for (let position = start; position < units.length; position++) {
      const unit = units[position]!;
      let after = position === start ? resumeAfter : null;
      for (;;) {
        let hits = await this.page(request, unit, after);
        if (hits.length === 0) break;
        after = keysetValue(hits[hits.length - 1]!.sort);
        const last = hits.length < request.pageSize;
        const page: RawPage = { hits, cursor: shardCursor(unit, key, after) };
        // A suspended generator keeps its locals, dead or not: only the handed-over page holds the hits (read-strategy.ts).
        hits = [];
        yield page;
        if (last) break;
      }
    }
  }

  private page(request: PageRequest, unit: ShardUnit, after: JsonValue | null): Promise<SearchHit[]> {
    const { client, capabilities } = this.context;
    const key = capabilities.keysetField;
    const body: Record<string, unknown> = {
      size: request.pageSize,
      sort: [{ [key]: 'asc' }],
      version: true,
      ...queryBody(targetQuery(request.target, capabilities)),
    };
    if (after !== null) body.search_after = [after];
    if (!request.withSource) body._source = false;
    if (capabilities.trackTotalHits) body.track_total_hits = false;
    return client.retrying(
      request.operation,
      async () => {
        const response = await client.send<SearchResponse>(
          {
            method: 'POST',
            path: targetPath(unit.index, request.target, capabilities, '_search'),
            querystring: { preference: `_shards:${unit.shard}` },
            body,
            operation: request.operation,
          },
          request.signal,
        );
        try {
          return assertCompletePage(response.body, client.display, request.operation);
        } catch (error) {
          if (error instanceof SourceShardFailureError) client.noteIncompletePage();
          throw error;
        }
      },
      request.signal,
    );
  }
}
