import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { canonicalDump } from '../helpers/canonical-dump.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, bulkIndexAction, deleteIndex, esRequest, esUrl, readsWithoutContext, uniqueIndex } from '../helpers/elasticsearch.ts';
import { FaultProxy } from '../helpers/fault-proxy.ts';
import { contextIdOf, deleteContext } from '../helpers/search-context.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';

const MIGRATION_TIME = new Date('2026-01-01T00:00:00Z');

async function loadIndex(base: string, major: number, index: string): Promise<number> {
  const docs = smallFreezerDocs({ clients: 10, actions: 200, jobs: 300, sessions: 20, backups: 3000 });
  await esRequest(base, 'PUT', `/${index}`, { settings: { number_of_shards: 3, number_of_replicas: 0 } });
  const lines = docs.flatMap((d) => [JSON.stringify(bulkIndexAction(major, index, d._type, d._id)), JSON.stringify(d._source)]);
  const result = await esRequest(base, 'POST', '/_bulk?refresh=true', lines.join('\n') + '\n');
  if (result.errors) throw new Error('bulk load failed');
  return docs.length;
}

// ES 5.x and 6.x read with stateless search_after: no scroll or PIT to expire, only HTTP faults apply.
for (const major of TEST_ES_MAJORS) {
  test(`ES ${major}: 429s, 503s, resets${readsWithoutContext(major) ? '' : ' and expired search contexts'} mid-migration — the target equals a clean run's`, async (t) => {
    const base = esUrl(major);
    const index = uniqueIndex('faults');
    const clean = await createScratchDatabase('sqlite', 'fclean');
    const faulty = await createScratchDatabase('sqlite', 'ffaulty');
    let pages = 0;
    let continuations = 0;
    const proxy = await FaultProxy.start(base, (request) => {
      if (request.kind !== 'search' && request.kind !== 'scroll') return { do: 'forward' };
      const n = ++pages;
      if (n % 7 === 3) return { do: 'respond', status: 429, body: { error: { type: 'es_rejected_execution_exception', reason: 'rejected execution (injected)' }, status: 429 } };
      if (n % 11 === 5) return { do: 'respond', status: 503, body: { error: { type: 'unavailable_shards_exception', reason: 'injected' }, status: 503 } };
      if (n % 13 === 6) return { do: 'reset' };
      const context = contextIdOf(request);
      if (context !== undefined && ++continuations % 9 === 4) return { do: 'forward', before: () => deleteContext(base, major, request.kind, context) };
      return { do: 'forward' };
    });
    try {
      const total = await loadIndex(base, major, index);
      const options = { slices: 3, batchSize: 100, migrationTime: MIGRATION_TIME };
      const reference = await migrate({ ...options, source: { url: base, index }, target: clean.url });
      t.is(reference.error, undefined);
      const result = await migrate({ ...options, source: { url: proxy.url, index, retryBaseDelayMs: 5, retryMaxDelayMs: 50 }, target: faulty.url });
      t.is(result.error, undefined, result.error?.message);
      t.is(result.stats.read, total);
      t.true(result.stats.retries >= 5, `only ${result.stats.retries} retries`);
      if (!readsWithoutContext(major)) t.true(result.stats.reopenedContexts >= 1, 'no search context was reopened');
      t.log(`${proxy.injected().length} faults injected, ${result.stats.retries} retries, ${result.stats.reopenedContexts} contexts reopened`);
      const [expected, actual] = await Promise.all([canonicalDump(clean.url), canonicalDump(faulty.url)]);
      t.deepEqual(actual.rows, expected.rows);
      t.is(actual.sha256, expected.sha256);
    } finally {
      await proxy.close();
      await deleteIndex(base, index);
      await clean.drop();
      await faulty.drop();
    }
  });
}
