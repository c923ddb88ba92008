import { readFile } from 'node:fs/promises';
import type { DocumentSource, ReadContextsHold, ReadOptions, SourceCursor, SourceDescription, SourcePage, SourceStats, SweepPage } from './document-source.ts';
import { EsClient } from './es-client.ts';
import { queryBody, targetPath, targetQuery, type PartitionTarget } from './es-query.ts';
import { parseSourceUrl } from './es-url.ts';
import { capabilitiesOf, checkStrategy, defaultStrategy, distributionLabel, parseServerInfo, type ServerCapabilities, type ServerInfo } from './es-version.ts';
import { discoverLayout, type SourceLayout } from './partition-discovery.ts';
import { prefetchOne } from './prefetch.ts';
import type { PageRequest, ReadStrategy, StrategyContext } from './read-strategy.ts';
import { PointInTimeStrategy } from './read-strategy-pit.ts';
import { ScrollStrategy } from './read-strategy-scroll.ts';
import { SearchAfterStrategy } from './read-strategy-search-after.ts';
import { OPEN_KEEP_ALIVE, shorterDuration } from './keep-alive.ts';
import { DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { assertCompletePage, documentsOf, sweepEntriesOf, type SearchResponse } from './search-response.ts';
import { ShardDirectory } from './shard-walk.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { SourceError, SourceShardFailureError, SourceUsageError } from './source-error.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { DEFAULT_PARTITIONING, isSourcePartition, type SourcePartition } from './source-partition.ts';
import type { ElasticsearchSourceSpec, ReadStrategyName, SourceAuth } from './source-spec.ts';
import { MAX_PAGE_SIZE, checkReadArguments } from './read-arguments.ts';

const DEFAULT_INDEX = 'freezer';
/** Ids per fetch request; the page may hold more hits when an alias spans indices with the same ids. */
const FETCH_CHUNK = 500;

/** Elasticsearch 1.x … 8.x as a DocumentSource (see DocumentSource for the contract). */
export class ElasticsearchSource implements DocumentSource {
  private readonly client: EsClient;
  private readonly info: ServerInfo;
  private readonly capabilities: ServerCapabilities;
  private readonly layout: SourceLayout;
  private readonly strategy: ReadStrategy;

  private readonly partitioning: SourcePartitioning;
  /** The last count of each partition ({@link count}), a hint for a read's first request. */
  private readonly counts = new Map<SourcePartition, number>();
  /** Holds not yet released ({@link holdReadContexts}); close releases them. */
  private readonly holds = new Set<ReadContextsHold>();

  private constructor(client: EsClient, info: ServerInfo, capabilities: ServerCapabilities, layout: SourceLayout, strategy: ReadStrategy, partitioning: SourcePartitioning) {
    this.partitioning = partitioning;
    this.client = client;
    this.info = info;
    this.capabilities = capabilities;
    this.layout = layout;
    this.strategy = strategy;
  }

  /** Connects, detects the version from `GET /`, picks the read strategy and finds the partitions. */
  static async open(spec: ElasticsearchSourceSpec, partitioning: SourcePartitioning = DEFAULT_PARTITIONING): Promise<ElasticsearchSource> {
    const parsed = parseSourceUrl(spec.url);
    const index = spec.index ?? DEFAULT_INDEX;
    const client = new EsClient({
      url: parsed.url,
      display: parsed.display,
      auth: normalizeAuth(spec.auth ?? parsed.auth),
      tls: spec.tls === undefined ? undefined : { ca: spec.tls.caFile === undefined ? undefined : await readCaFile(spec.tls.caFile), rejectUnauthorized: spec.tls.rejectUnauthorized },
      requestTimeoutMs: spec.requestTimeoutMs ?? 120_000,
      compression: spec.compression ?? false,
      retry: {
        maxRetries: spec.maxRetries ?? DEFAULT_RETRY_POLICY.maxRetries,
        baseDelayMs: spec.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
        maxDelayMs: spec.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      },
      onRetry: spec.onRetry,
      index,
    });
    try {
      const info = parseServerInfo(await client.request({ method: 'GET', path: '/', operation: 'read the server version (GET /)' }), parsed.display);
      const capabilities = capabilitiesOf(info);
      const name: ReadStrategyName = spec.strategy ?? defaultStrategy(capabilities);
      checkStrategy(name, capabilities, info);
      const keepAlive = spec.keepAlive ?? '5m';
      const context: StrategyContext = { client, capabilities, keepAlive, openKeepAlive: shorterDuration(keepAlive, OPEN_KEEP_ALIVE) };
      const strategy = name === 'point-in-time' ? new PointInTimeStrategy(context) : name === 'search-after' ? new SearchAfterStrategy(context, new ShardDirectory(client)) : new ScrollStrategy(context, new ShardDirectory(client));
      const layout = await discoverLayout(client, capabilities, index, partitioning);
      return new ElasticsearchSource(client, info, capabilities, layout, strategy, partitioning);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async describe(): Promise<SourceDescription> {
    return {
      kind: 'elasticsearch',
      display: this.client.display,
      version: this.info.number,
      distribution: distributionLabel(this.info),
      layout: this.layout.layout,
      partitions: this.layout.targets.map((target) => target.partition),
      strategy: this.strategy.name,
    };
  }

  async count(partition: SourcePartition): Promise<number> {
    const target = this.targetOf(partition);
    if (target === undefined) return 0;
    const operation = `count of ${partition}`;
    const query = targetQuery(target, this.capabilities);
    return this.client.retrying(operation, async () => {
      const answer = await this.client.send<{ count?: number } & SearchResponse>({
        method: query === undefined ? 'GET' : 'POST',
        path: targetPath(target.index, target, this.capabilities, '_count'),
        ...(query === undefined ? {} : { body: { query } }),
        operation,
      });
      const failed = answer.body._shards?.failed ?? 0;
      if (failed > 0) assertCompletePage({ ...answer.body, hits: { hits: [] } }, this.client.display, operation);
      if (typeof answer.body.count !== 'number') throw new SourceError(`Elasticsearch at ${this.client.display} answered ${operation} without a count`, 'please report this with the server version');
      this.counts.set(partition, answer.body.count);
      return answer.body.count;
    });
  }

  async sliceCount(partition: SourcePartition, requested: number): Promise<number> {
    if (!Number.isInteger(requested) || requested < 1) throw new SourceUsageError(`slice count must be a positive integer, got ${requested}`);
    const target = this.targetOf(partition);
    return target === undefined ? 1 : this.strategy.sliceCount(target, requested);
  }

  read(partition: SourcePartition, slice: number, slices: number, cursor: SourceCursor | null, options: ReadOptions): AsyncGenerator<SourcePage> {
    checkReadArguments(partition, slice, slices, options, this.partitioning);
    const display = this.client.display;
    return prefetchOne(async function* (this: ElasticsearchSource, signal: AbortSignal) {
      const request = this.pageRequest(partition, slice, slices, cursor, options, true, signal);
      if (request === undefined) return;
      for await (const raw of this.strategy.pages(request)) {
        const page: SourcePage = { documents: documentsOf(raw.hits, display, request.operation), cursor: raw.cursor };
        // Handed over (RawPage): the hits are the documents now, and this suspended frame keeps `raw`.
        raw.hits = [];
        yield page;
      }
    }.bind(this), options.signal, options.prefetch !== false);
  }

  sweep(partition: SourcePartition, slice: number, slices: number, cursor: SourceCursor | null, options: ReadOptions): AsyncGenerator<SweepPage> {
    checkReadArguments(partition, slice, slices, options, this.partitioning);
    return prefetchOne(async function* (this: ElasticsearchSource, signal: AbortSignal) {
      const request = this.pageRequest(partition, slice, slices, cursor, options, false, signal);
      if (request === undefined) return;
      for await (const raw of this.strategy.pages(request)) {
        const page: SweepPage = { entries: sweepEntriesOf(raw.hits), cursor: raw.cursor };
        raw.hits = [];
        yield page;
      }
    }.bind(this), options.signal);
  }

  sharedSweeps(partitions: readonly SourcePartition[]): SourcePartition[][] {
    // Point in time only: its sweep of an index is one query per slice, whatever the partitions.
    if (this.strategy.name !== 'point-in-time') return [];
    const byIndex = new Map<string, SourcePartition[]>();
    for (const target of this.layout.targets) {
      if (target.types !== null || target.query === null || !partitions.includes(target.partition)) continue;
      const group = byIndex.get(target.index) ?? [];
      group.push(target.partition);
      byIndex.set(target.index, group);
    }
    // A group must hold every partition of its index: the index sweep meets them all.
    return [...byIndex].filter(([index, group]) => group.length > 1 && group.length === this.layout.targets.filter((t) => t.index === index).length).map(([, group]) => group);
  }

  sweepIndex(group: readonly SourcePartition[], slice: number, slices: number, options: ReadOptions): AsyncGenerator<SweepPage> {
    const index = this.sharedIndexOf(group);
    const target: PartitionTarget = { partition: group[0]!, index, types: null, query: null };
    return prefetchOne(async function* (this: ElasticsearchSource, signal: AbortSignal) {
      const request: PageRequest = { target, slice, slices, cursor: null, pageSize: options.pageSize, withSource: false, signal, operation: `sweep of ${index}${slices > 1 ? `, slice ${slice + 1}/${slices}` : ''}` };
      for await (const raw of this.strategy.pages(request)) {
        const page: SweepPage = { entries: sweepEntriesOf(raw.hits), cursor: raw.cursor };
        raw.hits = [];
        yield page;
      }
    }.bind(this), options.signal);
  }

  async partitionsOf(group: readonly SourcePartition[], ids: readonly string[]): Promise<Map<string, SourcePartition[]>> {
    this.sharedIndexOf(group);
    const found = new Map<string, SourcePartition[]>();
    for (const partition of group) {
      const target = this.targetOf(partition)!;
      const operation = `classification of swept ids in ${partition}`;
      for (let start = 0; start < ids.length; start += FETCH_CHUNK) {
        const body = { size: MAX_PAGE_SIZE, _source: false, ...queryBody(targetQuery(target, this.capabilities, [{ ids: { values: ids.slice(start, start + FETCH_CHUNK) } }])) };
        const hits = await this.client.retrying(operation, async () => {
          const answer = await this.client.send<SearchResponse>({ method: 'POST', path: targetPath(target.index, target, this.capabilities, '_search'), body, operation });
          return assertCompletePage(answer.body, this.client.display, operation);
        });
        for (const hit of hits) {
          const id = hit._id;
          const partitions = found.get(id) ?? [];
          if (!partitions.includes(partition)) partitions.push(partition);
          found.set(id, partitions);
        }
      }
    }
    return found;
  }

  async fetch(partition: SourcePartition, ids: string[]): Promise<SourceDocument[]> {
    const target = this.targetOf(partition);
    if (target === undefined || ids.length === 0) return [];
    const documents: SourceDocument[] = [];
    const operation = `fetch of ${partition} by id`;
    for (let start = 0; start < ids.length; start += FETCH_CHUNK) {
      const chunk = ids.slice(start, start + FETCH_CHUNK);
      const body = { size: MAX_PAGE_SIZE, version: true, ...queryBody(targetQuery(target, this.capabilities, [{ ids: { values: chunk } }])) };
      const hits = await this.client.retrying(operation, async () => {
        const answer = await this.client.send<SearchResponse>({ method: 'POST', path: targetPath(target.index, target, this.capabilities, '_search'), body, operation });
        try {
          return assertCompletePage(answer.body, this.client.display, operation);
        } catch (error) {
          if (error instanceof SourceShardFailureError) this.client.noteIncompletePage();
          throw error;
        }
      });
      documents.push(...documentsOf(hits, this.client.display, operation));
    }
    return documents;
  }

  holdReadContexts(): ReadContextsHold {
    const hold = this.strategy.hold?.() ?? { release: async () => undefined };
    this.holds.add(hold);
    return {
      release: async () => {
        this.holds.delete(hold);
        await hold.release();
      },
    };
  }

  stats(): SourceStats {
    return this.client.stats();
  }

  async close(): Promise<void> {
    const holds = [...this.holds];
    this.holds.clear();
    await Promise.all(holds.map((hold) => hold.release()));
    await this.client.close();
  }

  /** The index a {@link sharedSweeps} group lives in; refuses anything else. */
  private sharedIndexOf(group: readonly SourcePartition[]): string {
    const targets = group.map((partition) => this.targetOf(partition));
    const index = targets[0]?.index;
    if (index === undefined || targets.some((t) => t === undefined || t.index !== index || t.types !== null || t.query === null)) {
      throw new SourceUsageError(`partitions ${group.join(', ')} do not share one typeless index`);
    }
    return index;
  }

  private targetOf(partition: SourcePartition): PartitionTarget | undefined {
    if (!isSourcePartition(partition, this.partitioning)) throw new SourceUsageError(`unknown partition "${String(partition)}"`);
    return this.layout.targets.find((target) => target.partition === partition);
  }

  private pageRequest(partition: SourcePartition, slice: number, slices: number, cursor: SourceCursor | null, options: ReadOptions, withSource: boolean, signal: AbortSignal): PageRequest | undefined {
    const target = this.targetOf(partition);
    if (target === undefined) return undefined;
    const what = withSource ? 'read' : 'sweep';
    return { target, slice, slices, cursor, pageSize: options.pageSize, expected: this.counts.get(partition), withSource, signal, operation: `${what} of ${partition}${slices > 1 ? `, slice ${slice + 1}/${slices}` : ''}` };
  }
}

/** An API key given as `id:key` is sent base64-encoded, as Elasticsearch expects; base64 has no `:`. */
function normalizeAuth(auth: SourceAuth | undefined): SourceAuth | undefined {
  if (auth === undefined || !('apiKey' in auth) || !auth.apiKey.includes(':')) return auth;
  return { apiKey: Buffer.from(auth.apiKey, 'utf8').toString('base64') };
}

async function readCaFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new SourceError(`cannot read the CA certificate file ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'check --source-ca');
  }
}
