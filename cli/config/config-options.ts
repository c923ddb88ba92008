/**
 * Every option es2sql can be configured with, and where each can be set. This table drives the
 * flag, environment and es2sql-file readers and the precedence merge; docs/configuration.md
 * documents the same rows (a test keeps the two in step).
 */

/** Where a resolved value came from. `target-fallback`: the state database is the target database. */
export type Provenance = 'flag' | 'env' | 'es2sql-config' | 'freezer-api-config' | 'default' | 'target-fallback';

/** The configurable options, named as yargs hands them over (camelCase of the flag). */
export type ConfigKey =
  | 'source'
  | 'mapping'
  | 'scan'
  | 'index'
  | 'sourceUser'
  | 'sourcePassword'
  | 'sourceApiKey'
  | 'sourceCa'
  | 'sourceVerifyCerts'
  | 'target'
  | 'stateDb'
  | 'layout'
  | 'freezerRelease'
  | 'slices'
  | 'slice'
  | 'batchSize'
  | 'workers'
  | 'defaultProjectId'
  | 'report'
  | 'logFormat'
  | 'quiet'
  | 'debug';

/**
 * How a value is read from text (environment, config files): `secret` is a string that is also
 * registered for redaction, `path` is resolved against the directory of the file that names it
 * (against the working directory for flags and environment variables), `source` is an
 * Elasticsearch URL list or a dump file, `database-url` a target/state URL whose password is
 * registered for redaction.
 */
export type OptionType = 'string' | 'secret' | 'path' | 'integer' | 'boolean' | 'log-format' | 'scan' | 'source' | 'database-url';

/** One row of the configuration reference. */
export interface OptionSpec {
  key: ConfigKey;
  /** Command-line flag, kebab-case. */
  flag: string;
  /** Environment variable. */
  env: string;
  /** Section and option name(s) in es2sql's own config file. */
  file: { section: string; keys: readonly string[] };
  /** Where a freezer-api.conf supplies the value, if it does (documentation only). */
  freezerApi?: string;
  type: OptionType;
  /** Smallest accepted value of an integer option. */
  min?: number;
  /** The value used when no layer sets the option; undefined: the command's own behaviour. */
  default?: string | boolean;
  /** One line for --help and the docs. */
  summary: string;
}

export const CONFIG_OPTIONS: readonly OptionSpec[] = [
  { key: 'source', flag: '--source', env: 'ES2SQL_SOURCE', file: { section: 'source', keys: ['url', 'file'] }, freezerApi: '[storage] hosts/endpoint (≤ 4.x), hosts in the section named by [storage] backend (≥ 5.0)', type: 'source', summary: 'Elasticsearch URL(s), comma-separated, or an elasticdump NDJSON file (file:path or a path)' },
  { key: 'index', flag: '--index', env: 'ES2SQL_INDEX', file: { section: 'source', keys: ['index'] }, freezerApi: 'index, same section as hosts', type: 'string', default: 'freezer', summary: "index (or alias) holding Freezer's documents" },
  { key: 'mapping', flag: '--mapping', env: 'ES2SQL_MAPPING', file: { section: 'source', keys: ['mapping'] }, type: 'string', default: 'freezer', summary: 'how documents become tables: freezer (OpenStack Freezer), auto (derived from the index), or a mapping file (.json, .ts)' },
  { key: 'scan', flag: '--scan', env: 'ES2SQL_SCAN', file: { section: 'source', keys: ['scan'] }, type: 'scan', default: 'sample', summary: 'documents --mapping auto derives its tables from: sample (one page of 1000) or all (every document); a pipeline keeps the tables its first migrate derived' },
  { key: 'sourceUser', flag: '--source-user', env: 'ES2SQL_ES_USERNAME', file: { section: 'source', keys: ['username'] }, freezerApi: 'user info in hosts; http_auth (18.0.0+)', type: 'string', summary: 'Elasticsearch basic-auth user' },
  { key: 'sourcePassword', flag: '--source-password', env: 'ES2SQL_ES_PASSWORD', file: { section: 'source', keys: ['password'] }, freezerApi: 'user info in hosts; http_auth (18.0.0+)', type: 'secret', summary: 'Elasticsearch basic-auth password' },
  { key: 'sourceApiKey', flag: '--source-api-key', env: 'ES2SQL_ES_API_KEY', file: { section: 'source', keys: ['api_key'] }, type: 'secret', summary: 'Elasticsearch API key (id:key or its base64 form), instead of user and password' },
  { key: 'sourceCa', flag: '--source-ca', env: 'ES2SQL_ES_CA_FILE', file: { section: 'source', keys: ['ca_file'] }, freezerApi: 'ca_certs', type: 'path', summary: 'PEM file with the CA that signed the cluster certificate' },
  { key: 'sourceVerifyCerts', flag: '--source-verify-certs', env: 'ES2SQL_ES_VERIFY_CERTS', file: { section: 'source', keys: ['verify_certs'] }, freezerApi: 'verify_certs (freezer-api default: false)', type: 'boolean', default: true, summary: 'verify the cluster TLS certificate (--no-source-verify-certs to skip)' },
  { key: 'target', flag: '--target', env: 'ES2SQL_TARGET', file: { section: 'target', keys: ['connection'] }, freezerApi: '[database] connection', type: 'database-url', summary: 'target database URL (postgres://, mysql://, mysql+pymysql://, sqlite:…)' },
  { key: 'stateDb', flag: '--state-db', env: 'ES2SQL_STATE_DB', file: { section: 'state_database', keys: ['connection'] }, type: 'database-url', summary: "database for es2sql's run, checkpoint and reject tables; default: the target" },
  { key: 'layout', flag: '--layout', env: 'ES2SQL_LAYOUT', file: { section: 'migrate', keys: ['layout'] }, type: 'string', summary: 'target schema: a, b or b@<alembic revision>' },
  { key: 'freezerRelease', flag: '--freezer-release', env: 'ES2SQL_FREEZER_RELEASE', file: { section: 'migrate', keys: ['freezer_release'] }, type: 'string', summary: 'freezer-api release the target runs (13, 18.0.0, head…), instead of --layout' },
  { key: 'slices', flag: '--slices', env: 'ES2SQL_SLICES', file: { section: 'migrate', keys: ['slices'] }, type: 'integer', min: 1, summary: 'parallel read slices per document type' },
  { key: 'slice', flag: '--slice', env: 'ES2SQL_SLICE', file: { section: 'migrate', keys: ['slice'] }, type: 'integer', min: 0, summary: 'run only this slice (0 … slices-1), to spread one run over several processes' },
  { key: 'workers', flag: '--workers', env: 'ES2SQL_WORKERS', file: { section: 'migrate', keys: ['workers'] }, type: 'integer', min: 0, summary: 'threads that read, transform and encode pages while the main thread commits (0: all on one thread, the default on 1-2 cores; else cores - 1, at most 4)' },
  { key: 'batchSize', flag: '--batch-size', env: 'ES2SQL_BATCH_SIZE', file: { section: 'migrate', keys: ['batch_size'] }, type: 'integer', min: 1, summary: 'documents per write transaction' },
  { key: 'defaultProjectId', flag: '--default-project-id', env: 'ES2SQL_DEFAULT_PROJECT_ID', file: { section: 'migrate', keys: ['default_project_id'] }, type: 'string', summary: 'project_id for documents written by the v1 API (they have none)' },
  { key: 'report', flag: '--report', env: 'ES2SQL_REPORT', file: { section: 'output', keys: ['report'] }, type: 'path', summary: 'write the run report to this file' },
  { key: 'logFormat', flag: '--log-format', env: 'ES2SQL_LOG_FORMAT', file: { section: 'output', keys: ['log_format'] }, type: 'log-format', default: 'text', summary: 'text or json' },
  { key: 'quiet', flag: '--quiet', env: 'ES2SQL_QUIET', file: { section: 'output', keys: ['quiet'] }, type: 'boolean', default: false, summary: 'print errors only' },
  { key: 'debug', flag: '--debug', env: 'ES2SQL_DEBUG', file: { section: 'output', keys: ['debug'] }, type: 'boolean', default: false, summary: 'print debug details, including where each setting came from' },
];

/** Options that locate config files rather than configure a run. */
export const FILE_OPTIONS = {
  configFile: { flag: '--config-file', env: 'ES2SQL_CONFIG_FILE', summary: "es2sql's own config file or a freezer-api.conf (detected by its sections); may be given twice, once for each" },
  freezerConfig: { flag: '--freezer-config', env: 'ES2SQL_FREEZER_CONFIG', file: { section: 'source', key: 'freezer_api_config' }, summary: "freezer-api's oslo.config file to take the source and target from" },
} as const;

/** Option `key`'s row. */
export function optionSpec(key: ConfigKey): OptionSpec {
  const spec = CONFIG_OPTIONS.find((option) => option.key === key);
  if (!spec) throw new Error(`no option ${key}`);
  return spec;
}

/** The keys es2sql's own file accepts, per section (for detecting the file and rejecting typos). */
export function es2sqlFileKeys(): Map<string, Set<string>> {
  const sections = new Map<string, Set<string>>();
  const add = (section: string, key: string) => sections.set(section, (sections.get(section) ?? new Set()).add(key));
  for (const option of CONFIG_OPTIONS) for (const key of option.file.keys) add(option.file.section, key);
  add(FILE_OPTIONS.freezerConfig.file.section, FILE_OPTIONS.freezerConfig.file.key);
  return sections;
}
