import type { ReadContextsHold, SourceCursor } from './document-source.ts';
import type { EsClient } from './es-client.ts';
import type { PartitionTarget } from './es-query.ts';
import type { ServerCapabilities } from './es-version.ts';
import type { SearchHit } from './search-response.ts';
import type { ReadStrategyName } from './source-spec.ts';

/** What a strategy needs from the source: the HTTP client and the server's capabilities. */
export interface StrategyContext {
  client: EsClient;
  capabilities: ServerCapabilities;
  /** Keep-alive of scrolls and points in time, e.g. `5m`. */
  keepAlive: string;
  /** Keep-alive of the request that opens one (short, see keep-alive.ts). */
  openKeepAlive: string;
}

/** One slice's read, as the source asks a strategy for it. */
export interface PageRequest {
  target: PartitionTarget;
  slice: number;
  slices: number;
  cursor: SourceCursor | null;
  pageSize: number;
  /** Documents the partition held when the source last counted it (a hint for sizing requests; undefined: not counted). */
  expected?: number | undefined;
  /** false for sweeps: ids and versions only. */
  withSource: boolean;
  signal?: AbortSignal | undefined;
  /** The read in words, for messages and retry reports: `read of jobs, slice 2/4`. */
  operation: string;
}

/**
 * Raw hits of one page and the cursor after its last hit. Never empty.
 *
 * Handed over: a suspended generator keeps every local it had at its `yield`, used again or not
 * (measured with Node 24), so a producer that kept the hits in a local would hold them while the
 * consumer waits for a commit, and they would survive into the old generation. Producers keep them
 * only in the page object; the consumer that turns them into documents empties `hits`.
 */
export interface RawPage {
  hits: SearchHit[];
  cursor: SourceCursor;
}

/**
 * One way of reading every document of a partition once, in slices, resumable after a cursor.
 * Implementations release server-side state (scroll, point in time) in `finally`.
 */
export interface ReadStrategy {
  readonly name: ReadStrategyName;
  /** Slices the strategy can split a partition into without overlap, at most `requested`. */
  sliceCount(target: PartitionTarget, requested: number): Promise<number>;
  pages(request: PageRequest): AsyncGenerator<RawPage>;
  /** Lets reads share server-side state until released (point in time); absent where they cannot. */
  hold?(): ReadContextsHold;
}
