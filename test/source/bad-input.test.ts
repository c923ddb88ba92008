import test from 'ava';
import { createServer } from 'node:net';
import { openSource } from '../../pipeline/source/open-source.ts';
import {
  SourceAuthError,
  SourceIndexNotFoundError,
  SourceTlsError,
  SourceUnreachableError,
  SourceUnsupportedError,
  SourceUrlError,
} from '../../pipeline/source/source-error.ts';
import { esUrl } from '../helpers/elasticsearch.ts';
import { FaultProxy, esError } from '../helpers/fault-proxy.ts';
import { seedFreezerIndex } from '../helpers/freezer-seed.ts';
import { makeSelfSignedCert } from '../helpers/self-signed-cert.ts';
import { readEverything } from '../helpers/source-reading.ts';

const SECRET = 'S3cret-Marker-42';
const TEST_MAJOR = 8;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Everything an error could leak through: message, fields, cause. */
function everythingSaidBy(error: unknown): string {
  const parts = [String(error), JSON.stringify(error)];
  const cause = (error as { cause?: unknown }).cause;
  if (cause !== undefined) parts.push(String(cause), JSON.stringify(cause), (cause as Error).stack ?? '');
  return parts.join('\n');
}

test('unreachable port: one-line SourceUnreachableError, at once (no retries before the first answer)', async (t) => {
  const port = await closedPort();
  const started = Date.now();
  const error = await t.throwsAsync(openSource({ url: `http://127.0.0.1:${port}` }), { instanceOf: SourceUnreachableError });
  t.is(error?.message, `cannot reach Elasticsearch at http://127.0.0.1:${port}: connection refused; check --source and that the cluster is up`);
  t.true(Date.now() - started < 3000);
});

test('unknown host: one-line SourceUnreachableError', async (t) => {
  const error = await t.throwsAsync(openSource({ url: 'http://es2sql-no-such-host.invalid:9200' }), { instanceOf: SourceUnreachableError });
  t.is(error?.message, 'cannot reach Elasticsearch at http://es2sql-no-such-host.invalid:9200: host not found; check --source and that the cluster is up');
});

test('a server that never answers: timeout after requestTimeoutMs', async (t) => {
  const proxy = await FaultProxy.start(esUrl(TEST_MAJOR), () => new Promise(() => undefined));
  try {
    const error = await t.throwsAsync(openSource({ url: proxy.url, requestTimeoutMs: 300 }), { instanceOf: SourceUnreachableError });
    t.is(error?.message, `cannot reach Elasticsearch at ${proxy.url}: no answer within 300 ms; check --source and that the cluster is up`);
  } finally {
    await proxy.close();
  }
});

const BAD_URLS: Array<[string, string]> = [
  ['localhost:9200', 'invalid Elasticsearch URL "localhost:9200": missing http:// or https://; give --source as http(s)://host:port or an NDJSON file path'],
  ['ftp://127.0.0.1:9200', 'invalid Elasticsearch URL "ftp://127.0.0.1:9200": unsupported scheme "ftp" (use http or https); give --source as http(s)://host:port or an NDJSON file path'],
  ['http://exa mple:9200', 'invalid Elasticsearch URL "http://exa mple:9200": not a URL; give --source as http(s)://host:port or an NDJSON file path'],
  [`http://admin:${SECRET}@[::1`, 'invalid Elasticsearch URL "http://***@[::1": not a URL; give --source as http(s)://host:port or an NDJSON file path'],
];
for (const [url, message] of BAD_URLS) {
  test(`bad URL ${JSON.stringify(url.replace(SECRET, '…'))}: one-line SourceUrlError without credentials`, async (t) => {
    const error = await t.throwsAsync(openSource({ url }), { instanceOf: SourceUrlError });
    t.is(error?.message, message);
    t.false(everythingSaidBy(error).includes(SECRET));
  });
}

test('unknown index: one-line SourceIndexNotFoundError naming the indices that exist', async (t) => {
  const base = esUrl(TEST_MAJOR);
  const seeded = await seedFreezerIndex(base, TEST_MAJOR, { count: 5, shards: 1 });
  try {
    const error = await t.throwsAsync(openSource({ url: base, index: 'es2sql-missing' }), { instanceOf: SourceIndexNotFoundError });
    const prefix = `index "es2sql-missing" not found on Elasticsearch at ${base} (nor es2sql-missing-<entity> or es2sql-missing_<entity>); existing indices: `;
    t.true(error?.message.startsWith(prefix), error?.message);
    t.true(error?.message.endsWith('; pass the right name with --index'));
    t.false(error?.message.includes('\n'));
    t.true(error?.existing.includes(seeded.index));
  } finally {
    await seeded.drop();
  }
});

/** A proxy that behaves like a secured cluster: 401 unless the expected Authorization header comes. */
async function securedProxy(expected: string): Promise<FaultProxy> {
  return FaultProxy.start(esUrl(TEST_MAJOR), (request) =>
    request.headers.authorization === expected
      ? { do: 'forward' }
      : { do: 'respond', ...esError(401, 'security_exception', 'unable to authenticate user [admin] for REST request [/]'), headers: { 'www-authenticate': 'Basic realm="security" charset="UTF-8"' } },
  );
}

test('wrong credentials (401 from the test proxy, acting as a secured cluster since the test nodes run without security): one-line SourceAuthError, no secret anywhere', async (t) => {
  const proxy = await securedProxy(`Basic ${Buffer.from('admin:right-password').toString('base64')}`);
  try {
    const wrong = await t.throwsAsync(openSource({ url: proxy.url, auth: { username: 'admin', password: SECRET } }), { instanceOf: SourceAuthError });
    t.is(wrong?.message, `Elasticsearch at ${proxy.url} rejected the credentials (HTTP 401 Unauthorized); check the user name and password or API key given with --source-user/--source-password or --source-api-key`);
    t.false(everythingSaidBy(wrong).includes(SECRET));

    const inUrl = await t.throwsAsync(openSource({ url: proxy.url.replace('http://', `http://admin:${SECRET}@`) }), { instanceOf: SourceAuthError });
    t.is(inUrl?.message, wrong?.message);
    t.false(everythingSaidBy(inUrl).includes(SECRET));

    const none = await t.throwsAsync(openSource({ url: proxy.url }), { instanceOf: SourceAuthError });
    t.is(none?.message, `Elasticsearch at ${proxy.url} requires authentication (HTTP 401 Unauthorized); give a user name and password or an API key with --source-user/--source-password or --source-api-key`);
  } finally {
    await proxy.close();
  }
});

test('right credentials (checked by the test proxy): basic auth from the options or the URL, API key as base64 or id:key; display never shows them', async (t) => {
  const base = esUrl(TEST_MAJOR);
  const seeded = await seedFreezerIndex(base, TEST_MAJOR, { count: 20, shards: 1 });
  const basic = await securedProxy(`Basic ${Buffer.from(`admin:${SECRET}`).toString('base64')}`);
  const apiKey = await securedProxy(`ApiKey ${Buffer.from(`key-id:${SECRET}`).toString('base64')}`);
  try {
    for (const spec of [
      { url: basic.url, index: seeded.index, auth: { username: 'admin', password: SECRET } },
      { url: basic.url.replace('http://', `http://admin:${SECRET}@`), index: seeded.index },
      { url: apiKey.url, index: seeded.index, auth: { apiKey: Buffer.from(`key-id:${SECRET}`).toString('base64') } },
      { url: apiKey.url, index: seeded.index, auth: { apiKey: `key-id:${SECRET}` } },
    ]) {
      const source = await openSource(spec);
      try {
        const description = await source.describe();
        t.false(JSON.stringify(description).includes(SECRET));
        t.false(description.display.includes('admin'));
        t.is((await readEverything(source, 1, 50)).length, 20);
      } finally {
        await source.close();
      }
    }
  } finally {
    await basic.close();
    await apiKey.close();
    await seeded.drop();
  }
});

test('missing privilege (403 from the test proxy): one-line SourceAuthError saying which privileges', async (t) => {
  const proxy = await FaultProxy.start(esUrl(TEST_MAJOR), (request) =>
    request.url.includes('_mapping') ? { do: 'respond', ...esError(403, 'security_exception', 'action [indices:admin/mappings/get] is unauthorized for user [reader]') } : { do: 'forward' },
  );
  try {
    const error = await t.throwsAsync(openSource({ url: proxy.url, index: 'freezer', auth: { username: 'reader', password: SECRET } }), { instanceOf: SourceAuthError });
    t.is(error?.message, `Elasticsearch at ${proxy.url} refused to read the mapping of index "freezer" (HTTP 403 Forbidden); grant the source user the "monitor" cluster privilege and "read" and "view_index_metadata" on index "freezer"`);
  } finally {
    await proxy.close();
  }
});

test('TLS: an untrusted certificate is a one-line SourceTlsError; with the CA file the read works', async (t) => {
  const base = esUrl(TEST_MAJOR);
  const cert = makeSelfSignedCert();
  const seeded = await seedFreezerIndex(base, TEST_MAJOR, { count: 10, shards: 1 });
  const proxy = await FaultProxy.start(base, () => ({ do: 'forward' }), { key: cert.key, cert: cert.cert });
  try {
    const error = await t.throwsAsync(openSource({ url: proxy.url, index: seeded.index }), { instanceOf: SourceTlsError });
    t.regex(error?.message ?? '', /^TLS connection to Elasticsearch at https:\/\/127\.0\.0\.1:\d+ failed: [^\n;]*certificate[^\n;]*; give the cluster's CA certificate with --source-ca, or check that the URL's scheme \(http\/https\) is right$/);

    const trusted = await openSource({ url: proxy.url, index: seeded.index, tls: { caFile: cert.certFile } });
    try {
      t.is((await readEverything(trusted, 1, 50)).length, 10);
    } finally {
      await trusted.close();
    }
  } finally {
    await proxy.close();
    await seeded.drop();
    cert.remove();
  }
});

test('a server that is not Elasticsearch: one-line SourceUnsupportedError', async (t) => {
  const proxy = await FaultProxy.start(esUrl(TEST_MAJOR), () => ({ do: 'respond', status: 200, body: { hello: 'world' } }));
  try {
    const error = await t.throwsAsync(openSource({ url: proxy.url }), { instanceOf: SourceUnsupportedError });
    t.is(error?.message, `${proxy.url} does not look like Elasticsearch: GET / returned no version number; check --source points at the cluster's HTTP port (usually 9200)`);
  } finally {
    await proxy.close();
  }
});
