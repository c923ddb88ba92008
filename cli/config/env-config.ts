import type { ConfigLayer, LayerValues } from './config-layer.ts';
import { CONFIG_OPTIONS, FILE_OPTIONS, type ConfigKey } from './config-options.ts';
import { storeOptionText } from './value-parsers.ts';
import { BUNDLE_ENV } from '../bin-bundle.ts';
import { V8_DEFAULTS_ENV } from '../heap-settings.ts';

/** Environment variables es2sql reads itself; other `ES2SQL_*` names draw a note (likely typos). */
export const ENV_NAMES: readonly string[] = [...CONFIG_OPTIONS.map((spec) => spec.env), FILE_OPTIONS.configFile.env, FILE_OPTIONS.freezerConfig.env, V8_DEFAULTS_ENV, BUNDLE_ENV];

// The test rig's variables share the prefix; they are not configuration.
const NOT_CONFIG = /^ES2SQL_TEST_/;

/** The value of an environment variable, undefined when unset or empty. */
export function envValue(env: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** `ES2SQL_*` variables as the second precedence layer. Empty variables count as unset. */
export function readEnvLayer(env: Readonly<Record<string, string | undefined>>, cwd: string): ConfigLayer {
  const values: LayerValues = {};
  const secrets: string[] = [];
  const names: Partial<Record<ConfigKey, string>> = {};
  const ordered = [...CONFIG_OPTIONS.filter((spec) => spec.key !== 'source'), ...CONFIG_OPTIONS.filter((spec) => spec.key === 'source')];
  for (const spec of ordered) {
    const value = envValue(env, spec.env);
    if (value === undefined) continue;
    names[spec.key] = spec.env;
    secrets.push(...storeOptionText(spec, value, spec.env, cwd, values));
  }
  if (values.sourceUser !== undefined) names.sourceUser ??= 'user info in ES2SQL_SOURCE';
  if (values.sourcePassword !== undefined) names.sourcePassword ??= 'user info in ES2SQL_SOURCE';
  const notes = Object.keys(env)
    .filter((name) => name.startsWith('ES2SQL_') && !NOT_CONFIG.test(name) && !ENV_NAMES.includes(name))
    .sort()
    .map((name) => `ignored unknown environment variable ${name}`);
  return { origin: 'env', where: (key) => names[key] ?? key, values, sourceBound: false, secrets, notes };
}
