import { dirname } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { ConfigLayer, LayerValues } from './config-layer.ts';
import { CONFIG_OPTIONS, FILE_OPTIONS, es2sqlFileKeys, type ConfigKey, type OptionSpec } from './config-options.ts';
import type { IniDocument } from './oslo-ini.ts';
import { resolvePath, storeOptionText } from './value-parsers.ts';

/** es2sql's own config file, read. */
export interface Es2sqlConf {
  path: string;
  /** `[source] freezer_api_config`, resolved against the file's directory. */
  freezerApiConfig: string | undefined;
  /** The file as a precedence layer (origin `es2sql-config`). */
  layer: ConfigLayer;
}

function rejectUnknown(document: IniDocument, path: string): void {
  const known = es2sqlFileKeys();
  for (const [section, options] of Object.entries(document)) {
    const keys = known.get(section);
    if (!keys) {
      if (Object.keys(options).length === 0) continue;
      throw new ConfigError(`${path}: unknown section [${section}]; es2sql's sections are [${[...known.keys()].join('], [')}]`, { file: path });
    }
    for (const key of Object.keys(options)) {
      if (!keys.has(key)) throw new ConfigError(`${path}: unknown option ${key} in [${section}]; [${section}] takes ${[...keys].join(', ')}`, { file: path });
    }
  }
}

/**
 * Reads es2sql's own file: the same syntax as freezer-api.conf (see oslo-ini.ts) but values are
 * taken literally (no `$` substitution), empty values count as unset, relative paths are relative
 * to the file, and unknown sections or options are errors (a typo must not silently drop a
 * setting).
 */
export function readEs2sqlConf(document: IniDocument, path: string): Es2sqlConf {
  rejectUnknown(document, path);
  const baseDir = dirname(path);
  const values: LayerValues = {};
  const secrets: string[] = [];
  const names: Partial<Record<ConfigKey, string>> = {};
  const text = (section: string, key: string) => {
    const value = document[section]?.[key];
    return value === undefined || value.trim() === '' ? undefined : value;
  };
  const store = (spec: OptionSpec, key: string, value: string) => {
    const name = `[${spec.file.section}] ${key}`;
    names[spec.key] = name;
    secrets.push(...storeOptionText(spec, value, `${name} in ${path}`, baseDir, values, key));
    if (values.sourceUser !== undefined) names.sourceUser ??= `user info in ${name}`;
    if (values.sourcePassword !== undefined) names.sourcePassword ??= `user info in ${name}`;
  };
  // The source last: user info in its URL fills user/password only where the file sets none.
  const ordered = [...CONFIG_OPTIONS.filter((spec) => spec.key !== 'source'), ...CONFIG_OPTIONS.filter((spec) => spec.key === 'source')];
  for (const spec of ordered) {
    const present = spec.file.keys.filter((key) => text(spec.file.section, key) !== undefined);
    if (present.length > 1) {
      throw new ConfigError(`${path}: [${spec.file.section}] sets both ${present.join(' and ')}; keep one (url for Elasticsearch, file for a dump)`, { file: path, key: spec.key });
    }
    const key = present[0];
    if (key !== undefined) store(spec, key, text(spec.file.section, key) ?? '');
  }
  const freezerPath = text(FILE_OPTIONS.freezerConfig.file.section, FILE_OPTIONS.freezerConfig.file.key);
  return {
    path,
    freezerApiConfig: freezerPath === undefined ? undefined : resolvePath(freezerPath, baseDir),
    layer: { origin: 'es2sql-config', where: (key) => `${names[key] ?? key} in ${path}`, values, sourceBound: false, secrets, notes: [] },
  };
}
