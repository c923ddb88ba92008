import type { JsonValue } from '../../core/json-value.ts';
import { queryBody, targetPath, targetQuery } from './es-query.ts';
import type { PageRequest, RawPage } from './read-strategy.ts';
import { retryDelay, retryReason, sleep } from './retry-policy.ts';
import { assertCompletePage, type SearchHit, type SearchResponse } from './search-response.ts';
import { PerShardStrategy } from './per-shard-strategy.ts';
import { type ShardUnit, keysetValue, resumePoint, shardCursor } from './shard-walk.ts';
import { SourceContextLostError, SourceError, SourceShardFailureError } from './source-error.ts';

/** Mutable state of one shard's scroll. */
interface ScrollState {
  unit: ShardUnit;
  after: JsonValue | null;
  scrollId: string | null;
}

/**
 * ES 1.x/2.x (no `search_after`): one scroll per shard (`preference=_shards:<n>`), sorted by the
 * keyset field (`_uid`). A scroll continuation is never repeated: if it fails in any way (expired
 * context, 429/503, reset — the server may have advanced the scroll before the answer was lost),
 * the scroll is dropped and a new one opened with a `range` after the last keyset value read. So
 * an expired or killed scroll costs one request, not a restart from page 1, and no page is skipped.
 */
export class ScrollStrategy extends PerShardStrategy {
  readonly name = 'scroll' as const;

  async *pages(request: PageRequest): AsyncGenerator<RawPage> {
    const key = this.context.capabilities.keysetField;
    const units = await this.unitsOf(request);
    const { start, after: resumeAfter } = resumePoint(units, request.cursor, key);
    for (let position = start; position < units.length; position++) {
      const state: ScrollState = { unit: units[position]!, after: position === start ? resumeAfter : null, scrollId: null };
      try {
        for (;;) {
          let hits = await this.nextPage(request, state);
          if (hits.length === 0) break;
          state.after = keysetValue(hits[hits.length - 1]!.sort);
          const last = hits.length < request.pageSize;
          const page: RawPage = { hits, cursor: shardCursor(state.unit, key, state.after) };
          // A suspended generator keeps its locals, dead or not: only the handed-over page holds the hits (read-strategy.ts).
          hits = [];
          yield page;
          if (last) break;
        }
      } finally {
        await this.release(state);
      }
    }
  }

  /** The next page of the shard: continue the scroll, or (re)open it after `state.after`. */
  private async nextPage(request: PageRequest, state: ScrollState): Promise<SearchHit[]> {
    const { client } = this.context;
    const policy = client.retryPolicy;
    let failures = 0;
    let reopens = 0;
    for (;;) {
      try {
        const response = state.scrollId === null ? await this.open(request, state) : await this.continue(request, state.scrollId);
        state.scrollId = response._scroll_id ?? state.scrollId;
        return assertCompletePage(response, client.display, request.operation);
      } catch (error) {
        request.signal?.throwIfAborted();
        const lost = error instanceof SourceContextLostError;
        if (!(error instanceof SourceError) || (!lost && !error.transient)) throw error;
        await this.release(state);
        if (lost) {
          client.noteContextReopen();
          if (++reopens > policy.maxRetries) throw error.gaveUp(reopens - 1);
          continue;
        }
        if (error instanceof SourceShardFailureError) client.noteIncompletePage();
        if (failures >= policy.maxRetries) throw error.gaveUp(failures);
        failures++;
        const delayMs = retryDelay(policy, failures);
        client.noteRetry({ attempt: failures, maxRetries: policy.maxRetries, delayMs, reason: retryReason(error), operation: request.operation });
        await sleep(delayMs, request.signal);
      }
    }
  }

  private async open(request: PageRequest, state: ScrollState): Promise<SearchResponse> {
    const { client, capabilities, openKeepAlive } = this.context;
    const key = capabilities.keysetField;
    const range = state.after === null ? [] : [{ range: { [key]: { gt: state.after } } }];
    const body: Record<string, unknown> = {
      size: request.pageSize,
      sort: [key],
      version: true,
      ...queryBody(targetQuery(request.target, capabilities, range)),
    };
    if (!request.withSource) body._source = false;
    const answer = await client.send<SearchResponse>(
      {
        method: 'POST',
        path: targetPath(state.unit.index, request.target, capabilities, '_search'),
        querystring: { scroll: openKeepAlive, preference: `_shards:${state.unit.shard}` },
        body,
        operation: request.operation,
      },
      request.signal,
    );
    return answer.body;
  }

  private async continue(request: PageRequest, scrollId: string): Promise<SearchResponse> {
    const { client, capabilities, keepAlive } = this.context;
    // ES 1.x takes the scroll id only as raw text; 2.x accepts both; later versions want JSON.
    const answer = await client.send<SearchResponse>(
      capabilities.rawScrollId
        ? { method: 'POST', path: '/_search/scroll', querystring: { scroll: keepAlive }, body: scrollId, operation: request.operation }
        : { method: 'POST', path: '/_search/scroll', body: { scroll: keepAlive, scroll_id: scrollId }, operation: request.operation },
      request.signal,
    );
    return answer.body;
  }

  /** Clears the scroll on the server; best effort (it expires by itself), never masks the read's error. */
  private async release(state: ScrollState): Promise<void> {
    const scrollId = state.scrollId;
    if (scrollId === null) return;
    state.scrollId = null;
    const { client, capabilities } = this.context;
    await client
      .send(
        capabilities.rawScrollId
          ? { method: 'DELETE', path: '/_search/scroll', body: scrollId, operation: 'clear scroll', ignore: [404] }
          : { method: 'DELETE', path: '/_search/scroll', body: { scroll_id: [scrollId] }, operation: 'clear scroll', ignore: [404] },
      )
      .catch(() => undefined);
  }
}
