import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import type { SweepEntry } from './document-source.ts';
import { errorDetail, isContextMissing } from './es-error-mapping.ts';
import { SourceContextLostError, SourceResponseError, SourceShardFailureError } from './source-error.ts';
import type { SourceDocument } from '../../core/source-document.ts';

/** The parts of a search hit the reader uses (every version from 1.x to 8.x). */
export interface SearchHit {
  _index: string;
  _type?: string;
  _id: string;
  _version?: number;
  _source?: JsonObject;
  sort?: JsonValue[];
}

export interface ShardFailure {
  index?: string | null;
  shard?: number;
  reason?: unknown;
}

/** The parts of a search or scroll answer the reader uses. */
export interface SearchResponse {
  _scroll_id?: string;
  pit_id?: string;
  timed_out?: boolean;
  _shards?: { total?: number; successful?: number; failed?: number; failures?: ShardFailure[] };
  hits?: { hits?: SearchHit[] };
}

/**
 * Throws unless the page is complete: `_shards.failed > 0` or `timed_out` means hits are missing,
 * so the page must never be taken as read. Failures that are all "search context missing" become
 * SourceContextLostError (reopen the scroll/PIT); others SourceShardFailureError (transient: the
 * retry loop reads the page again, and gives up with that error if it persists).
 */
export function assertCompletePage(response: SearchResponse, display: string, operation: string): SearchHit[] {
  const shards = response._shards;
  const failed = shards?.failed ?? 0;
  if (failed > 0 || response.timed_out === true) {
    const failures = shards?.failures ?? [];
    const details = failures.map((failure) => errorDetail({ error: failure.reason }));
    if (details.length > 0 && details.every(isContextMissing)) {
      throw new SourceContextLostError(display, operation, details[0]?.reason ?? 'search context missing');
    }
    const first = details[0];
    const reason = failed > 0 ? [first?.type, first?.reason].filter(Boolean).join(': ') || 'no reason given' : 'the search timed out on the server (timed_out: true)';
    throw new SourceShardFailureError(display, operation, failed, shards?.total ?? failed, reason);
  }
  const hits = response.hits?.hits;
  if (!Array.isArray(hits)) {
    throw new SourceResponseError(display, 200, operation, 'unexpected answer', 'no hits.hits array in the search response');
  }
  return hits;
}

/** SourceDocuments straight from hits; `_doc` (ES 7) and a missing `_type` (ES 8) become null. */
export function documentsOf(hits: SearchHit[], display: string, operation: string): SourceDocument[] {
  const documents = new Array<SourceDocument>(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    const source = hit._source;
    if (!isJsonObject(source)) {
      throw new SourceResponseError(display, 200, operation, 'document without _source', `${hit._index}/${hit._id} has no _source; the index must keep _source (it is enabled by default)`);
    }
    const type = hit._type;
    documents[i] = {
      index: hit._index,
      type: type === undefined || type === '_doc' ? null : type,
      id: hit._id,
      version: typeof hit._version === 'number' ? hit._version : null,
      source,
    };
  }
  return documents;
}

export function sweepEntriesOf(hits: SearchHit[]): SweepEntry[] {
  const entries = new Array<SweepEntry>(hits.length);
  for (let i = 0; i < hits.length; i++) {
    const hit = hits[i]!;
    entries[i] = { id: hit._id, version: typeof hit._version === 'number' ? hit._version : null };
  }
  return entries;
}
