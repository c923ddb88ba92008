import { isAbsolute, resolve } from 'node:path';
import type { Dialect } from './dialect.ts';

/** A parsed database URL. `display` is safe to print: it never contains the password. */
export interface DatabaseLocation {
  dialect: Dialect;
  display: string;
  /** SQLite file path (absolute) or `:memory:`. */
  path?: string;
  host?: string;
  port?: number;
  user?: string;
  password?: string;
  database?: string;
  /** URL query options (e.g. `charset=utf8`, `sslmode=require`). */
  options: Record<string, string>;
}

/** Raised for URLs es2sql cannot use; the message says what to write instead. */
export class DatabaseUrlError extends Error {
  override name = 'DatabaseUrlError';
}

const EXAMPLES = 'postgres://user@host/db, mysql://user:pass@host/db, mysql+pymysql://…, sqlite:path/to/file.db';

function schemeDialect(scheme: string): Dialect | undefined {
  const base = scheme.split('+')[0];
  if (base === 'postgres' || base === 'postgresql') return 'postgres';
  if (base === 'mysql' || base === 'mariadb') return 'mysql';
  if (base === 'sqlite') return 'sqlite';
  return undefined;
}

/** Removes the password from anything that looks like a URL with credentials. */
export function redactUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:)[^@\s/]*@/gi, '$1***@');
}

function parseSqlite(url: string, cwd: string): DatabaseLocation {
  // Accepted: sqlite:relative.db, sqlite:/abs.db, sqlite:///relative.db (SQLAlchemy),
  // sqlite:////abs.db (SQLAlchemy), sqlite::memory:, sqlite://
  let rest = url.slice(url.indexOf(':') + 1);
  if (rest.startsWith('//')) {
    rest = rest.slice(2);
    if (rest === '') return { dialect: 'sqlite', display: 'sqlite::memory:', path: ':memory:', options: {} };
    if (!rest.startsWith('/')) throw new DatabaseUrlError(`SQLite URL "${url}" names a host; write sqlite:path/to/file.db or sqlite:////absolute/path.db`);
    rest = rest.slice(1); // SQLAlchemy: sqlite:///x.db is relative, sqlite:////x.db absolute
  }
  const [pathPart = '', query = ''] = rest.split('?');
  if (pathPart === '' ) throw new DatabaseUrlError(`SQLite URL "${url}" has no file path; write sqlite:path/to/file.db`);
  const path = pathPart === ':memory:' ? ':memory:' : isAbsolute(pathPart) ? pathPart : resolve(cwd, pathPart);
  return { dialect: 'sqlite', display: `sqlite:${path}`, path, options: Object.fromEntries(new URLSearchParams(query)) };
}

/**
 * Parses a target or state database URL as operators write them, including the SQLAlchemy forms
 * found in freezer-api.conf (`mysql+pymysql://…?charset=utf8`, `sqlite:////var/lib/freezer.db`).
 */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseLocation {
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim());
  const dialect = match?.[1] ? schemeDialect(match[1].toLowerCase()) : undefined;
  if (!match || !dialect) {
    throw new DatabaseUrlError(`"${redactUrl(url)}" is not a database URL es2sql understands; use one of: ${EXAMPLES}`);
  }
  if (dialect === 'sqlite') return parseSqlite(url.trim(), cwd);
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new DatabaseUrlError(`"${redactUrl(url)}" is not a valid URL; use one of: ${EXAMPLES}`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  if (!parsed.hostname) throw new DatabaseUrlError(`database URL "${redactUrl(url)}" has no host; write e.g. ${dialect === 'postgres' ? 'postgres://user@127.0.0.1:5432/freezer' : 'mysql://user:pass@127.0.0.1:3306/freezer'}`);
  if (!database) throw new DatabaseUrlError(`database URL "${redactUrl(url)}" names no database; add it after the host, e.g. …@${parsed.host}/freezer`);
  const user = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const password = parsed.password ? decodeURIComponent(parsed.password) : undefined;
  const options = Object.fromEntries(parsed.searchParams);
  const port = parsed.port ? Number(parsed.port) : undefined;
  const scheme = dialect === 'postgres' ? 'postgres' : 'mysql';
  const display = `${scheme}://${user ? `${encodeURIComponent(user)}${password ? ':***' : ''}@` : ''}${parsed.host}/${database}`;
  return { dialect, display, host: parsed.hostname, port, user, password, database, options };
}
