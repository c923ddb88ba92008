import { DatabaseUrlError, parseDatabaseUrl } from '../../schema/database-url.ts';
import { ConfigError } from './config-error.ts';
import type { ConfigKey } from './config-options.ts';
import type { ResolvedConfig } from './resolved-config.ts';
import { SecretRedactor } from './secret-redactor.ts';

/** The commands whose configuration es2sql checks. */
export type ConfigCommand = 'migrate' | 'sync' | 'validate' | 'verify' | 'cutover' | 'status';

/** What each command cannot run without. */
export const COMMAND_NEEDS: Readonly<Record<ConfigCommand, { source: boolean; target: boolean; stateDb: boolean }>> = {
  migrate: { source: true, target: true, stateDb: true },
  sync: { source: true, target: true, stateDb: true },
  verify: { source: true, target: true, stateDb: true },
  cutover: { source: true, target: true, stateDb: true },
  validate: { source: true, target: false, stateDb: false },
  status: { source: false, target: false, stateDb: true },
};

const NO_SOURCE = 'no source: pass --source http://host:9200 (or an elasticdump file), set ES2SQL_SOURCE, or give freezer-api.conf with --config-file /etc/freezer/freezer-api.conf';
const NO_TARGET = 'no target database: pass --target postgres://…, set ES2SQL_TARGET, or set [database] connection in freezer-api.conf';
const NO_STATE = 'no state database to read: pass --state-db or --target (postgres://…), or set ES2SQL_STATE_DB or ES2SQL_TARGET';
const ES_ONLY: readonly ConfigKey[] = ['index', 'sourceUser', 'sourcePassword', 'sourceApiKey', 'sourceCa'];

function named(config: ResolvedConfig, key: ConfigKey, value: unknown): string {
  const origin = config.origins[key] ?? key;
  return origin.startsWith('--') ? `${origin} ${String(value)}` : `${origin} = ${String(value)}`;
}

function explicitlySet(config: ResolvedConfig, key: ConfigKey): boolean {
  const origin = config.provenance[key];
  return origin === 'flag' || origin === 'env' || origin === 'es2sql-config';
}

function databaseProblem(config: ResolvedConfig, key: 'target' | 'stateDb', url: string): ConfigError | undefined {
  try {
    parseDatabaseUrl(url, config.cwd);
    return undefined;
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    return new ConfigError(`${config.origins[key] ?? key}: ${error.message}`, { key });
  }
}

function sourceProblems(config: ResolvedConfig): ConfigError[] {
  const problems: ConfigError[] = [];
  const source = config.source;
  if (source?.kind === 'file') {
    const misplaced = ES_ONLY.filter((key) => explicitlySet(config, key));
    if (misplaced.length > 0) {
      const names = misplaced.map((key) => config.origins[key] ?? key).join(', ');
      problems.push(new ConfigError(`${names} ${misplaced.length > 1 ? 'apply' : 'applies'} to an Elasticsearch source, but the source is the file ${source.path} (${config.origins.source ?? 'source'}); remove ${misplaced.length > 1 ? 'them' : 'it'}`, { key: misplaced[0] }));
    }
  }
  if (source?.kind !== 'elasticsearch') return problems;
  if (source.apiKey !== undefined && (source.username !== undefined || source.password !== undefined)) {
    const basic = config.origins.sourcePassword ?? config.origins.sourceUser;
    problems.push(new ConfigError(`both an API key (${config.origins.sourceApiKey}) and a user/password (${basic}) are set for Elasticsearch; keep one of them`, { key: 'sourceApiKey' }));
  }
  if (source.password !== undefined && !source.username) {
    problems.push(new ConfigError(`an Elasticsearch password is set (${config.origins.sourcePassword}) but no user; add --source-user or ES2SQL_ES_USERNAME`, { key: 'sourceUser' }));
  }
  if (/[\s#,]/.test(source.index)) {
    const comment = /\s[#;]/.test(source.index) ? " (a comment after a value is part of it in config files; move it to its own line)" : '';
    problems.push(new ConfigError(`${named(config, 'index', `"${source.index}"`)} is not an index name (spaces, '#' and ',' are not allowed)${comment}`, { key: 'index' }));
  }
  return problems;
}

/**
 * Every cross-option problem of `config` for `command`, most fundamental first (missing source,
 * target or state database before conflicts). Each is a {@link ConfigError} with a one-line
 * message saying what to do; messages are redacted with `config.secrets`.
 */
export function configProblems(config: ResolvedConfig, command: ConfigCommand): ConfigError[] {
  const needs = COMMAND_NEEDS[command] as (typeof COMMAND_NEEDS)[ConfigCommand] | undefined;
  if (!needs) return [new ConfigError(`unknown command "${String(command)}"; use one of ${Object.keys(COMMAND_NEEDS).join(', ')}`)];
  const problems: ConfigError[] = [];
  if (needs.source && !config.source) problems.push(new ConfigError(config.sourceUnavailable ?? NO_SOURCE, { key: 'source' }));
  if (needs.target && !config.target) problems.push(new ConfigError(NO_TARGET, { key: 'target' }));
  if (needs.stateDb && !config.stateDb && !(needs.target && !config.target)) problems.push(new ConfigError(NO_STATE, { key: 'stateDb' }));
  if (config.target) problems.push(...[databaseProblem(config, 'target', config.target)].filter((problem) => problem !== undefined));
  if (config.stateDb && config.provenance.stateDb !== 'target-fallback') {
    problems.push(...[databaseProblem(config, 'stateDb', config.stateDb)].filter((problem) => problem !== undefined));
  }
  problems.push(...sourceProblems(config));
  if (config.slice !== undefined && config.slices === undefined) {
    problems.push(new ConfigError(`${named(config, 'slice', config.slice)} needs --slices (how many slices the run is split into), e.g. --slices ${config.slice + 1}`, { key: 'slice' }));
  }
  if (config.slice !== undefined && config.slices !== undefined && config.slice >= config.slices) {
    problems.push(new ConfigError(`${named(config, 'slice', config.slice)} is out of range for ${named(config, 'slices', config.slices)}: slices are numbered 0 to ${config.slices - 1}`, { key: 'slice' }));
  }
  if (config.quiet && config.debug) {
    problems.push(new ConfigError(`${config.origins.quiet ?? '--quiet'} and ${config.origins.debug ?? '--debug'} contradict each other; turn one of them off`, { key: 'quiet' }));
  }
  const redactor = new SecretRedactor(config.secrets);
  return problems.map((problem) => problem.redacted((text) => redactor.redact(text)));
}

/**
 * Checks that `config` is complete and consistent for `command`.
 *
 * @throws ConfigError the first problem {@link configProblems} finds.
 */
export function checkConfig(config: ResolvedConfig, command: ConfigCommand): void {
  const [first] = configProblems(config, command);
  if (first) throw first;
}
