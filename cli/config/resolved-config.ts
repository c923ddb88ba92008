import type { ConfigKey, Provenance } from './config-options.ts';
import type { FreezerConfShape } from './freezer-api-conf.ts';

/** An Elasticsearch cluster to read from. `urls` never contain user info. */
export interface ElasticsearchSourceConfig {
  kind: 'elasticsearch';
  /** Base URLs of the cluster's nodes, e.g. `['http://es1:9200', 'http://es2:9200']`. */
  urls: string[];
  /** Index (or alias) holding Freezer's documents. */
  index: string;
  /** Basic-auth user and password (from flags, environment, a config file, or user info in a URL). */
  username?: string;
  password?: string;
  /** API key (`id:key` or its base64 form), the alternative to user and password. */
  apiKey?: string;
  /** PEM file with the CA certificate(s) of the cluster. */
  caFile?: string;
  /** False only when asked for (or when freezer-api.conf did not verify: its `verify_certs` defaults to false). */
  rejectUnauthorized: boolean;
}

/** An elasticdump-format NDJSON file to read from. */
export interface FileSourceConfig {
  kind: 'file';
  /** Absolute path. */
  path: string;
}

export type SourceConfig = ElasticsearchSourceConfig | FileSourceConfig;

/** The freezer-api.conf that was read, and how. */
export interface FreezerApiFileInfo {
  path: string;
  shape: FreezerConfShape;
  /** Section the Elasticsearch options came from. */
  section?: string;
  /** `[storage] driver` as written. */
  driver?: string;
}

/**
 * Every setting of a command after merging flags > environment > es2sql's config file >
 * freezer-api.conf > defaults. Plain data: it can be printed (after redaction), compared in tests
 * and handed to the library as is. Absent optional values mean "the command's own behaviour".
 */
export interface ResolvedConfig {
  source?: SourceConfig;
  /**
   * Why the freezer-api.conf that would have supplied the source cannot (e.g. freezer-api already
   * runs on SQL). `checkConfig` raises it for commands that need a source.
   */
  sourceUnavailable?: string;
  /** Target database URL as given (SQLAlchemy forms accepted; see schema/database-url.ts). */
  target?: string;
  /** Database for es2sql's own tables; the target when not set (provenance `target-fallback`). */
  stateDb?: string;
  /** `--mapping`: `freezer` (default), `auto`, or a mapping file path as given. */
  mapping?: string;
  /** `--scan`: how much of the source `--mapping auto` derives its tables from. */
  scan?: 'sample' | 'all';
  layout?: string;
  freezerRelease?: string;
  slices?: number;
  /** Run only this slice (0-based). */
  slice?: number;
  batchSize?: number;
  /** Batch worker threads (migrate). */
  workers?: number;
  defaultProjectId?: string;
  /** Absolute path of the report file. */
  reportPath?: string;
  logFormat: 'text' | 'json';
  quiet: boolean;
  debug: boolean;
  /** Directory relative paths and SQLite URLs given on the command line are taken from. */
  cwd: string;
  /** The config files that were read (absolute paths). */
  files: { es2sql?: string; freezerApi?: FreezerApiFileInfo };
  /** Which layer each set value came from. */
  provenance: Partial<Record<ConfigKey, Provenance>>;
  /** How that layer names the option: `--target`, `ES2SQL_TARGET`, `[database] connection in /etc/freezer/freezer-api.conf`. */
  origins: Partial<Record<ConfigKey, string>>;
  /** Settings that were read but not used, and other things the operator should know. */
  notes: string[];
  /** Every password and API key seen in any layer (also overridden ones), longest first, for redaction. */
  secrets: string[];
}
