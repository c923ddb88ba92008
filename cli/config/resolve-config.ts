import { ConfigError } from './config-error.ts';
import { loadConfigFile, type LoadedConfigFile } from './config-file.ts';
import type { ConfigLayer } from './config-layer.ts';
import { CONFIG_OPTIONS, FILE_OPTIONS } from './config-options.ts';
import { envValue, readEnvLayer } from './env-config.ts';
import { readEs2sqlConf, type Es2sqlConf } from './es2sql-conf.ts';
import { readFlagLayer, type ConfigFlags } from './flag-config.ts';
import { readFreezerApiConf, type FreezerApiConf } from './freezer-api-conf.ts';
import { defaultsLayer, mergeLayers } from './merge-layers.ts';
import type { ResolvedConfig } from './resolved-config.ts';
import { SecretRedactor } from './secret-redactor.ts';
import { urlPasswordCandidates } from './url-userinfo.ts';
import { resolvePath } from './value-parsers.ts';

// Secrets on the command line and in the environment, registered before anything is parsed so
// that even an error raised half-way through reading them cannot show one.
function inputSecrets(input: ResolveConfigInput): string[] {
  const secrets: string[] = [];
  for (const spec of CONFIG_OPTIONS) {
    const flag = input.flags[spec.key];
    for (const raw of [...(Array.isArray(flag) ? flag : [flag]), input.env[spec.env]]) {
      if (typeof raw !== 'string' || !raw) continue;
      if (spec.type === 'secret') secrets.push(raw);
      if (spec.type === 'database-url') secrets.push(...urlPasswordCandidates(raw));
      if (spec.type === 'source') secrets.push(...raw.split(',').flatMap((item) => urlPasswordCandidates(item.trim())));
    }
  }
  return secrets;
}

/** Everything configuration depends on, passed in so tests never touch the process. */
export interface ResolveConfigInput {
  /** Parsed command line (yargs, camelCase). */
  flags: ConfigFlags;
  /** Environment variables (only `ES2SQL_*` are read). */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths on the command line and in the environment. */
  cwd: string;
}

interface FileRef {
  path: string;
  given: string;
  loaded?: LoadedConfigFile;
}

function flagPaths(value: unknown): string[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '');
}

function single(refs: FileRef[], what: string): FileRef | undefined {
  const distinct = [...new Map(refs.map((ref) => [ref.path, ref])).values()];
  if (distinct.length > 1) {
    throw new ConfigError(`two ${what} were given: ${distinct.map((ref) => `${ref.path} (${ref.given})`).join(' and ')}; give one`);
  }
  return distinct[0];
}

async function readFiles(input: ResolveConfigInput, seen: SecretRedactor): Promise<{ es2sql?: Es2sqlConf; freezer?: FreezerApiConf }> {
  const { flags, env, cwd } = input;
  const fromFlag = flagPaths(flags.configFile);
  const fromEnv = envValue(env, FILE_OPTIONS.configFile.env);
  const given = fromFlag.length > 0 ? FILE_OPTIONS.configFile.flag : FILE_OPTIONS.configFile.env;
  const configRefs: FileRef[] = (fromFlag.length > 0 ? fromFlag : fromEnv ? [fromEnv] : []).map((path) => ({ path: resolvePath(path, cwd), given }));
  for (const ref of configRefs) ref.loaded = await loadConfigFile(ref.path, ref.given);

  const ownRef = single(configRefs.filter((ref) => ref.loaded?.kind === 'es2sql'), "es2sql config files (es2sql reads one file of its own)");
  const es2sql = ownRef?.loaded ? readEs2sqlConf(ownRef.loaded.document, ownRef.path) : undefined;
  seen.add(...(es2sql?.layer.secrets ?? []));

  const freezerByConfigFile = configRefs.filter((ref) => ref.loaded?.kind === 'freezer-api');
  const explicit = (value: string | undefined, name: string): FileRef[] => (value ? [{ path: resolvePath(value, cwd), given: name }] : []);
  const levels: FileRef[][] = [
    [...flagPaths(flags.freezerConfig).flatMap((path) => explicit(path, FILE_OPTIONS.freezerConfig.flag)), ...(given === FILE_OPTIONS.configFile.flag ? freezerByConfigFile : [])],
    [...explicit(envValue(env, FILE_OPTIONS.freezerConfig.env), FILE_OPTIONS.freezerConfig.env), ...(given === FILE_OPTIONS.configFile.env ? freezerByConfigFile : [])],
    es2sql?.freezerApiConfig ? [{ path: es2sql.freezerApiConfig, given: `[source] freezer_api_config in ${es2sql.path}` }] : [],
  ];
  const freezerRef = single(levels.find((level) => level.length > 0) ?? [], 'freezer-api.conf files');
  if (!freezerRef) return { es2sql };
  const loaded = freezerRef.loaded ?? (await loadConfigFile(freezerRef.path, freezerRef.given, 'freezer-api'));
  const freezer = readFreezerApiConf(loaded.document, loaded.path);
  seen.add(...freezer.layer.secrets);
  return { es2sql, freezer };
}

/**
 * Resolves the configuration of a command: flags > environment (`ES2SQL_*`) > es2sql's config file
 * > freezer-api.conf > defaults, with the provenance of every value and every secret seen.
 * It reads config files but checks no cross-option rules (that is {@link checkConfig}'s job, so
 * `--debug` can show a configuration that is not yet complete).
 *
 * @throws ConfigError for unreadable or malformed files and values that do not parse; its message
 *   is one line and never contains a secret.
 */
export async function resolveConfig(input: ResolveConfigInput): Promise<ResolvedConfig> {
  const seen = new SecretRedactor(inputSecrets(input));
  try {
    const flagLayer = readFlagLayer(input.flags, input.cwd);
    seen.add(...flagLayer.secrets);
    const envLayer = readEnvLayer(input.env, input.cwd);
    seen.add(...envLayer.secrets);
    const { es2sql, freezer } = await readFiles(input, seen);
    const layers = [flagLayer, envLayer, es2sql?.layer, freezer?.layer, defaultsLayer()].filter((layer): layer is ConfigLayer => layer !== undefined);
    const files: ResolvedConfig['files'] = {};
    if (es2sql) files.es2sql = es2sql.path;
    if (freezer) files.freezerApi = { path: freezer.path, shape: freezer.shape, ...(freezer.section ? { section: freezer.section } : {}), ...(freezer.driver ? { driver: freezer.driver } : {}) };
    return mergeLayers(layers, { cwd: input.cwd, files });
  } catch (error) {
    if (error instanceof ConfigError) throw error.redacted((text) => seen.redact(text));
    if (error instanceof Error) {
      error.message = seen.redact(error.message);
      if (error.stack) error.stack = seen.redact(error.stack);
    }
    throw error;
  }
}
