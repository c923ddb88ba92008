import type { EsClient } from '../../pipeline/source/es-client.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import { emptyProfile, profileDocument, type DataProfile } from './data-profile.ts';
import type { IndexMapping } from './es-field.ts';
import { readIndexMappings } from './read-index-mapping.ts';

/** How many documents `--scan sample` reads (one search page, every ES version allows it). */
export const DEFAULT_SAMPLE_SIZE = 1000;
const SCROLL_PAGE = 1000;

/** The mappings and data profiles of an index, pattern or alias, read from a cluster. */
export interface IndexSample {
  mappings: IndexMapping[];
  /** Profile per `_type` (`''` for typeless documents). */
  profiles: Map<string, DataProfile>;
}

/** The `_type` key of a hit: `''` for typeless hits and `_doc`. */
export function typeKey(type: unknown): string {
  return typeof type === 'string' && type !== '_doc' ? type : '';
}

async function serverMajor(client: EsClient): Promise<number> {
  const root = await client.request<JsonObject>({ method: 'GET', path: '/', operation: 'read the server version (GET /)' });
  const version = isJsonObject(root['version']) ? String(root['version']['number']) : '0';
  return Number(version.split('.')[0]);
}

async function* hits(client: EsClient, index: string, scan: 'sample' | 'all', sampleSize: number): AsyncGenerator<JsonObject> {
  const path = `/${encodeURIComponent(index).replace(/%2C/g, ',').replace(/%2A/g, '*')}/_search`;
  if (scan === 'sample') {
    const page = await client.request<JsonObject>({ method: 'POST', path, body: { size: sampleSize, query: { match_all: {} } }, operation: `sample of ${index}` });
    yield* pageHits(page);
    return;
  }
  const major = await serverMajor(client);
  let page = await client.request<JsonObject>({ method: 'POST', path, querystring: { scroll: '2m' }, body: { size: SCROLL_PAGE, sort: ['_doc'] }, operation: `scan of ${index}` });
  let scrollId = page['_scroll_id'];
  try {
    for (;;) {
      const list = [...pageHits(page)];
      if (list.length === 0) return;
      yield* list;
      const body = major >= 2 ? { scroll: '2m', scroll_id: String(scrollId) } : String(scrollId);
      page = await client.request<JsonObject>({ method: 'POST', path: '/_search/scroll', querystring: major >= 2 ? {} : { scroll: '2m' }, body, operation: `scan of ${index}` });
      scrollId = page['_scroll_id'] ?? scrollId;
    }
  } finally {
    if (typeof scrollId === 'string') {
      const clear = major >= 2 ? { method: 'DELETE' as const, path: '/_search/scroll', body: { scroll_id: [scrollId] } } : { method: 'DELETE' as const, path: '/_search/scroll', body: scrollId };
      await client.request({ ...clear, operation: 'clear the scan scroll', ignore: [404] }).catch(() => undefined);
    }
  }
}

function* pageHits(page: JsonObject): Generator<JsonObject> {
  const outer = page['hits'];
  const list: JsonValue = isJsonObject(outer) ? (outer['hits'] ?? []) : [];
  if (Array.isArray(list)) for (const hit of list) if (isJsonObject(hit)) yield hit;
}

/**
 * Reads `GET <index>/_mapping` and scans documents (one page of {@link DEFAULT_SAMPLE_SIZE} by
 * default; `scan: 'all'` reads every document with a scroll, closed at the end).
 */
export async function readElasticsearchSample(client: EsClient, index: string, scan: 'sample' | 'all', sampleSize = DEFAULT_SAMPLE_SIZE): Promise<IndexSample> {
  const answer = await client.request<JsonValue>({ method: 'GET', path: `/${index}/_mapping`, operation: `mapping of ${index}` });
  const mappings = readIndexMappings(answer);
  const profiles = new Map<string, DataProfile>();
  for await (const hit of hits(client, index, scan, sampleSize)) {
    const key = typeKey(hit['_type']);
    let profile = profiles.get(key);
    if (profile === undefined) profiles.set(key, (profile = emptyProfile(scan)));
    if (isJsonObject(hit['_source'])) profileDocument(profile, hit['_source']);
  }
  return { mappings, profiles };
}
