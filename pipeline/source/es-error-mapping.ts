import { errors } from '@elastic/elasticsearch';
import {
  SourceAuthError,
  SourceContextLostError,
  SourceError,
  SourceResponseError,
  SourceTlsError,
  SourceUnreachableError,
  oneLine,
} from './source-error.ts';

/** What the mapping needs to know about the request that failed. */
export interface FailureContext {
  display: string;
  operation: string;
  /** The server has answered before: a refused connection now is a restart, worth retrying. */
  everAnswered: boolean;
  credentialsGiven: boolean;
  index: string | undefined;
  requestTimeoutMs: number;
}

/** The error part of an Elasticsearch answer, for all versions (1.x sends `error` as a string). */
export interface ErrorDetail {
  type: string | undefined;
  reason: string | undefined;
  /** Every exception type named anywhere in the answer (root causes, shard failures, causes). */
  types: string[];
}

const TRANSIENT_STATUS = new Set([429, 502, 503, 504]);
/** Root causes that make even an HTTP 500 worth retrying (thread pools full, memory breakers). */
const TRANSIENT_TYPES = new Set(['es_rejected_execution_exception', 'circuit_breaking_exception', 'EsRejectedExecutionException']);
const TLS_PROBLEM = /certificate|self[- ]signed|\bSSL\b|\bTLS\b|EPROTO|wrong version number|handshake|ERR_TLS|UNABLE_TO_VERIFY|CERT_|altnames/i;

/** Turns an error of the client's transport into the matching SourceError (or rethrows an abort). */
export function mapTransportError(error: unknown, context: FailureContext, signal?: AbortSignal): SourceError {
  if (signal?.aborted) throw signal.reason;
  if (error instanceof SourceError) return error;
  const cause = plainCause(error);
  if (error instanceof errors.ResponseError) {
    return mapResponse(error.meta.statusCode ?? 0, error.meta.body, context, cause);
  }
  if (error instanceof errors.TimeoutError) {
    const limit = context.requestTimeoutMs < 1000 ? `${context.requestTimeoutMs} ms` : `${Math.round(context.requestTimeoutMs / 1000)} s`;
    return new SourceUnreachableError(context.display, `no answer within ${limit}`, { cause, transient: context.everAnswered });
  }
  if (error instanceof errors.ConnectionError || error instanceof errors.NoLivingConnectionsError) {
    return mapConnectionFailure(error.message, context, cause);
  }
  if (error instanceof errors.DeserializationError) {
    return new SourceResponseError(context.display, 200, context.operation, 'invalid JSON', error.message, { cause });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new SourceError(`request to Elasticsearch at ${context.display} failed (${context.operation}): ${oneLine(message)}`, 'check the source settings', { cause });
}

/** Maps an HTTP error status and body (used for answers the transport was told to ignore, too). */
export function mapResponse(status: number, body: unknown, context: FailureContext, cause?: Error): SourceError {
  const detail = errorDetail(body);
  if (status === 401 || status === 403) {
    return new SourceAuthError(context.display, status, context.operation, context.credentialsGiven, context.index);
  }
  if (isContextMissing(detail)) {
    return new SourceContextLostError(context.display, context.operation, detail.reason ?? 'search context missing', { cause });
  }
  const transient = TRANSIENT_STATUS.has(status) || (status >= 500 && detail.types.length > 0 && detail.types.every((type) => TRANSIENT_TYPES.has(type)));
  return new SourceResponseError(context.display, status, context.operation, detail.type, detail.reason, { cause, transient });
}

export function errorDetail(body: unknown): ErrorDetail {
  if (typeof body === 'string') return { type: undefined, reason: body || undefined, types: [] };
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error === 'string') {
    // ES 1.x: "IndexMissingException[[freezer] missing]"
    const match = /^(\w+)\[/.exec(error);
    return { type: match?.[1], reason: error, types: match?.[1] ? [match[1]] : [] };
  }
  if (typeof error !== 'object' || error === null) return { type: undefined, reason: undefined, types: [] };
  const types: string[] = [];
  collectTypes(error, types, 0);
  const top = error as { type?: unknown; reason?: unknown; root_cause?: Array<{ type?: unknown; reason?: unknown }> };
  const root = top.root_cause?.[0];
  const reason = typeof root?.reason === 'string' && root.reason !== top.reason ? `${String(top.reason ?? '')} (${String(root.type)}: ${root.reason})` : top.reason;
  return { type: typeof top.type === 'string' ? top.type : undefined, reason: typeof reason === 'string' ? reason : undefined, types };
}

export function isContextMissing(detail: ErrorDetail): boolean {
  return detail.types.some((type) => type === 'search_context_missing_exception' || type === 'SearchContextMissingException') ||
    /SearchContextMissingException|No search context found/.test(detail.reason ?? '');
}

function collectTypes(node: unknown, into: string[], depth: number): void {
  if (depth > 6 || typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const item of node) collectTypes(item, into, depth + 1);
    return;
  }
  const record = node as Record<string, unknown>;
  if (typeof record.type === 'string' && !into.includes(record.type)) into.push(record.type);
  for (const key of ['root_cause', 'caused_by', 'failed_shards', 'reason']) collectTypes(record[key], into, depth + 1);
}

function mapConnectionFailure(message: string, context: FailureContext, cause: Error): SourceError {
  const retryIfSeen = { cause, transient: context.everAnswered };
  if (/ECONNREFUSED/.test(message)) return new SourceUnreachableError(context.display, 'connection refused', retryIfSeen);
  if (/ENOTFOUND|EAI_AGAIN|EAI_NONAME|getaddrinfo/.test(message)) return new SourceUnreachableError(context.display, 'host not found', retryIfSeen);
  if (/EHOSTUNREACH|ENETUNREACH/.test(message)) return new SourceUnreachableError(context.display, 'host unreachable', retryIfSeen);
  if (TLS_PROBLEM.test(message)) return new SourceTlsError(context.display, tlsReason(message), { cause });
  const reset = /ECONNRESET|EPIPE|other side closed|socket hang up|closed|terminated/i.test(message);
  return new SourceUnreachableError(context.display, reset ? 'connection reset' : oneLine(message, 160), { cause, transient: true });
}

/** The transport error reduced to name and message: its `meta` holds request headers (credentials). */
function plainCause(error: unknown): Error {
  if (!(error instanceof Error)) return new Error(String(error));
  const plain = new Error(error.message);
  plain.name = error.name;
  return plain;
}

/** The TLS failure itself, without Node's advice about its own flags (the hint gives ours). */
function tlsReason(message: string): string {
  return oneLine(message.split(/;\s*(?:if |try |use )/i)[0] ?? message, 160);
}
