import { Transport, type TransportOptions } from '@elastic/elasticsearch';

/**
 * The client's transport without what makes it refuse old servers: no product check (ES < 7.14
 * sends no `x-elastic-product` header) and plain `application/json` / `application/x-ndjson`
 * headers instead of `compatible-with=9`, which ES 1.x–7.x reject or misread. Retries are the
 * source's own (see retry-policy.ts), so the transport never repeats a request by itself: a
 * blindly repeated scroll request would skip a page.
 */
export class PlainJsonTransport extends Transport {
  constructor(options: TransportOptions) {
    super({
      ...options,
      productCheck: undefined,
      maxRetries: 0,
      retryOnTimeout: false,
      sniffOnStart: false,
      sniffInterval: false,
      sniffOnConnectionFault: false,
      vendoredHeaders: {
        jsonContentType: 'application/json',
        ndjsonContentType: 'application/x-ndjson',
        accept: 'application/json, text/plain',
      },
    });
  }
}
