import { UndiciConnection, type ConnectionOptions } from '@elastic/elasticsearch';

/**
 * The client's HTTP connection, keeping its socket after every request. undici closes a connection
 * after a HEAD request, and after any request that sends a body where HTTP does not expect one, as
 * `DELETE /_pit {"id": …}` does (for servers that would misread what follows). Elasticsearch reads
 * both as it should. Closed that way, a migrate opened some 45 connections whatever its size: one
 * per point in time of each slice of each partition, one per index probed with HEAD, each a new TCP
 * (and, over HTTPS, TLS) handshake on both sides. `reset: false` keeps the socket for the next
 * request; a response that breaks the connection still closes it.
 */
export class KeepAliveConnection extends UndiciConnection {
  constructor(options: ConnectionOptions) {
    super(options);
    // The connection calls `pool.request(options)` and awaits its promise (UndiciConnection.request).
    const pool = this.pool;
    const send = pool.request.bind(pool) as (options: object) => unknown;
    pool.request = ((options: object) => send({ ...options, reset: false })) as typeof pool.request;
  }
}
