import { isAbsolute, resolve } from 'node:path';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { ConfigError } from './config-error.ts';
import type { LayerValues, SourceValue } from './config-layer.ts';
import type { OptionSpec } from './config-options.ts';
import { SecretRedactor } from './secret-redactor.ts';
import { urlPasswordCandidates, userinfoCredentials, type UserinfoCredentials } from './url-userinfo.ts';

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** Text that may hold an unknown URL password, made safe for a message. */
export function safeForMessage(text: string): string {
  return new SecretRedactor().redact(text);
}

function inlineCommentHint(text: string): string {
  return /\s[#;]/.test(text) ? " (config files take everything after '=' up to the end of the line, so a trailing comment becomes part of the value; move it to its own line)" : '';
}

/** oslo.config's boolean spellings: true/false, yes/no, on/off, 1/0, any case. */
export function parseBoolean(text: string, where: string): boolean {
  const value = text.trim().toLowerCase();
  if (TRUE.has(value)) return true;
  if (FALSE.has(value)) return false;
  throw new ConfigError(`${where} is "${safeForMessage(text)}", not a boolean; write true or false${inlineCommentHint(text)}`);
}

/** A whole number ≥ `min`. */
export function parseInteger(text: string, where: string, min = 0): number {
  const value = text.trim();
  if (!/^[+]?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new ConfigError(`${where} is "${safeForMessage(text)}", not a whole number; write e.g. ${Math.max(min, 4)}${inlineCommentHint(text)}`);
  }
  const number = Number(value);
  if (number < min) throw new ConfigError(`${where} is ${number}, but it must be at least ${min}`);
  return number;
}

export function parseLogFormat(text: string, where: string): 'text' | 'json' {
  const value = text.trim().toLowerCase();
  if (value === 'text' || value === 'json') return value;
  throw new ConfigError(`${where} is "${safeForMessage(text)}", not a log format; write text or json`);
}

/** `--scan`: how much of the source the auto mapping reads to derive its tables. */
export function parseScan(text: string, where: string): 'sample' | 'all' {
  const value = text.trim().toLowerCase();
  if (value === 'sample' || value === 'all') return value;
  throw new ConfigError(`${where} is "${safeForMessage(text)}"; use sample (one page of documents) or all (every document)`);
}

/** An absolute path: relative ones are taken from `baseDir` (the file naming them, or the working directory). */
export function resolvePath(text: string, baseDir: string): string {
  const path = text.trim();
  return isAbsolute(path) ? path : resolve(baseDir, path);
}

/**
 * A SQLite URL with a relative path made absolute against `baseDir` (so a path in a config file is
 * relative to that file); other URLs, and URLs that do not parse, are returned unchanged.
 */
export function absoluteSqliteUrl(url: string, baseDir: string): string {
  if (!/^sqlite(\+[\w]+)?:/i.test(url)) return url;
  try {
    const location = parseDatabaseUrl(url, baseDir);
    const query = new URLSearchParams(location.options).toString();
    return `sqlite:${location.path ?? ''}${query ? `?${query}` : ''}`;
  } catch {
    return url;
  }
}

/** A source as an es2sql layer names it, with the credentials found in its URL(s). */
export interface ParsedSource {
  source: SourceValue;
  credentials?: UserinfoCredentials;
}

function parseEsUrl(item: string, where: string): { url: string; credentials?: UserinfoCredentials } {
  let parsed: URL;
  try {
    parsed = new URL(item);
  } catch {
    throw new ConfigError(`${where}: "${safeForMessage(item)}" is not a URL; write e.g. http://127.0.0.1:9200${inlineCommentHint(item)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`${where}: "${safeForMessage(item)}" is not an http(s) URL; write e.g. http://127.0.0.1:9200`);
  }
  if (parsed.search || parsed.hash) {
    throw new ConfigError(`${where}: "${safeForMessage(item)}" has a query or fragment; give the cluster's base URL, e.g. http://127.0.0.1:9200${inlineCommentHint(item)}`);
  }
  const credentials = parsed.username || parsed.password ? userinfoCredentials(`${parsed.username}:${parsed.password}`, true) : undefined;
  if (credentials && !parsed.password) credentials.password = undefined;
  const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/+$/, '');
  return { url: `${parsed.protocol}//${parsed.host}${path}`, credentials };
}

/**
 * Reads `--source` / `ES2SQL_SOURCE` / `[source] url|file`: a comma-separated list of http(s) URLs
 * (user info becomes credentials and is removed from the URLs), `file:path`, or a path. A bare
 * `host:port` is refused with a hint, since it is far more likely a URL without its scheme than a
 * file name.
 */
export function parseSource(text: string, where: string, baseDir: string, kind: 'any' | 'url' | 'file' = 'any'): ParsedSource {
  const value = text.trim();
  if (!value) throw new ConfigError(`${where} is empty; give an Elasticsearch URL such as http://127.0.0.1:9200 or a dump file`);
  const isUrl = /^https?:\/\//i.test(value);
  if (kind === 'file' || (kind === 'any' && !isUrl)) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/^file:/i.test(value)) {
      throw new ConfigError(`${where}: "${safeForMessage(value)}" is neither an http(s) URL nor a file; write http://… for Elasticsearch or file:path for a dump`);
    }
    if (/^[\w.-]+:\d+$/.test(value) || /^\[[\da-f:.]+\]:\d+$/i.test(value)) {
      throw new ConfigError(`${where}: "${value}" looks like host:port; write http://${value} for an Elasticsearch cluster, or file:${value} if it really is a file`);
    }
    const path = value.replace(/^file:(\/\/(?=\/))?/i, '');
    return { source: { kind: 'file', path: resolvePath(path, baseDir) } };
  }
  const parts = value.split(',').map((item) => item.trim()).filter(Boolean).map((item) => parseEsUrl(item, where));
  const withCredentials = parts.filter((part) => part.credentials);
  const first = withCredentials[0]?.credentials;
  if (withCredentials.some((part) => part.credentials?.username !== first?.username || part.credentials?.password !== first?.password)) {
    throw new ConfigError(`${where}: the URLs carry different credentials; es2sql uses one user for the whole cluster, so give it once with ${'--source-user'} and ${'--source-password'}`);
  }
  return { source: { kind: 'elasticsearch', urls: parts.map((part) => part.url) }, credentials: first };
}

/**
 * Converts one option's text (from the environment or a config file) to its typed value and
 * stores it in `values`; `source` URLs also fill user and password unless set explicitly.
 * Returns the secrets the text held.
 */
export function storeOptionText(spec: OptionSpec, text: string, where: string, baseDir: string, values: LayerValues, fileKey?: string): string[] {
  switch (spec.type) {
    case 'string':
      (values as Record<string, unknown>)[spec.key] = text.trim();
      return [];
    case 'secret':
      // Taken exactly: spaces around a password may belong to it.
      (values as Record<string, unknown>)[spec.key] = text;
      return [text];
    case 'database-url':
      (values as Record<string, unknown>)[spec.key] = absoluteSqliteUrl(text.trim(), baseDir);
      return urlPasswordCandidates(text.trim());
    case 'path':
      (values as Record<string, unknown>)[spec.key] = resolvePath(text, baseDir);
      return [];
    case 'integer':
      (values as Record<string, unknown>)[spec.key] = parseInteger(text, where, spec.min);
      return [];
    case 'boolean':
      (values as Record<string, unknown>)[spec.key] = parseBoolean(text, where);
      return [];
    case 'log-format':
      values.logFormat = parseLogFormat(text, where);
      return [];
    case 'scan':
      values.scan = parseScan(text, where);
      return [];
    case 'source': {
      const parsed = parseSource(text, where, baseDir, fileKey === 'url' ? 'url' : fileKey === 'file' ? 'file' : 'any');
      values.source = parsed.source;
      if (parsed.credentials) {
        values.sourceUser ??= parsed.credentials.username || undefined;
        values.sourcePassword ??= parsed.credentials.password;
      }
      return parsed.credentials?.password ? [parsed.credentials.password] : [];
    }
  }
}
