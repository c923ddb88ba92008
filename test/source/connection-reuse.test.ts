import test from 'ava';
import { createServer, connect, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { migrate } from '../../pipeline/run/migrate.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, TEST_OPENSEARCH, esUrl, openSearchUrl } from '../helpers/elasticsearch.ts';
import { seedFreezerIndex } from '../helpers/freezer-seed.ts';

/**
 * A TCP relay in front of a real node: every byte passes unchanged both ways, and it counts the
 * connections the client opens (what Elasticsearch's own `http.total_opened` would count, without
 * the other tests' connections running at the same time).
 */
async function countingRelay(upstream: string): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  const target = new URL(upstream);
  let connections = 0;
  const server: Server = createServer((client) => {
    connections++;
    const node = connect(Number(target.port), target.hostname);
    client.pipe(node).pipe(client);
    const end = () => {
      client.destroy();
      node.destroy();
    };
    client.on('error', end).on('close', end);
    node.on('error', end).on('close', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

// OpenSearch 2.19 answers as Elasticsearch 7 does (a typeless index).
const servers = [...TEST_ES_MAJORS.map((major) => ({ major, name: `ES ${major}`, url: () => esUrl(major) })), ...(TEST_OPENSEARCH ? [{ major: 7, name: 'OpenSearch 2.19', url: openSearchUrl }] : [])];

for (const { major, name, url } of servers) {
  test(`${name}: a migrate reuses its connections: no more than the reads it runs at once, whatever HEAD probes and context deletes it sends`, async (t) => {
    const base = url();
    const seeded = await seedFreezerIndex(base, major, { count: 600, unclassified: 3, shards: 3 });
    const relay = await countingRelay(base);
    const target = await createScratchDatabase('sqlite', 'conn');
    try {
      const result = await migrate({ source: { url: relay.url, index: seeded.index }, target: target.url, workers: 0, slices: 4, batchSize: 50 });
      t.is(result.error, undefined);
      t.is(result.stats.read, seeded.documents.length);
      // Six partitions, up to four slices each with a page read ahead, one after another, and the
      // probes before: at most eight requests at a time. undici closed the socket after every HEAD and
      // every DELETE with a body, some 40 connections for this run.
      t.log(`${relay.connections()} connections for ${result.stats.read} documents`);
      t.true(relay.connections() <= 10, `${relay.connections()} connections`);
    } finally {
      await relay.close();
      await target.drop();
      await seeded.drop();
    }
  });
}
