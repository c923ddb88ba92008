import { readFile } from 'node:fs/promises';
import { ConfigError } from './config-error.ts';
import { es2sqlFileKeys } from './config-options.ts';
import { IniSyntaxError, parseOsloIni, type IniDocument } from './oslo-ini.ts';

/** Which program a config file belongs to. */
export type ConfigFileKind = 'es2sql' | 'freezer-api';

/** A config file read from disk, parsed and recognised. */
export interface LoadedConfigFile {
  path: string;
  kind: ConfigFileKind;
  document: IniDocument;
}

// Sections that only a freezer-api.conf has (oslo.config groups freezer-api registers or its
// deployment tools write).
const FREEZER_SECTIONS = ['storage', 'database', 'elasticsearch', 'elasticv2', 'keystone_authtoken', 'paste_deploy', 'oslo_policy', 'oslo_middleware', 'cors', 'healthcheck'];

/** The one-line error for a config file that cannot be read (`error` is what fs threw). */
export function configFileReadError(error: unknown, path: string, given: string): ConfigError {
  const code = (error as NodeJS.ErrnoException).code;
  const advice: Record<string, string> = {
    ENOENT: 'does not exist; check the path',
    ENOTDIR: 'does not exist (a part of the path is not a directory); check the path',
    EISDIR: 'is a directory, not a file; name the file itself, e.g. /etc/freezer/freezer-api.conf',
    EACCES: 'cannot be read (permission denied); run es2sql as a user that can read it, or copy the settings into flags or environment variables',
    EPERM: 'cannot be read (operation not permitted); run es2sql as a user that can read it',
  };
  return new ConfigError(`config file ${path} (${given}) ${advice[code ?? ''] ?? `cannot be read (${code ?? 'unknown error'}); check the file`}`, { file: path });
}

/** Recognises a file by its sections; throws when it is neither kind or both. */
export function detectConfigKind(document: IniDocument, path: string): ConfigFileKind {
  const sections = Object.keys(document);
  const es2sqlSections = [...es2sqlFileKeys().keys()];
  const own = sections.filter((section) => es2sqlSections.includes(section));
  const freezer = sections.filter((section) => FREEZER_SECTIONS.includes(section));
  if (own.length > 0 && freezer.length === 0) return 'es2sql';
  if (freezer.length > 0 && own.length === 0) return 'freezer-api';
  if (own.length > 0) {
    throw new ConfigError(`${path} mixes es2sql sections ([${own.join('], [')}]) with freezer-api ones ([${freezer.join('], [')}]); keep es2sql's settings in a file of their own and point it at freezer-api.conf with [source] freezer_api_config`, { file: path });
  }
  throw new ConfigError(`${path} has none of es2sql's sections ([${es2sqlSections.join('], [')}]) and none of freezer-api's ([storage], [database]); check that this is the right file`, { file: path });
}

/**
 * Reads and parses one config file. `given` says how it was named (`--config-file`,
 * `ES2SQL_FREEZER_CONFIG`, `[source] freezer_api_config in …`) for messages; `expected` makes a
 * file of the other kind an error.
 */
export async function loadConfigFile(path: string, given: string, expected?: ConfigFileKind): Promise<LoadedConfigFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw configFileReadError(error, path, given);
  }
  let document: IniDocument;
  try {
    document = parseOsloIni(text);
  } catch (error) {
    if (!(error instanceof IniSyntaxError)) throw error;
    throw new ConfigError(`${path} line ${error.line} is not valid INI: ${error.problem}`, { file: path });
  }
  const kind = detectConfigKind(document, path);
  if (expected && kind !== expected) {
    throw new ConfigError(
      expected === 'freezer-api'
        ? `${path} (${given}) is es2sql's own config file, not a freezer-api.conf; pass it with --config-file`
        : `${path} (${given}) is a freezer-api.conf, not es2sql's own config file; pass it with --freezer-config or --config-file`,
      { file: path },
    );
  }
  return { path, kind, document };
}
