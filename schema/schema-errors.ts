import { redactUrl } from './database-url.ts';

/**
 * Base class of every error the schema layer throws. Messages are one line, say what is wrong and
 * what to do next, and never carry a password (URLs are shown through `redactUrl`/`display`).
 */
export class SchemaError extends Error {
  override name = 'SchemaError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(redactUrl(message.replace(/\s*\n\s*/g, ' ')), options);
  }
}

/** `--layout` / `--freezer-release` names something es2sql does not know or cannot create. */
export class UnknownLayoutError extends SchemaError {
  override name = 'UnknownLayoutError';
}

/** The target already holds a schema that the requested layout would have to downgrade or replace. */
export class LayoutConflictError extends SchemaError {
  override name = 'LayoutConflictError';
}

/**
 * The target holds tables named like freezer-api's that freezer-api did not create (no bookkeeping,
 * other columns), or bookkeeping of another application. es2sql changes nothing in such a database.
 */
export class ForeignSchemaError extends SchemaError {
  override name = 'ForeignSchemaError';
  readonly table?: string;

  constructor(message: string, table?: string) {
    super(message);
    this.table = table;
  }
}

/** The bookkeeping names a freezer-api revision es2sql does not know (a newer freezer-api). */
export class UnknownRevisionError extends SchemaError {
  override name = 'UnknownRevisionError';
}

/** The target database cannot be reached or opened (server down, wrong host/port, credentials). */
export class TargetUnreachableError extends SchemaError {
  override name = 'TargetUnreachableError';
}

/** A migration failed; the message names it and says how to resume. */
export class MigrationFailedError extends SchemaError {
  override name = 'MigrationFailedError';
  readonly migrationId: string;

  constructor(migrationId: string, message: string, cause?: unknown) {
    super(message, { cause });
    this.migrationId = migrationId;
  }
}

/** `--phase contract` was asked for while an earlier expand migration is still pending. */
export class PhaseOrderError extends SchemaError {
  override name = 'PhaseOrderError';
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET',
  'ER_ACCESS_DENIED_ERROR', 'ER_BAD_DB_ERROR', 'ER_DBACCESS_DENIED_ERROR', 'PROTOCOL_CONNECTION_LOST',
  '28P01', '28000', '3D000', 'SQLITE_CANTOPEN',
]);

/** SQLite's result code for "unable to open database file". */
const SQLITE_CANTOPEN = 14;

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, errcode } = error as { code?: unknown; errcode?: unknown };
  // node:sqlite gives every error the code ERR_SQLITE_ERROR; the SQLite result code tells them apart.
  if (code === 'ERR_SQLITE_ERROR') return errcode === SQLITE_CANTOPEN ? 'SQLITE_CANTOPEN' : undefined;
  return typeof code === 'string' ? code : undefined;
}

function firstLine(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return firstLine(error.errors[0]);
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.split('\n')[0]?.trim() ?? '';
}

/**
 * Turns a driver error met while first talking to the target into a {@link TargetUnreachableError}
 * when it means "cannot connect/open"; returns the error unchanged otherwise.
 */
export function asUnreachable(error: unknown, display: string): unknown {
  if (error instanceof SchemaError) return error;
  const code = errorCode(error) ?? (error instanceof AggregateError ? errorCode(error.errors[0]) : undefined);
  const text = firstLine(error);
  const looksUnreachable = (code !== undefined && CONNECTION_CODES.has(code))
    || /unable to open database|connect(ion)? (refused|timeout|terminated)|getaddrinfo|timeout exceeded when trying to connect/i.test(text);
  if (!looksUnreachable) return error;
  return new TargetUnreachableError(
    `cannot reach the target database ${display}: ${text || code}. Check host, port, database name and credentials, and that the server is running.`,
    { cause: error },
  );
}
