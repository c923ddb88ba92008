import type { RetryInfo } from './retry-policy.ts';

/** Credentials for a secured cluster: basic auth or an API key (`id:key` or its base64 form). */
export type SourceAuth = { username: string; password: string } | { apiKey: string };

/** Which read strategy to use; `auto` picks one from the server version (see es-version.ts). */
export type ReadStrategyName = 'scroll' | 'search-after' | 'point-in-time';

/** An Elasticsearch cluster as the source. */
export interface ElasticsearchSourceSpec {
  /** Base URL, e.g. `http://127.0.0.1:9200`. User info in it is used as basic auth and never shown. */
  url: string;
  /** Index (or alias) holding Freezer's data; default `freezer`. */
  index?: string;
  auth?: SourceAuth;
  tls?: {
    /** PEM file with the CA certificate(s) that signed the cluster's certificate. */
    caFile?: string;
    /** Set false to accept any certificate (not recommended). Default true. */
    rejectUnauthorized?: boolean;
  };
  /** Timeout of one HTTP request; default 120 000 ms. */
  requestTimeoutMs?: number;
  /** Retries of a transient failure (429/502/503/504, reset, timeout, incomplete page); default 10. */
  maxRetries?: number;
  /** Backoff ceiling of the first retry, doubling afterwards; default 250 ms. */
  retryBaseDelayMs?: number;
  /** Upper bound of a retry delay; default 30 000 ms. */
  retryMaxDelayMs?: number;
  /** How long the server keeps an idle scroll or point in time; default `5m`. */
  keepAlive?: string;
  /** Gzip request and response bodies (worth it over slow links; off by default: loopback and LANs are faster without). */
  compression?: boolean;
  /** Override the read strategy chosen from the server version (for odd clusters and tests). */
  strategy?: ReadStrategyName;
  /** Called before every retry, for stats and logs. */
  onRetry?: (info: RetryInfo) => void;
}

/** An elasticdump-format NDJSON file as the source. */
export interface FileSourceSpec {
  file: string;
}

export type SourceSpec = ElasticsearchSourceSpec | FileSourceSpec;

export function isFileSourceSpec(spec: SourceSpec): spec is FileSourceSpec {
  return typeof (spec as FileSourceSpec).file === 'string';
}
