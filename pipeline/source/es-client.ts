import { Client, errors } from '@elastic/elasticsearch';
import type { SourceStats } from './document-source.ts';
import { mapResponse, mapTransportError, type FailureContext } from './es-error-mapping.ts';
import { KeepAliveConnection } from './es-connection.ts';
import { ExactJsonSerializer } from './es-serializer.ts';
import { PlainJsonTransport } from './es-transport.ts';
import { type RetryInfo, type RetryPolicy, withRetries } from './retry-policy.ts';
import type { SourceAuth } from './source-spec.ts';

/** Connection settings of {@link EsClient}; the URL carries no credentials. */
export interface EsClientOptions {
  url: URL;
  /** The URL as shown in messages (no user info, no query). */
  display: string;
  auth?: SourceAuth | undefined;
  tls?: { ca?: string | undefined; rejectUnauthorized?: boolean | undefined } | undefined;
  requestTimeoutMs: number;
  compression: boolean;
  retry: RetryPolicy;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  /** The index named by the user, for advice in 403 messages. */
  index?: string | undefined;
}

/** One HTTP request to Elasticsearch. */
export interface EsRequest {
  method: 'GET' | 'HEAD' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  querystring?: Record<string, string | number | boolean>;
  /** An object (sent as JSON) or a string (sent as text/plain, e.g. an ES 1.x/2.x scroll id). */
  body?: Record<string, unknown> | string;
  /** What the request is for, in words: `search page of jobs`, `count of clients`, … */
  operation: string;
  /** HTTP statuses returned as answers instead of raised as errors. */
  ignore?: number[];
}

export interface EsAnswer<T> {
  status: number;
  body: T;
}

/**
 * The one HTTP path to Elasticsearch for every server version: the official client's connection
 * pool and keep-alive, a transport without the product check, exact JSON parsing, typed errors,
 * and retries with backoff owned here (the transport's own are off).
 */
export class EsClient {
  readonly display: string;
  readonly retryPolicy: RetryPolicy;
  private readonly client: Client;
  private readonly options: EsClientOptions;
  private readonly counters: SourceStats = { requests: 0, retries: 0, contextReopens: 0, incompletePages: 0 };
  private everAnswered = false;

  constructor(options: EsClientOptions) {
    this.options = options;
    this.display = options.display;
    this.retryPolicy = options.retry;
    this.client = new Client({
      node: { url: options.url },
      auth: options.auth,
      tls: options.tls,
      Transport: PlainJsonTransport,
      Connection: KeepAliveConnection,
      Serializer: ExactJsonSerializer,
      maxRetries: 0,
      requestTimeout: options.requestTimeoutMs,
      compression: options.compression,
      enableMetaHeader: false,
      sniffOnStart: false,
    });
  }

  /** One attempt; HTTP errors and transport failures become SourceErrors (marked transient or not). */
  async send<T>(request: EsRequest, signal?: AbortSignal): Promise<EsAnswer<T>> {
    signal?.throwIfAborted();
    this.counters.requests++;
    try {
      const result = await this.client.transport.request<T>(
        { method: request.method, path: request.path, querystring: request.querystring, body: request.body },
        { meta: true, signal, ignore: request.ignore, requestTimeout: this.options.requestTimeoutMs },
      );
      this.everAnswered = true;
      return { status: result.statusCode, body: result.body };
    } catch (error) {
      if (isHttpAnswer(error)) this.everAnswered = true;
      throw mapTransportError(error, this.failureContext(request.operation), signal);
    }
  }

  /** {@link send} with retries of transient failures; returns the body. */
  async request<T>(request: EsRequest, signal?: AbortSignal): Promise<T> {
    const answer = await this.retrying(request.operation, () => this.send<T>(request, signal), signal);
    return answer.body;
  }

  /** Runs a multi-step attempt (a page request plus its completeness check) with retries. */
  retrying<T>(operation: string, attempt: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    return withRetries(this.retryPolicy, operation, attempt, { onRetry: (info) => this.noteRetry(info), signal });
  }

  /** Counts a retry and reports it to the caller's onRetry. */
  noteRetry(info: RetryInfo): void {
    this.counters.retries++;
    this.options.onRetry?.(info);
  }

  /** Maps an answer that was let through with `ignore` into the error it stands for. */
  errorFor(operation: string, status: number, body: unknown) {
    return mapResponse(status, body, this.failureContext(operation));
  }

  noteContextReopen(): void {
    this.counters.contextReopens++;
  }

  noteIncompletePage(): void {
    this.counters.incompletePages++;
  }

  stats(): SourceStats {
    return { ...this.counters };
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private failureContext(operation: string): FailureContext {
    return {
      display: this.display,
      operation,
      everAnswered: this.everAnswered,
      credentialsGiven: this.options.auth !== undefined,
      index: this.options.index,
      requestTimeoutMs: this.options.requestTimeoutMs,
    };
  }
}

/** An HTTP error answer (the server is up); transport errors carry statusCode 0. */
function isHttpAnswer(error: unknown): boolean {
  return error instanceof errors.ResponseError && (error.meta.statusCode ?? 0) > 0;
}
