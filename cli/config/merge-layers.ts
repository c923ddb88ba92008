import { SOURCE_BOUND_KEYS, type ConfigLayer, type LayerValues } from './config-layer.ts';
import { CONFIG_OPTIONS, type ConfigKey, type Provenance } from './config-options.ts';
import type { ResolvedConfig } from './resolved-config.ts';
import { SecretRedactor } from './secret-redactor.ts';

/** The defaults layer: values of options that have one (see CONFIG_OPTIONS). */
export function defaultsLayer(): ConfigLayer {
  const values: Record<string, unknown> = {};
  for (const spec of CONFIG_OPTIONS) if (spec.default !== undefined) values[spec.key] = spec.default;
  return { origin: 'default', where: () => 'default', values: values as LayerValues, sourceBound: false, secrets: [], notes: [] };
}

// Forms of credentials that travel in headers and logs besides the values themselves.
function derivedSecrets(username: string | undefined, password: string | undefined, apiKey: string | undefined): string[] {
  const derived: string[] = [];
  if (password) derived.push(Buffer.from(`${username ?? ''}:${password}`).toString('base64'));
  if (apiKey) {
    derived.push(Buffer.from(apiKey).toString('base64'));
    const decoded = /^[A-Za-z0-9+/]+={0,2}$/.test(apiKey) ? Buffer.from(apiKey, 'base64').toString('utf8') : '';
    const plain = /^[\x21-\x7e]+:[\x21-\x7e]+$/.test(decoded) ? decoded : apiKey;
    if (plain.includes(':')) derived.push(plain, plain.slice(plain.indexOf(':') + 1));
  }
  return derived;
}

/**
 * Applies the precedence order: `layers` from highest (flags) to lowest (defaults); the first
 * layer that sets an option wins. Two exceptions: credentials and TLS settings of a
 * `sourceBound` layer (freezer-api.conf) are used only if the source comes from that layer too,
 * and the state database falls back to the target.
 */
export function mergeLayers(layers: readonly ConfigLayer[], context: { cwd: string; files: ResolvedConfig['files'] }): ResolvedConfig {
  const provenance: Partial<Record<ConfigKey, Provenance>> = {};
  const origins: Partial<Record<ConfigKey, string>> = {};
  const notes = layers.flatMap((layer) => layer.notes);
  const sourceLayer = layers.find((layer) => layer.values.source !== undefined || layer.sourceProblem !== undefined);

  const pick = <K extends ConfigKey>(key: K): LayerValues[K] | undefined => {
    for (const layer of layers) {
      const value = layer.values[key];
      if (value === undefined) continue;
      if (layer.sourceBound && SOURCE_BOUND_KEYS.includes(key) && layer !== sourceLayer) {
        if (key !== 'sourceVerifyCerts') notes.push(`not using ${layer.where(key)}: it belongs to that file's own Elasticsearch hosts, and the source comes from ${sourceLayer?.where('source') ?? 'elsewhere'}`);
        continue;
      }
      provenance[key] = layer.origin;
      origins[key] = layer.where(key);
      return value;
    }
    return undefined;
  };

  const resolved: ResolvedConfig = {
    logFormat: pick('logFormat') ?? 'text',
    quiet: pick('quiet') ?? false,
    debug: pick('debug') ?? false,
    cwd: context.cwd,
    files: context.files,
    provenance,
    origins,
    notes,
    secrets: [],
  };

  const source = pick('source');
  if (source?.kind === 'file') {
    resolved.source = { kind: 'file', path: source.path };
    // Looked up only so their provenance shows; checkConfig rejects the ones set on purpose.
    for (const key of ['index', 'sourceUser', 'sourcePassword', 'sourceApiKey', 'sourceCa'] as const) pick(key);
  }
  if (source?.kind === 'elasticsearch') {
    const index = pick('index') ?? 'freezer';
    resolved.source = { kind: 'elasticsearch', urls: source.urls, index, rejectUnauthorized: pick('sourceVerifyCerts') ?? true };
    const optional = { username: pick('sourceUser'), password: pick('sourcePassword'), apiKey: pick('sourceApiKey'), caFile: pick('sourceCa') };
    for (const [name, value] of Object.entries(optional)) if (value !== undefined) Object.assign(resolved.source, { [name]: value });
    if (provenance.sourceVerifyCerts === 'freezer-api-config' && !resolved.source.rejectUnauthorized && source.urls.some((url) => url.startsWith('https:'))) {
      notes.push(`TLS certificates of ${source.urls.join(', ')} are not verified, as freezer-api did not verify them (${origins.sourceVerifyCerts} is false or unset); pass --source-verify-certs to verify them`);
    }
  }
  if (!source && sourceLayer?.sourceProblem) resolved.sourceUnavailable = sourceLayer.sourceProblem.message;

  const target = pick('target');
  if (target !== undefined) resolved.target = target;
  const stateDb = pick('stateDb');
  if (stateDb !== undefined) resolved.stateDb = stateDb;
  else if (target !== undefined) {
    resolved.stateDb = target;
    provenance.stateDb = 'target-fallback';
    origins.stateDb = `${origins.target} (no state database set: es2sql keeps its tables in the target)`;
  }

  const rest = { mapping: pick('mapping'), scan: pick('scan'), layout: pick('layout'), freezerRelease: pick('freezerRelease'), slices: pick('slices'), slice: pick('slice'), batchSize: pick('batchSize'), workers: pick('workers'), defaultProjectId: pick('defaultProjectId'), reportPath: pick('report') };
  for (const [name, value] of Object.entries(rest)) if (value !== undefined) Object.assign(resolved, { [name]: value });

  const es = resolved.source?.kind === 'elasticsearch' ? resolved.source : undefined;
  const redactor = new SecretRedactor([...layers.flatMap((layer) => layer.secrets), ...derivedSecrets(es?.username, es?.password, es?.apiKey)]);
  resolved.secrets = redactor.secrets;
  resolved.notes = [...new Set(notes)].map((note) => redactor.redact(note));
  return resolved;
}
