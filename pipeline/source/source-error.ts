/**
 * Errors of the source layer. Every message is one line: what went wrong, then `; ` and what to do
 * next. Messages, fields and causes never carry credentials: URLs are shown without user info and
 * transport errors are reduced to their message before they become a `cause`.
 *
 * The option names in the advice are the CLI's (`--source`, `--index`, …); they live in
 * {@link SOURCE_OPTION_NAMES} so the CLI can keep them in step.
 */

export const SOURCE_OPTION_NAMES = {
  source: '--source',
  index: '--index',
  credentials: '--source-user/--source-password or --source-api-key',
  ca: '--source-ca',
  slices: '--slices',
} as const;

interface SourceErrorOptions {
  cause?: unknown;
  transient?: boolean;
}

/** Base class: `problem` (what happened) and `hint` (what to do) make up the one-line message. */
export class SourceError extends Error {
  readonly problem: string;
  readonly hint: string;
  /** True when the same request may succeed later (the retry loop repeats it with backoff). */
  readonly transient: boolean;
  /** Retries made before this error was given up on (set by the retry loop). */
  retries = 0;

  constructor(problem: string, hint: string, options: SourceErrorOptions = {}) {
    super(joinMessage(problem, hint), options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.problem = problem;
    this.hint = hint;
    this.transient = options.transient ?? false;
  }

  /** Records that the retry loop gave up after `retries` retries, and says so in the message. */
  gaveUp(retries: number): this {
    this.retries = retries;
    if (retries > 0) this.message = joinMessage(`${this.problem} (gave up after ${retries} ${retries === 1 ? 'retry' : 'retries'})`, this.hint);
    return this;
  }
}

/** The source URL cannot be used (syntax, scheme). */
export class SourceUrlError extends SourceError {
  readonly url: string;
  constructor(url: string, problem: string) {
    super(`invalid Elasticsearch URL "${url}": ${problem}`, `give ${SOURCE_OPTION_NAMES.source} as http(s)://host:port or an NDJSON file path`);
    this.url = url;
  }
}

/** No HTTP answer: connection refused, unknown host, reset, timeout. */
export class SourceUnreachableError extends SourceError {
  readonly display: string;
  readonly reason: string;
  constructor(display: string, reason: string, options: SourceErrorOptions = {}) {
    super(`cannot reach Elasticsearch at ${display}: ${reason}`, `check ${SOURCE_OPTION_NAMES.source} and that the cluster is up`, options);
    this.display = display;
    this.reason = reason;
  }
}

/** The TLS handshake failed (untrusted certificate, wrong scheme, name mismatch). */
export class SourceTlsError extends SourceError {
  readonly display: string;
  readonly reason: string;
  constructor(display: string, reason: string, options: SourceErrorOptions = {}) {
    super(
      `TLS connection to Elasticsearch at ${display} failed: ${reason}`,
      `give the cluster's CA certificate with ${SOURCE_OPTION_NAMES.ca}, or check that the URL's scheme (http/https) is right`,
      options,
    );
    this.display = display;
    this.reason = reason;
  }
}

/** HTTP 401 (credentials missing or wrong) or 403 (credentials fine, privilege missing). */
export class SourceAuthError extends SourceError {
  readonly display: string;
  readonly status: 401 | 403;
  readonly operation: string;
  constructor(display: string, status: 401 | 403, operation: string, credentialsGiven: boolean, index: string | undefined) {
    const problem =
      status === 403
        ? `Elasticsearch at ${display} refused to ${operation} (HTTP 403 Forbidden)`
        : credentialsGiven
          ? `Elasticsearch at ${display} rejected the credentials (HTTP 401 Unauthorized)`
          : `Elasticsearch at ${display} requires authentication (HTTP 401 Unauthorized)`;
    const hint =
      status === 403
        ? `grant the source user the "monitor" cluster privilege and "read" and "view_index_metadata" on ${index === undefined ? 'the index' : `index "${index}"`}`
        : credentialsGiven
          ? `check the user name and password or API key given with ${SOURCE_OPTION_NAMES.credentials}`
          : `give a user name and password or an API key with ${SOURCE_OPTION_NAMES.credentials}`;
    super(problem, hint);
    this.display = display;
    this.status = status;
    this.operation = operation;
  }
}

/** Neither the index, nor per-entity indices, nor a typeless index exist. */
export class SourceIndexNotFoundError extends SourceError {
  readonly display: string;
  readonly index: string;
  readonly existing: string[];
  constructor(display: string, index: string, existing: string[], options: { perEntityChecked?: boolean } = {}) {
    const shown = existing.slice(0, 12).join(', ') + (existing.length > 12 ? `, … (${existing.length} in all)` : '');
    const checked = options.perEntityChecked ? ` (nor ${index}-<entity> or ${index}_<entity>)` : '';
    super(
      `index "${index}" not found on Elasticsearch at ${display}${checked}; ${existing.length === 0 ? 'the cluster has no indices' : `existing indices: ${shown}`}`,
      `pass the right name with ${SOURCE_OPTION_NAMES.index}`,
    );
    this.display = display;
    this.index = index;
    this.existing = existing;
  }
}

/** An HTTP error answer not covered by a more specific class. `transient` for 429/502/503/504. */
export class SourceResponseError extends SourceError {
  readonly display: string;
  readonly status: number;
  readonly operation: string;
  readonly errorType: string | undefined;
  constructor(display: string, status: number, operation: string, errorType: string | undefined, reason: string | undefined, options: SourceErrorOptions = {}) {
    const detail = [errorType, reason].filter(Boolean).join(': ');
    const hint =
      status === 429
        ? `the cluster is overloaded: lower ${SOURCE_OPTION_NAMES.slices} or the page size, or retry later`
        : status >= 500
          ? 'check the cluster health (GET /_cluster/health) and its logs, then retry'
          : 'this is unexpected for this server version; please report it with the server version';
    super(`Elasticsearch at ${display} answered HTTP ${status} to ${operation}${detail ? `: ${oneLine(detail)}` : ''}`, hint, options);
    this.display = display;
    this.status = status;
    this.operation = operation;
    this.errorType = errorType;
  }
}

/** A scroll or point in time is gone on the server (expired, deleted, node restarted). */
export class SourceContextLostError extends SourceError {
  readonly display: string;
  readonly operation: string;
  constructor(display: string, operation: string, reason: string, options: SourceErrorOptions = {}) {
    super(`the search context of ${operation} at ${display} is gone: ${oneLine(reason)}`, 'the reader reopens it from the last cursor', options);
    this.display = display;
    this.operation = operation;
  }
}

/** A page came back with `_shards.failed > 0` or `timed_out`; never taken as complete. */
export class SourceShardFailureError extends SourceError {
  readonly display: string;
  readonly operation: string;
  readonly failed: number;
  readonly total: number;
  readonly reason: string;
  constructor(display: string, operation: string, failed: number, total: number, reason: string) {
    super(
      `Elasticsearch at ${display} returned an incomplete page for ${operation}: ${failed > 0 ? `${failed} of ${total} shards failed (${oneLine(reason)})` : oneLine(reason)}`,
      'check the cluster health (GET /_cluster/health) and its logs, then resume the run',
      { transient: true },
    );
    this.display = display;
    this.operation = operation;
    this.failed = failed;
    this.total = total;
    this.reason = reason;
  }
}

/** The server is not a usable Elasticsearch, or a requested feature is not available on it. */
export class SourceUnsupportedError extends SourceError {
  constructor(problem: string, hint: string) {
    super(problem, hint);
  }
}

/** A cursor that does not belong to this source, partition or slicing. */
export class SourceCursorError extends SourceError {
  readonly cursor: string;
  constructor(problem: string, cursor: unknown) {
    super(`cannot resume: ${problem}`, 'resume with the slice count and source of the run that wrote the checkpoint, or start the partition over');
    this.cursor = safeJson(cursor);
  }
}

/** Wrong arguments to a source method (a programming error in the caller). */
export class SourceUsageError extends SourceError {
  constructor(problem: string) {
    super(problem, 'this is a bug in the caller of the source');
  }
}

/** The NDJSON file cannot be opened or read. */
export class SourceFileError extends SourceError {
  readonly path: string;
  constructor(path: string, reason: string, options: SourceErrorOptions = {}) {
    super(`cannot read NDJSON file ${path}: ${reason}`, `check ${SOURCE_OPTION_NAMES.source}`, options);
    this.path = path;
  }
}

/** One line of the NDJSON file is not an elasticdump document. Resume after it with `resumeCursor`. */
export class SourceLineError extends SourceError {
  readonly path: string;
  /** 1-based line number. */
  readonly line: number;
  /** Byte offset where the line starts. */
  readonly offset: number;
  constructor(path: string, line: number, offset: number, problem: string) {
    super(`malformed NDJSON at ${path} line ${line}: ${oneLine(problem)}`, 'fix or remove that line (elasticdump format: {"_index","_type","_id","_source"} per line)');
    this.path = path;
    this.line = line;
    this.offset = offset;
  }
}

/** Text made safe for a one-line message: whitespace collapsed, length capped. */
export function oneLine(text: string, max = 300): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function joinMessage(problem: string, hint: string): string {
  return hint ? `${problem}; ${hint}` : problem;
}

function safeJson(value: unknown): string {
  try {
    return oneLine(JSON.stringify(value) ?? String(value), 200);
  } catch {
    return String(value);
  }
}
