import { ConfigError } from './config-error.ts';
import { safeForMessage } from './value-parsers.ts';
import { splitUserinfo, userinfoCredentials, type UserinfoCredentials } from './url-userinfo.ts';

/** freezer-api's Elasticsearch hosts as base URLs, and the credentials found in them. */
export interface FreezerHosts {
  urls: string[];
  credentials: UserinfoCredentials | undefined;
}

/** oslo.config's list type: strip, drop one trailing comma, split on commas, strip each item. */
export function splitOsloList(text: string): string[] {
  return text
    .trim()
    .replace(/,$/, '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function hostUrl(item: string, useSsl: boolean, where: string): { url: string; credentials?: UserinfoCredentials } {
  const { prefix, userinfo, rest } = splitUserinfo(item);
  const scheme = prefix ? prefix.slice(0, -3).toLowerCase() : undefined;
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') {
    throw new ConfigError(`${where}: "${safeForMessage(item)}" is not an http(s) host; write host:9200 or http://host:9200`);
  }
  let parsed: URL;
  try {
    // A scheme without a default port, so an explicit :80 or :443 survives parsing.
    parsed = new URL(`es2sql-host://${rest}`);
    if (!parsed.hostname) throw new TypeError('no host');
  } catch {
    const comment = /\s[#;]/.test(item) ? ' (a trailing comment is part of the value in oslo.config files; move it to its own line)' : '';
    throw new ConfigError(`${where}: "${safeForMessage(item)}" is not a host or URL; write host:9200 or http://host:9200${comment}`);
  }
  const https = scheme === 'https' || useSsl;
  const port = parsed.port || (scheme === 'https' ? '443' : '9200');
  const path = parsed.pathname.replace(/\/+$/, '');
  return {
    url: `${https ? 'https' : 'http'}://${parsed.hostname.toLowerCase()}:${port}${path}`,
    // As freezer-api's client (elasticsearch-py 1.x/2.x) did: user info is split at the last `@`
    // and used as written, without percent-decoding.
    credentials: userinfo === undefined ? undefined : userinfoCredentials(userinfo, false),
  };
}

/**
 * Turns freezer-api's `hosts` items into base URLs the way its Elasticsearch client read them:
 * `host`, `host:port` and `http(s)://[user:pass@]host[:port][/prefix]`; no port means 9200 (443
 * for `https://`); `use_ssl = true` makes every host https. User info moves to `credentials`.
 */
export function parseFreezerHosts(items: readonly string[], useSsl: boolean, where: string): FreezerHosts {
  if (items.length === 0) throw new ConfigError(`${where} is empty; write hosts = http://host:9200`);
  const hosts = items.map((item) => hostUrl(item, useSsl, where));
  const withCredentials = hosts.filter((host) => host.credentials);
  const first = withCredentials[0]?.credentials;
  if (withCredentials.some((host) => host.credentials?.username !== first?.username || host.credentials?.password !== first?.password)) {
    throw new ConfigError(`${where}: the hosts carry different credentials; es2sql uses one user for the cluster: pass --source-user and --source-password`);
  }
  return { urls: hosts.map((host) => host.url), credentials: first };
}
