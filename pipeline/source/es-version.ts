import { SourceUnsupportedError } from './source-error.ts';
import type { ReadStrategyName } from './source-spec.ts';

/** What `GET /` says about the server. */
export interface ServerInfo {
  /** Version number as reported, e.g. `2.4.6`. */
  number: string;
  major: number;
  minor: number;
  distribution: 'elasticsearch' | 'opensearch';
  /** `oss` or `default` on 6.3–7.x; absent on older servers. */
  flavor: string | undefined;
}

/**
 * What the read path may use on a server. Capability flags are derived from the version in one
 * place; strategies ask for flags, never for version numbers.
 */
export interface ServerCapabilities {
  /** Document types may appear in request paths (`/index/type/_search`): ES ≤ 6.x. */
  typesInPath: boolean;
  /** Index mappings are keyed by type without asking (ES ≤ 6.x). */
  typedMappings: boolean;
  /** Mappings can be asked for with their type (`include_type_name`, ES 7.x). */
  includeTypeName: boolean;
  /** A per-shard keyset field: `_uid` (ES ≤ 6.x, unique per index) or `_seq_no` (ES ≥ 7, unique per shard). */
  keysetField: '_uid' | '_seq_no';
  /** `range` queries work on the keyset field (reopening a scroll after a cursor). */
  keysetRange: boolean;
  /** `search_after` exists (ES ≥ 5). */
  searchAfter: boolean;
  /** Point in time with `_shard_doc` tie-breaks (ES ≥ 7.12). */
  pointInTime: boolean;
  /** Scroll continuation and clear take the raw scroll id as text body (ES 1.x/2.x). */
  rawScrollId: boolean;
  /** `bool.filter` exists (ES ≥ 2); ES 1.x needs the `filtered` query. */
  boolFilter: boolean;
  /** `track_total_hits` exists (ES ≥ 7 in the form used here). */
  trackTotalHits: boolean;
}

export function parseServerInfo(body: unknown, display: string): ServerInfo {
  const version = (body as { version?: { number?: unknown; distribution?: unknown; build_flavor?: unknown } } | null)?.version;
  const number = typeof version?.number === 'string' ? version.number : undefined;
  const match = number === undefined ? null : /^(\d+)\.(\d+)/.exec(number);
  if (number === undefined || match === null) {
    throw new SourceUnsupportedError(
      `${display} does not look like Elasticsearch: GET / returned no version number`,
      'check --source points at the cluster\'s HTTP port (usually 9200)',
    );
  }
  return {
    number,
    major: Number(match[1]),
    minor: Number(match[2]),
    distribution: version?.distribution === 'opensearch' ? 'opensearch' : 'elasticsearch',
    flavor: typeof version?.build_flavor === 'string' ? version.build_flavor : undefined,
  };
}

/**
 * OpenSearch forked from Elasticsearch 7.10.2: treat every OpenSearch release as that version
 * (its own point-in-time API differs from Elasticsearch's, so search_after is used).
 */
export function effectiveVersion(info: ServerInfo): { major: number; minor: number } {
  return info.distribution === 'opensearch' ? { major: 7, minor: 10 } : { major: info.major, minor: info.minor };
}

export function capabilitiesOf(info: ServerInfo): ServerCapabilities {
  const { major, minor } = effectiveVersion(info);
  return {
    typesInPath: major <= 6,
    typedMappings: major <= 6,
    // OpenSearch 2.x removed types altogether and refuses the parameter.
    includeTypeName: major === 7 && !(info.distribution === 'opensearch' && info.major >= 2),
    // 6.x can read 5.x indices whose documents have no _seq_no; _uid exists on every 6.x index.
    keysetField: major <= 6 ? '_uid' : '_seq_no',
    // ES 5.x/6.x refuse range queries on _uid; ES 1.x/2.x and _seq_no (ES ≥ 7) take them.
    keysetRange: major <= 2 || major >= 7,
    searchAfter: major >= 5,
    pointInTime: major > 7 || (major === 7 && minor >= 12),
    rawScrollId: major <= 2,
    boolFilter: major >= 2,
    trackTotalHits: major >= 7,
  };
}

/** Strategy for a server: scroll on 1.x/2.x, search_after on 5.x–7.11, point in time from 7.12. */
export function defaultStrategy(capabilities: ServerCapabilities): ReadStrategyName {
  if (capabilities.pointInTime) return 'point-in-time';
  if (capabilities.searchAfter) return 'search-after';
  return 'scroll';
}

/** Refuses a forced strategy the server cannot run. */
export function checkStrategy(strategy: ReadStrategyName, capabilities: ServerCapabilities, info: ServerInfo): void {
  const missing =
    strategy === 'point-in-time' && !capabilities.pointInTime
      ? 'point in time with _shard_doc needs Elasticsearch ≥ 7.12'
      : strategy === 'search-after' && !capabilities.searchAfter
        ? 'search_after needs Elasticsearch ≥ 5.0'
        : strategy === 'scroll' && !capabilities.keysetRange
          ? 'a scroll can only be reopened after a cursor on Elasticsearch 1.x/2.x and ≥ 7 (5.x/6.x cannot range-query _uid)'
          : undefined;
  if (missing) {
    throw new SourceUnsupportedError(`read strategy "${strategy}" is not available on ${info.distribution} ${info.number}: ${missing}`, 'leave the strategy on automatic');
  }
}

/** `elasticsearch (oss)`, `opensearch`, … for SourceDescription.distribution. */
export function distributionLabel(info: ServerInfo): string {
  return info.flavor && info.flavor !== 'default' ? `${info.distribution} (${info.flavor})` : info.distribution;
}
