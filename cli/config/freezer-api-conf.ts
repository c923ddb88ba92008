import { dirname } from 'node:path';
import { ConfigError } from './config-error.ts';
import type { ConfigLayer, LayerValues } from './config-layer.ts';
import type { ConfigKey } from './config-options.ts';
import { parseFreezerHosts, splitOsloList } from './freezer-es-hosts.ts';
import type { IniDocument } from './oslo-ini.ts';
import { substitutedValue } from './oslo-template.ts';
import { passwordForms, urlPasswordCandidates } from './url-userinfo.ts';
import { parseBoolean, resolvePath } from './value-parsers.ts';

/**
 * How a freezer-api.conf keeps its Elasticsearch options:
 * `storage` — releases up to 4.x (Mitaka…Ocata): `[storage] db = elasticsearch`, `hosts`,
 * `endpoint` (older name, wins over `hosts`), `index`, `use_ssl`, `verify_certs`, `ca_certs`;
 * `backend` — 5.0.0 (Pike) and later: `[storage] backend` names the section holding `hosts` (a
 * list), `index`, `use_ssl`, `verify_certs`, `ca_certs` and, from 18.0.0, `http_auth`, while
 * `[storage] driver` picks Elasticsearch or SQL;
 * `none` — the file names no Elasticsearch at all.
 */
export type FreezerConfShape = 'storage' | 'backend' | 'none';

/** What es2sql learned from one freezer-api.conf. */
export interface FreezerApiConf {
  path: string;
  shape: FreezerConfShape;
  /** Section the Elasticsearch options were read from (`storage`, `elasticsearch`, `elasticv2`, …). */
  section: string | undefined;
  /** `[storage] driver` as written, if set. */
  driver: string | undefined;
  /** The file as a precedence layer (origin `freezer-api-config`). */
  layer: ConfigLayer;
}

const DRIVER_HINT = 'elasticsearch, sqlalchemy, or a freezer_api.storage.elastic… / freezer_api.db.elasticsearch… class';

function driverKind(driver: string | undefined, backend: string | undefined): 'es' | 'sql' | 'unknown' {
  // Up to 18.0.0 the driver defaults to Elasticsearch; only the unreleased head defaults to SQL,
  // and there the backend defaults to "sqlalchemy" too.
  if (driver === undefined || driver === '') return backend?.toLowerCase() === 'sqlalchemy' ? 'sql' : 'es';
  if (/sqlalchemy/i.test(driver)) return 'sql';
  if (/^elasticsearch$/i.test(driver) || /^freezer_api\.(storage|db)\.elastic/i.test(driver)) return 'es';
  return 'unknown';
}

function sectionName(name: string): string {
  return name === 'DEFAULT' ? name : name.toLowerCase();
}

function connectionOf(document: IniDocument): { value: string; where: string } | undefined {
  // oslo.db's name, then the names it accepted before 10.0.0 (Xena).
  const candidates: Array<[string, string]> = [['database', 'connection'], ['DEFAULT', 'sql_connection'], ['database', 'sql_connection'], ['sql', 'connection']];
  for (const [section, key] of candidates) {
    const value = substitutedValue(document, section, key)?.trim();
    if (value) return { value, where: `[${section}] ${key}` };
  }
  return undefined;
}

/**
 * Reads a parsed freezer-api.conf the way the freezer-api release that wrote it would, and returns
 * it as a precedence layer. Problems with its Elasticsearch settings do not throw here: they are
 * kept as `layer.sourceProblem` and raised only if the source has to come from this file (an
 * operator may take just the target from it and name the old cluster with --source).
 */
export function readFreezerApiConf(document: IniDocument, path: string): FreezerApiConf {
  const get = (section: string, key: string) => substitutedValue(document, section, key);
  const values: LayerValues = {};
  const secrets: string[] = [];
  const notes: string[] = [];
  const names: Partial<Record<ConfigKey, string>> = {};
  const result: FreezerApiConf = {
    path,
    shape: 'none',
    section: undefined,
    driver: get('storage', 'driver'),
    layer: { origin: 'freezer-api-config', where: (key) => `${names[key] ?? key} in ${path}`, values, sourceBound: true, secrets, notes },
  };

  const connection = connectionOf(document);
  if (connection) {
    values.target = connection.value;
    names.target = connection.where;
    secrets.push(...urlPasswordCandidates(connection.value));
  }

  const readElasticsearch = (section: string, hostsText: string, hostsName: string) => {
    result.section = section;
    const where = (key: string) => `[${section}] ${key} in ${path}`;
    const useSsl = parseBoolean(get(section, 'use_ssl') ?? 'false', where('use_ssl'));
    const items = splitOsloList(hostsText);
    // Collected before parsing, so even hosts that fail to parse cannot leak a password later.
    for (const item of items) secrets.push(...urlPasswordCandidates(item));
    const hosts = parseFreezerHosts(items, useSsl, where(hostsName));
    // http_auth is "user:password", split at the first colon as elasticsearch-py does; user
    // info in a host URL overrides it, as it did in freezer-api's client.
    const auth = get(section, 'http_auth');
    const authColon = auth ? auth.indexOf(':') : -1;
    const httpAuth = auth ? { username: authColon < 0 ? auth : auth.slice(0, authColon), password: authColon < 0 ? undefined : auth.slice(authColon + 1) } : undefined;
    const credentials = hosts.credentials ?? httpAuth;
    secrets.push(...passwordForms(httpAuth?.password));
    values.source = { kind: 'elasticsearch', urls: hosts.urls };
    values.index = get(section, 'index')?.trim() || 'freezer';
    values.sourceUser = credentials?.username || undefined;
    values.sourcePassword = credentials?.password || undefined;
    const caFile = get(section, 'ca_certs')?.trim();
    values.sourceCa = caFile ? resolvePath(caFile, dirname(path)) : undefined;
    values.sourceVerifyCerts = parseBoolean(get(section, 'verify_certs') ?? 'false', where('verify_certs'));
    Object.assign(names, {
      source: `[${section}] ${hostsName}`,
      index: `[${section}] index`,
      sourceUser: hosts.credentials ? `user info in [${section}] ${hostsName}` : `[${section}] http_auth`,
      sourcePassword: hosts.credentials ? `user info in [${section}] ${hostsName}` : `[${section}] http_auth`,
      sourceCa: `[${section}] ca_certs`,
      sourceVerifyCerts: `[${section}] verify_certs`,
    });
  };

  const storage = document['storage'] ?? {};
  const backend = get('storage', 'backend')?.trim();
  const driver = result.driver?.trim();
  try {
    if (backend !== undefined || driver !== undefined) {
      result.shape = 'backend';
      const kind = driverKind(driver, backend);
      if (kind === 'sql') {
        throw new ConfigError(`${path} says freezer-api already keeps its data in SQL ([storage] ${driver ? `driver = ${driver}` : `backend = ${backend}`}), so it names no Elasticsearch cluster to read; pass the old cluster with --source http://host:9200 (the target can still come from its [database] connection)`);
      }
      if (kind === 'unknown') throw new ConfigError(`[storage] driver = ${driver} in ${path} is not a storage driver freezer-api knows (${DRIVER_HINT}); fix the file or pass --source http://host:9200`);
      if (!backend) throw new ConfigError(`[storage] backend is not set in ${path}, so freezer-api has no section to read its Elasticsearch options from; set backend = elasticsearch and add an [elasticsearch] section with hosts, or pass --source http://host:9200`);
      const section = sectionName(backend);
      if (!document[section]) throw new ConfigError(`[storage] backend = ${backend} in ${path} names a section [${backend}] that the file does not have; add it (with hosts = http://host:9200), correct the name, or pass --source http://host:9200`);
      if (storage['hosts'] !== undefined || storage['endpoint'] !== undefined) notes.push(`${path}: ignored [storage] hosts/endpoint: since 5.0.0 freezer-api reads its hosts from [${section}]`);
      const hosts = get(section, 'hosts');
      if (hosts === undefined) notes.push(`${path}: [${section}] sets no hosts; using freezer-api's default http://127.0.0.1:9200`);
      readElasticsearch(section, hosts ?? 'http://127.0.0.1:9200', 'hosts');
    } else if (['db', 'hosts', 'endpoint', 'index'].some((key) => storage[key] !== undefined)) {
      result.shape = 'storage';
      const db = get('storage', 'db')?.trim() || 'elasticsearch';
      if (db.toLowerCase() !== 'elasticsearch') throw new ConfigError(`[storage] db = ${db} in ${path} is not elasticsearch, the only database freezer-api 4.x and older supported; fix the file or pass --source http://host:9200`);
      const endpoint = get('storage', 'endpoint')?.trim();
      readElasticsearch('storage', endpoint || (get('storage', 'hosts') ?? 'http://localhost:9200'), endpoint ? 'endpoint' : 'hosts');
    } else {
      throw new ConfigError(`${path} has no Elasticsearch settings ([storage] sets neither backend nor hosts); pass --source http://host:9200`);
    }
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    result.layer.sourceProblem = new ConfigError(error.message, { key: 'source', file: path });
    for (const key of ['source', 'index', 'sourceUser', 'sourcePassword', 'sourceCa', 'sourceVerifyCerts'] as const) delete values[key];
  }
  return result;
}
