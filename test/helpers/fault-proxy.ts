import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

/** What kind of Elasticsearch call a request is, from its method and path. */
export type RequestKind = 'search' | 'scroll' | 'clear-scroll' | 'pit-open' | 'pit-close' | 'count' | 'other';

/** A request as the proxy saw it, handed to the plan before anything is forwarded. */
export interface ProxiedRequest {
  /** 1-based number of the request since the proxy started. */
  number: number;
  method: string;
  /** Path and query, as sent. */
  url: string;
  kind: RequestKind;
  headers: IncomingMessage['headers'];
  body: string;
}

/**
 * What the proxy does with one request:
 * - `forward`: pass it to the real Elasticsearch and its answer back;
 * - `respond`: answer by itself, never reaching Elasticsearch (429, 503, 401, …);
 * - `reset`: close the connection without an answer, before Elasticsearch sees the request;
 * - `reset-after-forward`: let Elasticsearch process it, then close the connection instead of
 *   answering (an answer lost in transit: the server already advanced its scroll);
 * - `rewrite`: forward, then change the answer's text (e.g. inject `_shards.failed`).
 * `before` runs first (e.g. delete the scroll or PIT on the real server behind the reader's back).
 */
export type FaultAction =
  | { do: 'forward'; before?: () => Promise<void> }
  | { do: 'respond'; status: number; body?: unknown; headers?: Record<string, string> }
  | { do: 'reset' }
  | { do: 'reset-after-forward' }
  | { do: 'rewrite'; rewrite: (text: string) => string; before?: () => Promise<void> };

export type FaultPlan = (request: ProxiedRequest) => FaultAction | Promise<FaultAction>;

export interface ProxyLogEntry {
  number: number;
  method: string;
  url: string;
  kind: RequestKind;
  action: FaultAction['do'];
}

/**
 * A small HTTP(S) proxy on 127.0.0.1 in front of a real Elasticsearch, for fault injection in
 * tests. Every request is logged with what was done to it; the plan can be changed at any time.
 */
export class FaultProxy {
  readonly url: string;
  plan: FaultPlan;
  readonly log: ProxyLogEntry[] = [];
  private readonly server: Server;
  private readonly target: URL;
  private readonly sockets = new Set<Socket>();
  private count = 0;

  private constructor(server: Server, url: string, target: URL, plan: FaultPlan) {
    this.server = server;
    this.url = url;
    this.target = target;
    this.plan = plan;
    server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
  }

  /** Starts a proxy to `target`; with `tls`, it speaks HTTPS with that key and certificate. */
  static async start(target: string, plan: FaultPlan = () => ({ do: 'forward' }), tls?: { key: string; cert: string }): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined;
    const handler = (request: IncomingMessage, response: ServerResponse) => {
      proxy!.handle(request, response).catch((error: Error) => {
        if (!response.headersSent) response.writeHead(599, { 'content-type': 'text/plain' });
        response.end(`fault proxy failure: ${error.message}`);
        if (process.env.FAULT_PROXY_DEBUG) console.error("fault proxy", request.method, request.url, error);
      });
    };
    const server = tls === undefined ? createHttpServer({ keepAlive: true }, handler) : createHttpsServer({ ...tls, keepAlive: true }, handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new FaultProxy(server, `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`, new URL(target), plan);
    return proxy;
  }

  /** Entries of the log whose action was not `forward`. */
  injected(): ProxyLogEntry[] {
    return this.log.filter((entry) => entry.action !== 'forward');
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readAll(request);
    const seen: ProxiedRequest = {
      number: ++this.count,
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      kind: kindOf(request.method ?? 'GET', request.url ?? '/'),
      headers: request.headers,
      body: body.toString('utf8'),
    };
    const action = await this.plan(seen);
    this.log.push({ number: seen.number, method: seen.method, url: seen.url, kind: seen.kind, action: action.do });
    switch (action.do) {
      case 'respond': {
        const text = action.body === undefined ? '' : typeof action.body === 'string' ? action.body : JSON.stringify(action.body);
        response.writeHead(action.status, { 'content-type': 'application/json; charset=UTF-8', ...action.headers });
        response.end(text);
        return;
      }
      case 'reset':
        request.socket.destroy();
        return;
      case 'reset-after-forward':
        await this.forward(seen, body);
        request.socket.destroy();
        return;
      case 'forward':
      case 'rewrite': {
        await action.before?.();
        const answer = await this.forward(seen, body);
        const text = action.do === 'rewrite' ? Buffer.from(action.rewrite(answer.body.toString('utf8')), 'utf8') : answer.body;
        const headers = { ...answer.headers };
        delete headers['content-length'];
        delete headers['transfer-encoding'];
        response.writeHead(answer.status, { ...headers, 'content-length': String(text.length) });
        response.end(text);
        return;
      }
    }
  }

  private forward(seen: ProxiedRequest, body: Buffer, retried = false): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
    const headers = { ...seen.headers, host: this.target.host };
    return new Promise((resolve, reject) => {
      const upstream = httpRequest(
        // A fresh upstream connection per request: a kept-alive one the node closed meanwhile would
        // fail the forward with "socket hang up", a fault nobody asked for.
        { host: this.target.hostname, port: this.target.port, method: seen.method, path: seen.url, headers: { ...headers, connection: 'close' }, agent: false },
        (answer) => {
          readAll(answer).then((text) => resolve({ status: answer.statusCode ?? 502, headers: answer.headers, body: text }), reject);
        },
      );
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        // A kept-alive upstream socket the server had already closed: Node's advice is to retry once.
        if (!retried && upstream.reusedSocket && error.code === 'ECONNRESET') this.forward(seen, body, true).then(resolve, reject);
        else reject(error);
      });
      upstream.end(body);
    });
  }
}

function kindOf(method: string, url: string): RequestKind {
  const path = url.split('?')[0] ?? '';
  if (path.endsWith('/_search/scroll') || path.includes('/_search/scroll/')) return method === 'DELETE' ? 'clear-scroll' : 'scroll';
  if (path.endsWith('/_pit')) return method === 'DELETE' ? 'pit-close' : 'pit-open';
  if (path.endsWith('/_search')) return 'search';
  if (path.endsWith('/_count')) return 'count';
  return 'other';
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Rewrites the first `_shards` object of an answer so that `failed` shards failed (hits kept). */
export function injectShardFailure(text: string, failed = 1, reason = 'injected by the test proxy'): string {
  return text.replace(/"_shards":\{[^{}]*\}/, (shards) => {
    const total = Number(/"total":(\d+)/.exec(shards)?.[1] ?? failed);
    return `"_shards":{"total":${total},"successful":${Math.max(0, total - failed)},"skipped":0,"failed":${failed},"failures":[{"shard":0,"index":"injected","node":"proxy","reason":{"type":"node_disconnected_exception","reason":"${reason}"}}]}`;
  });
}

/** An Elasticsearch-style error answer. */
export function esError(status: number, type: string, reason: string): { status: number; body: unknown } {
  return { status, body: { error: { root_cause: [{ type, reason }], type, reason }, status } };
}
