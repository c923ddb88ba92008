import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An HTTP proxy in front of Elasticsearch that counts the hits its search answers carry. */
export interface CountingProxy {
  url: string;
  /** Hits with `_source` returned by `_search` (and scroll) answers since the last reset. */
  hits(): number;
  reset(): void;
  /**
   * Resolves once no request is in flight: a killed client's searches still run to their end in
   * Elasticsearch, and their hits must be counted before the next client's, not after a reset.
   */
  settled(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Forwards every request to `upstream` unchanged and counts the hits of search answers that carry
 * their `_source`: the documents a client really fetched, including pages it prefetched and never committed. The
 * resume measurement reads its figures here instead of trusting the client's own counters.
 */
export async function startCountingProxy(upstream: string): Promise<CountingProxy> {
  const target = new URL(upstream);
  let hits = 0;
  let inFlight = 0;
  const server: Server = createServer((incoming, outgoing) => {
    const counted = /_search|_scroll/.test(incoming.url ?? '');
    inFlight++;
    let finished = false;
    const finish = () => {
      if (!finished) inFlight--;
      finished = true;
    };
    const forward = request(
      { host: target.hostname, port: target.port, method: incoming.method, path: incoming.url, headers: { ...incoming.headers, host: target.host } },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => {
          if (counted) chunks.push(chunk);
          outgoing.write(chunk);
        });
        answer.on('end', () => {
          if (counted && (answer.statusCode ?? 0) < 300) {
            try {
              // Documents fetched: hits with their _source (a read's probe for its slice's highest _seq_no asks for none).
              const found = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { hits?: { hits?: Array<{ _source?: unknown }> } }).hits?.hits ?? [];
              for (const hit of found) if (hit._source !== undefined) hits++;
            } catch {
              // Not JSON (a compressed answer): the benchmark asks for plain JSON, so this stays 0.
            }
          }
          finish();
          outgoing.end();
        });
        answer.on('error', finish);
      },
    );
    forward.on('error', () => {
      finish();
      outgoing.destroy();
    });
    incoming.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits,
    reset: () => (hits = 0),
    settled: async () => {
      const deadline = Date.now() + 60_000;
      while (inFlight > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
