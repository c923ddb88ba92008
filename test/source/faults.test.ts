import test from 'ava';
import { openSource } from '../../pipeline/source/open-source.ts';
import type { RetryInfo } from '../../pipeline/source/retry-policy.ts';
import { SourceShardFailureError } from '../../pipeline/source/source-error.ts';
import type { ReadStrategyName } from '../../pipeline/source/source-spec.ts';
import { TEST_ES_MAJORS, esUrl, readsWithoutContext } from '../helpers/elasticsearch.ts';
import { FaultProxy, esError, injectShardFailure, type ProxiedRequest } from '../helpers/fault-proxy.ts';
import { seedFreezerIndex, settledOpenContexts } from '../helpers/freezer-seed.ts';
import { contextIdOf, deleteContext } from '../helpers/search-context.ts';
import { assertExactlyOnce, readEverything } from '../helpers/source-reading.ts';

/** Requests that fetch a page of hits (opening a scroll, continuing it, a search_after or PIT search; not a point-in-time read's probe for its slice's highest `_seq_no`). */
/** A request for a page of hits: not a point in time's ceiling query (the `max` of `_seq_no`). */
function isPageRequest(request: ProxiedRequest): boolean {
  return (request.kind === 'search' && !request.body.includes('"aggs"')) || request.kind === 'scroll';
}

/** Fast backoff so that the tests spend their time reading, not sleeping. */
const FAST_RETRIES = { retryBaseDelayMs: 5, retryMaxDelayMs: 50 };

function variants(major: number): Array<ReadStrategyName | undefined> {
  return major >= 7 ? [undefined, 'scroll'] : [undefined];
}

for (const major of TEST_ES_MAJORS) {
  test(`ES ${major}: injected 429/502/503/504 answers and connection resets are retried; the read completes with nothing lost or doubled`, async (t) => {
    const base = esUrl(major);
    const seeded = await seedFreezerIndex(base, major, { count: 600, unclassified: 2, shards: 3 });
    let pageRequests = 0;
    const proxy = await FaultProxy.start(base, (request) => {
      if (!isPageRequest(request)) return { do: 'forward' };
      // Every other page request fails: 429, 503, a reset, 502, 504, in turn.
      const n = ++pageRequests;
      if (n % 2 === 0) return { do: 'forward' };
      switch ((n >> 1) % 5) {
        case 0:
          return { do: 'respond', ...esError(429, 'es_rejected_execution_exception', 'rejected execution (queue capacity 1000)') };
        case 1:
          return { do: 'respond', ...esError(503, 'unavailable_shards_exception', 'primary shard is not active') };
        case 2:
          return { do: 'reset' };
        case 3:
          return { do: 'respond', status: 502, body: '<html><body>Bad Gateway</body></html>', headers: { 'content-type': 'text/html' } };
        default:
          return { do: 'respond', status: 504, body: '<html><body>Gateway Time-out</body></html>', headers: { 'content-type': 'text/html' } };
      }
    });
    const retries: RetryInfo[] = [];
    const source = await openSource({ url: proxy.url, index: seeded.index, ...FAST_RETRIES, onRetry: (info) => retries.push(info) });
    try {
      assertExactlyOnce(t, await readEverything(source, 2, 50), seeded.documents);
      const injected = proxy.injected().length;
      t.true(injected >= 10, `faults injected: ${injected}`);
      t.is(source.stats().retries, injected);
      t.is(retries.length, injected);
      t.deepEqual([...new Set(retries.map((info) => info.reason))].sort(), ['HTTP 429', 'HTTP 502', 'HTTP 503', 'HTTP 504', 'connection reset']);
      t.true(retries.every((info) => info.delayMs <= 50 && info.attempt >= 1));
    } finally {
      await source.close();
      await proxy.close();
      await seeded.drop();
    }
  });

  for (const strategy of variants(major)) {
    const label = `ES ${major}${strategy === undefined ? '' : ` (${strategy} forced)`}`;

    test(`${label}: an answer lost after the server processed the page (connection reset) skips nothing`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 400, shards: 2 });
      let pageRequests = 0;
      const proxy = await FaultProxy.start(base, (request) => {
        if (!isPageRequest(request)) return { do: 'forward' };
        return ++pageRequests % 3 === 2 ? { do: 'reset-after-forward' } : { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index, strategy, ...FAST_RETRIES });
      try {
        assertExactlyOnce(t, await readEverything(source, 2, 20), seeded.documents);
        t.true(proxy.injected().length >= 5);
        t.is(source.stats().retries, proxy.injected().length);
        // A lost answer to a request that opened a scroll leaves a context nobody knows the id of;
        // it was opened with a 30 s keep-alive so it goes away soon. Nothing else may stay open.
        const lostOpens = proxy.injected().filter((entry) => entry.kind === 'search' && /[?&]scroll=/.test(entry.url));
        t.true(lostOpens.every((entry) => entry.url.includes('scroll=30s')));
        t.true((await settledOpenContexts(base, seeded.indices)) <= lostOpens.length);
        if ((await source.describe()).strategy !== 'scroll') t.is(lostOpens.length, 0);
      } finally {
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });

    test(`${label}: _shards.failed > 0 or timed_out in an answer is never taken as a complete page; a transient failure is read again`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 300, shards: 3 });
      let pageRequests = 0;
      const proxy = await FaultProxy.start(base, (request) => {
        if (!isPageRequest(request)) return { do: 'forward' };
        const n = ++pageRequests;
        if (n === 2 || n === 5) return { do: 'rewrite', rewrite: (text) => injectShardFailure(text) };
        if (n === 8) return { do: 'rewrite', rewrite: (text) => text.replace('"timed_out":false', '"timed_out":true') };
        return { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index, strategy, ...FAST_RETRIES });
      try {
        // Pages of the rewritten answers carry real hits: taking them would double documents.
        assertExactlyOnce(t, await readEverything(source, 1, 20), seeded.documents);
        t.is(proxy.injected().length, 3);
        t.like(source.stats(), { incompletePages: 3, retries: 3 });
      } finally {
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });

    test(`${label}: shard failures that persist end the read with SourceShardFailureError after the retries, pages before it intact`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 200, shards: 1 });
      let pageRequests = 0;
      const proxy = await FaultProxy.start(base, (request) => {
        if (!isPageRequest(request)) return { do: 'forward' };
        return ++pageRequests >= 3 ? { do: 'rewrite', rewrite: (text) => injectShardFailure(text) } : { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index, strategy, ...FAST_RETRIES, maxRetries: 3 });
      const taken: string[] = [];
      try {
        const error = await t.throwsAsync(
          async () => {
            for await (const page of source.read('jobs', 0, 1, null, { pageSize: 10 })) taken.push(...page.documents.map((document) => document.id));
          },
          { instanceOf: SourceShardFailureError },
        );
        t.is(
          error?.message,
          `Elasticsearch at ${proxy.url} returned an incomplete page for read of jobs: 1 of 1 shards failed (node_disconnected_exception: injected by the test proxy) (gave up after 3 retries); check the cluster health (GET /_cluster/health) and its logs, then resume the run`,
        );
        t.is(taken.length, 20);
        t.is(new Set(taken).size, 20);
        t.is(await settledOpenContexts(base, seeded.indices), 0);
      } finally {
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });
  }

  // ES 5.x and 6.x read with stateless search_after: there is no scroll or PIT to lose.
  if (readsWithoutContext(major)) continue;
  for (const strategy of variants(major)) {
    const label = `ES ${major}${strategy === undefined ? '' : ` (${strategy} forced)`}`;
    test(`${label}: a scroll or point in time deleted on the server mid-run is reopened from the cursor, nothing lost or doubled`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 500, shards: 3 });
      let continuations = 0;
      const proxy = await FaultProxy.start(base, (request) => {
        const contextId = contextIdOf(request);
        if (contextId === undefined) return { do: 'forward' };
        const n = ++continuations;
        // Kill the context this very request is about to use, as an expiry would.
        if (n === 3 || n === 7 || n === 12) return { do: 'forward', before: () => deleteContext(base, major, request.kind, contextId) };
        return { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index, strategy, ...FAST_RETRIES });
      try {
        assertExactlyOnce(t, await readEverything(source, 2, 25), seeded.documents);
        t.is(source.stats().contextReopens, 3);
        t.is(await settledOpenContexts(base, seeded.indices), 0);
      } finally {
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });
  }
}

for (const major of TEST_ES_MAJORS) {
  if (readsWithoutContext(major)) continue;
  for (const strategy of variants(major)) {
    const label = `ES ${major}${strategy === undefined ? '' : ` (${strategy} forced)`}`;
    test(`${label}: a sweep whose context is deleted mid-way: a scroll is reopened, a point in time (index order, no keyset in a new one) stops with an error to rerun sync`, async (t) => {
      const base = esUrl(major);
      const seeded = await seedFreezerIndex(base, major, { count: 300, shards: 3 });
      let continuations = 0;
      const proxy = await FaultProxy.start(base, (request) => {
        const contextId = contextIdOf(request);
        if (contextId === undefined) return { do: 'forward' };
        return ++continuations === 3 ? { do: 'forward', before: () => deleteContext(base, major, request.kind, contextId) } : { do: 'forward' };
      });
      const source = await openSource({ url: proxy.url, index: seeded.index, strategy, ...FAST_RETRIES });
      try {
        const ids: string[] = [];
        const sweepAll = async () => {
          for await (const page of source.sweep('jobs', 0, 1, null, { pageSize: 10 })) ids.push(...page.entries.map((entry) => entry.id));
        };
        const expected = seeded.documents.filter((doc) => doc.partition === 'jobs').map((doc) => doc.id);
        if ((await source.describe()).strategy === 'point-in-time') {
          const error = await t.throwsAsync(sweepAll);
          t.regex(error?.message ?? '', /a sweep cannot continue in index order in a new one; rerun sync/);
          t.true(ids.length > 0 && ids.length < expected.length, `${ids.length} of ${expected.length} ids before the stop`);
        } else {
          await sweepAll();
          t.deepEqual([...ids].sort(), [...expected].sort());
          t.true(source.stats().contextReopens >= 1);
        }
        t.is(await settledOpenContexts(base, seeded.indices), 0);
      } finally {
        await source.close();
        await proxy.close();
        await seeded.drop();
      }
    });
  }
}
