import { dirname } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { pickDatabase, sqliteFileState, type DatabaseRef, type DriverClues } from './database-ref.ts';
import { errorChain, firstLine } from './error-chain.ts';
import type { Failure } from './failure.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

interface DriverError {
  code: string;
  dialect: 'postgres' | 'mysql' | 'sqlite' | undefined;
  message: string;
  clues: DriverClues;
}

// SQLite primary result codes (node:sqlite reports them, possibly extended, as `errcode`).
const SQLITE_CODES: Record<number, string> = { 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 23: 'SQLITE_AUTH', 26: 'SQLITE_NOTADB', 11: 'SQLITE_CORRUPT' };
const NETWORK = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET']);
const AUTH = new Set(['ER_ACCESS_DENIED_ERROR', '28P01', '28000', 'ER_NOT_SUPPORTED_AUTH_MODE']);
const NO_DATABASE = new Set(['3D000', 'ER_BAD_DB_ERROR']);
const NO_PRIVILEGE = new Set(['42501', 'ER_DBACCESS_DENIED_ERROR', 'ER_TABLEACCESS_DENIED_ERROR', 'ER_COLUMNACCESS_DENIED_ERROR', 'ER_SPECIFIC_ACCESS_DENIED_ERROR']);
const DISK_FULL = new Set(['ENOSPC', 'EDQUOT', 'ER_RECORD_FILE_FULL', 'ER_DISK_FULL', 'ER_OUTOFMEMORY', '53100', 'SQLITE_FULL']);
const READ_ONLY = new Set(['SQLITE_READONLY', 'EROFS', 'EACCES', 'EPERM', '25006', 'ER_OPTION_PREVENTS_STATEMENT']);

function quoted(text: string, pattern: RegExp): string | undefined {
  return pattern.exec(text)?.[1];
}

function driverErrorOf(error: unknown): DriverError | undefined {
  for (const link of errorChain(error)) {
    if (typeof link !== 'object' || link === null) continue;
    const record = link as { code?: unknown; errcode?: unknown; errno?: unknown; address?: unknown; port?: unknown; sqlMessage?: unknown; severity?: unknown; message?: unknown };
    const message = typeof record.sqlMessage === 'string' ? record.sqlMessage : firstLine(link);
    const clues: DriverClues = {};
    if (typeof record.address === 'string') clues.host = record.address;
    if (typeof record.port === 'number') clues.port = record.port;
    const user = quoted(message, /user ["'`]([^"'`]+)["'`]/i);
    if (user) clues.user = user;
    const database = quoted(message, /database ["'`]([^"'`]+)["'`]/i) ?? quoted(message, /Unknown database ["'`]([^"'`]+)["'`]/i);
    if (database) clues.database = database;
    if (typeof record.errcode === 'number') {
      const code = SQLITE_CODES[record.errcode & 0xff];
      if (code) return { code, dialect: 'sqlite', message, clues };
    }
    if (typeof record.code !== 'string') continue;
    const code = record.code;
    const dialect = /^ER_|^PROTOCOL_/.test(code) || typeof record.sqlMessage === 'string' ? 'mysql' : /^[0-9A-Z]{5}$/.test(code) && typeof record.severity === 'string' ? 'postgres' : undefined;
    if (NETWORK.has(code) || AUTH.has(code) || NO_DATABASE.has(code) || NO_PRIVILEGE.has(code) || DISK_FULL.has(code) || READ_ONLY.has(code)) {
      return { code, dialect, message, clues };
    }
  }
  return undefined;
}

function networkReason(code: string, fix: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return `connection refused; check the host and port in ${fix}, and that the server is running`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `host not found; check the host name in ${fix}`;
    case 'ETIMEDOUT':
      return `no answer (timeout); check the host and port in ${fix}, and the firewall`;
    case 'ECONNRESET':
      return 'the server closed the connection; check that it accepts connections from this host';
    default:
      return `host unreachable; check the host in ${fix} and the network`;
  }
}

function describe(driver: DriverError, ref: DatabaseRef): string {
  const l = ref.location;
  const name = `the ${ref.role === 'target' ? 'target' : 'state'} database ${l.display}`;
  const fix = ref.origin;
  const user = driver.clues.user ?? l.user ?? '';
  if (NETWORK.has(driver.code)) return `cannot connect to ${name}: ${networkReason(driver.code, fix)}`;
  if (AUTH.has(driver.code)) {
    return `${name} refused the login${user ? ` of user "${user}"` : ''} (wrong password, or the user may not connect from this host); check the user and password in ${fix}`;
  }
  if (NO_DATABASE.has(driver.code)) {
    const db = driver.clues.database ?? l.database ?? '';
    return `database "${db}" does not exist on ${l.host ?? 'the server'}; create it (CREATE DATABASE ${db}) or fix the name in ${fix}`;
  }
  if (NO_PRIVILEGE.has(driver.code)) {
    return `permission denied in ${name}${user ? ` for user "${user}"` : ''} (${driver.message}); grant that user the right to create and write tables there, or use one that has it (${fix})`;
  }
  if (DISK_FULL.has(driver.code)) {
    return `disk full while writing to ${name}; free space or grow the volume, then rerun the same command: it resumes from the last checkpoint`;
  }
  if (dialectFacts(l.dialect).embedded && l.path) {
    const file = sqliteFileState(l.path);
    if (driver.code === 'SQLITE_CANTOPEN' && !file.directoryExists) {
      return `cannot create the SQLite database ${l.path}: directory ${dirname(l.path)} does not exist; create it (mkdir -p ${dirname(l.path)}) or fix the path in ${fix}`;
    }
    if (driver.code === 'SQLITE_CANTOPEN' || READ_ONLY.has(driver.code)) {
      return `cannot write the SQLite database ${l.path} (permission denied or read-only file system); make the file and its directory writable for this user, or choose another path in ${fix}`;
    }
    if (driver.code === 'SQLITE_NOTADB' || driver.code === 'SQLITE_CORRUPT') return `${l.path} is not a usable SQLite database (${driver.message}); point ${fix} at another file`;
    if (driver.code === 'SQLITE_IOERR') return `I/O error writing the SQLite database ${l.path} (${driver.message}); check the disk, then rerun the same command to resume`;
  }
  if (READ_ONLY.has(driver.code)) return `${name} is read-only (${driver.message}); use a writable database or user (${fix})`;
  return `${name}: ${driver.message}`;
}

/**
 * The failure for a database driver error anywhere in `error`'s cause chain (connection refused,
 * login refused, unknown database, missing privilege, disk full, SQLite file problems), naming the
 * database the way the user configured it and what to do; undefined when it is no such error.
 */
export function databaseFailure(error: unknown, databases: readonly DatabaseRef[]): Failure | undefined {
  const driver = driverErrorOf(error);
  if (!driver) return undefined;
  const ref = pickDatabase(databases, driver.dialect, driver.clues);
  if (!ref) return undefined;
  if (driver.dialect === undefined && !NETWORK.has(driver.code) && !DISK_FULL.has(driver.code) && !dialectFacts(ref.location.dialect).embedded) return undefined;
  return { code: EXIT_CODES.error, message: describe(driver, ref) };
}
