import type { ConfigError } from './config-error.ts';
import type { ConfigKey, Provenance } from './config-options.ts';

/** A source as one layer names it: Elasticsearch base URLs (no user info) or a dump file. */
export type SourceValue = { kind: 'elasticsearch'; urls: string[] } | { kind: 'file'; path: string };

/** The typed values one layer sets; absent keys fall through to the next layer. */
export interface LayerValues {
  source?: SourceValue;
  index?: string;
  mapping?: string;
  sourceUser?: string;
  sourcePassword?: string;
  sourceApiKey?: string;
  sourceCa?: string;
  sourceVerifyCerts?: boolean;
  target?: string;
  stateDb?: string;
  layout?: string;
  freezerRelease?: string;
  slices?: number;
  slice?: number;
  batchSize?: number;
  workers?: number;
  defaultProjectId?: string;
  report?: string;
  logFormat?: 'text' | 'json';
  scan?: 'sample' | 'all';
  quiet?: boolean;
  debug?: boolean;
}

/**
 * One level of the precedence order (flags, environment, es2sql's file, freezer-api.conf,
 * defaults), already read and type-checked.
 */
export interface ConfigLayer {
  origin: Provenance;
  /** How this layer names an option in messages: `--target`, `ES2SQL_TARGET`, `[database] connection in /etc/freezer/freezer-api.conf`. */
  where(key: ConfigKey): string;
  values: LayerValues;
  /**
   * True for freezer-api.conf: its credentials and TLS settings belong to its own hosts and are
   * used only when the source URL comes from the same file, so they never go to another server.
   */
  sourceBound: boolean;
  /** Why this layer cannot name a source (e.g. freezer-api already runs on SQL); raised only if no higher layer names one. */
  sourceProblem?: ConfigError;
  /** Passwords and keys this layer holds, including ones overridden later (for redaction). */
  secrets: string[];
  /** Things the operator should know about how this layer was read. */
  notes: string[];
}

/** Keys that only make sense together with the source they were configured for. */
export const SOURCE_BOUND_KEYS: readonly ConfigKey[] = ['sourceUser', 'sourcePassword', 'sourceApiKey', 'sourceCa', 'sourceVerifyCerts'];
