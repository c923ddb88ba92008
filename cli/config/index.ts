/**
 * es2sql's configuration: resolving flags, `ES2SQL_*` environment variables, es2sql's own config
 * file and freezer-api.conf into one {@link ResolvedConfig}, checking it per command, and keeping
 * secrets out of everything es2sql prints or stores. See docs/configuration.md.
 */
export { resolveConfig, type ResolveConfigInput } from './resolve-config.ts';
export { checkConfig, configProblems, COMMAND_NEEDS, type ConfigCommand } from './check-config.ts';
export type { ResolvedConfig, SourceConfig, ElasticsearchSourceConfig, FileSourceConfig, FreezerApiFileInfo } from './resolved-config.ts';
export type { ConfigFlags } from './flag-config.ts';
export { CONFIG_OPTIONS, FILE_OPTIONS, type ConfigKey, type OptionSpec, type OptionType, type Provenance } from './config-options.ts';
export { ENV_NAMES } from './env-config.ts';
export { ConfigError } from './config-error.ts';
export { SecretRedactor, redactSecrets, REDACTED } from './secret-redactor.ts';
export { RedactingStream } from './redacting-stream.ts';
export { describeConfig, describeDatabase, describeSource } from './config-display.ts';
export { parseOsloIni, IniSyntaxError, type IniDocument } from './oslo-ini.ts';
export { readFreezerApiConf, type FreezerApiConf, type FreezerConfShape } from './freezer-api-conf.ts';
export { loadConfigFile, detectConfigKind, type ConfigFileKind, type LoadedConfigFile } from './config-file.ts';
