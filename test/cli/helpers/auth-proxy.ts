import { createServer as createHttpServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

/** Who the proxy lets through: basic-auth users (name → password), API keys (`id:key`), and users refused with 403. */
export interface ProxyAccounts {
  users?: Record<string, string>;
  apiKeys?: string[];
  forbiddenUsers?: Record<string, string>;
}

/** A security layer in front of a real Elasticsearch: TLS (when given a certificate) and authentication. */
export interface AuthProxy {
  url: string;
  port: number;
  /** Authorization headers seen (to check what es2sql sent). */
  authorizations: string[];
  close(): Promise<void>;
}

function refuse(response: ServerResponse, status: 401 | 403): void {
  const reason = status === 401 ? 'unable to authenticate user' : 'action [indices:data/read/search] is unauthorized';
  response.writeHead(status, { 'content-type': 'application/json', ...(status === 401 ? { 'www-authenticate': 'Basic realm="security" charset="UTF-8"' } : {}) });
  response.end(JSON.stringify({ error: { root_cause: [{ type: 'security_exception', reason }], type: 'security_exception', reason }, status }));
}

function verdict(header: string | undefined, accounts: ProxyAccounts): 'ok' | 401 | 403 {
  if (!header) return 401;
  const [scheme = '', token = ''] = header.split(' ');
  const decoded = Buffer.from(token, 'base64').toString('utf8');
  // Like Elasticsearch: the header carries base64(id:key).
  if (scheme.toLowerCase() === 'apikey') return (accounts.apiKeys ?? []).includes(decoded) ? 'ok' : 401;
  if (scheme.toLowerCase() !== 'basic') return 401;
  const colon = decoded.indexOf(':');
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  if (accounts.users?.[user] === password) return 'ok';
  if (accounts.forbiddenUsers?.[user] === password) return 403;
  return 401;
}

/**
 * Starts a reverse proxy on 127.0.0.1 that checks credentials like Elasticsearch's security layer
 * and forwards what passes, without the Authorization header, to the real node at `upstream`.
 * With `tls`, it speaks HTTPS with that certificate.
 */
export async function startAuthProxy(upstream: string, accounts: ProxyAccounts, tls?: { key: string; cert: string }): Promise<AuthProxy> {
  const authorizations: string[] = [];
  const target = new URL(upstream);
  const handler = (incoming: IncomingMessage, response: ServerResponse) => {
    const header = incoming.headers.authorization;
    if (header) authorizations.push(header);
    const result = verdict(header, accounts);
    if (result !== 'ok') {
      incoming.resume();
      refuse(response, result);
      return;
    }
    const headers = { ...incoming.headers, host: target.host };
    delete headers.authorization;
    const forward = request({ hostname: target.hostname, port: target.port, path: incoming.url, method: incoming.method, headers }, (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    });
    forward.on('error', () => response.destroy());
    incoming.pipe(forward);
  };
  const server: Server = tls ? createHttpsServer({ key: tls.key, cert: tls.cert }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    port,
    authorizations,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
