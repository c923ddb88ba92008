import type { ConfigLayer, LayerValues } from './config-layer.ts';
import { CONFIG_OPTIONS, type ConfigKey, type OptionSpec } from './config-options.ts';
import { ConfigError } from './config-error.ts';
import { storeOptionText } from './value-parsers.ts';

/** A flag's type as yargs may deliver it: once, or as an array when repeated. */
export type Repeatable<T> = T | T[];

/**
 * Command-line options as yargs hands them over (camelCase keys; other keys such as `_`, `$0`
 * and the kebab-case duplicates are ignored). A repeated option arrives as an array; its last
 * value wins, except for `configFile`, which may name two files (es2sql's and freezer-api's),
 * and `source`, whose values are joined like a comma-separated list.
 * An empty string counts as not given.
 */
export interface ConfigFlags {
  configFile?: string | string[];
  freezerConfig?: string | string[];
  source?: Repeatable<string>;
  index?: Repeatable<string>;
  sourceUser?: Repeatable<string>;
  sourcePassword?: Repeatable<string>;
  sourceApiKey?: Repeatable<string>;
  sourceCa?: Repeatable<string>;
  sourceVerifyCerts?: Repeatable<boolean | string>;
  target?: Repeatable<string>;
  stateDb?: Repeatable<string>;
  layout?: Repeatable<string>;
  freezerRelease?: Repeatable<string | number>;
  mapping?: Repeatable<string>;
  slices?: Repeatable<number | string>;
  slice?: Repeatable<number | string>;
  batchSize?: Repeatable<number | string>;
  workers?: Repeatable<number | string>;
  defaultProjectId?: Repeatable<string>;
  report?: Repeatable<string>;
  logFormat?: Repeatable<string>;
  quiet?: Repeatable<boolean | string>;
  debug?: Repeatable<boolean | string>;
  [other: string]: unknown;
}

/** The value of a single-valued flag: the last one when repeated, undefined when empty. */
export function lastFlagValue(value: unknown): unknown {
  const last: unknown = Array.isArray(value) ? value.at(-1) : value;
  return last === '' || last === null ? undefined : last;
}

function storeFlag(spec: OptionSpec, value: unknown, cwd: string, values: LayerValues): string[] {
  if (typeof value === 'boolean' && spec.type === 'boolean') {
    (values as Record<string, unknown>)[spec.key] = value;
    return [];
  }
  if (typeof value === 'number' && spec.type === 'integer') {
    if (!Number.isSafeInteger(value)) throw new ConfigError(`${spec.flag} is ${value}, not a whole number; write e.g. 4`, { key: spec.key });
    return storeOptionText(spec, String(value), spec.flag, cwd, values);
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return storeOptionText(spec, String(value), spec.flag, cwd, values);
  throw new ConfigError(`${spec.flag} was given a value of type ${typeof value}; give it text`, { key: spec.key });
}

/**
 * A repeated `--source` lists nodes of one cluster; a file among them (`--source a --source b`)
 * would become the path `a,b`: refused as a usage error instead.
 */
function checkRepeatedSources(given: readonly unknown[]): void {
  const values = given.filter((item) => item !== '' && item !== undefined && item !== null).map(String);
  if (values.length < 2 || values.every((value) => /^https?:\/\//i.test(value))) return;
  throw new ConfigError(`--source is given ${values.length} times (${values.join(', ')}); give one NDJSON file, or http(s) URLs of the nodes of one cluster`, { key: 'source' });
}

/** The command line as the highest precedence layer. */
export function readFlagLayer(flags: ConfigFlags, cwd: string): ConfigLayer {
  const values: LayerValues = {};
  const secrets: string[] = [];
  const names: Partial<Record<ConfigKey, string>> = {};
  const ordered = [...CONFIG_OPTIONS.filter((spec) => spec.key !== 'source'), ...CONFIG_OPTIONS.filter((spec) => spec.key === 'source')];
  for (const spec of ordered) {
    const given = flags[spec.key];
    if (spec.key === 'source' && Array.isArray(given)) checkRepeatedSources(given);
    // Repeating --source lists more nodes of the cluster, like commas do.
    const value = spec.key === 'source' && Array.isArray(given) ? lastFlagValue(given.filter((item) => item !== '').join(',')) : lastFlagValue(given);
    if (value === undefined) continue;
    names[spec.key] = spec.flag;
    secrets.push(...storeFlag(spec, value, cwd, values));
  }
  if (values.sourceUser !== undefined) names.sourceUser ??= 'user info in --source';
  if (values.sourcePassword !== undefined) names.sourcePassword ??= 'user info in --source';
  return { origin: 'flag', where: (key) => names[key] ?? key, values, sourceBound: false, secrets, notes: [] };
}
