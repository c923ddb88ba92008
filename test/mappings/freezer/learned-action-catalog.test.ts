import test from 'ava';
import { migrate } from '../../../pipeline/run/migrate.ts';
import { parseLayoutChoice } from '../../../schema/index.ts';
import { canonicalDump, tableCount } from '../../helpers/canonical-dump.ts';
import { loadCorpusIndex, type CorpusIndex } from '../../helpers/corpus-index.ts';
import { createScratchDatabase } from '../../helpers/databases.ts';
import { TEST_ES_MAJORS, deleteIndex, esUrl } from '../../helpers/elasticsearch.ts';
import { FaultProxy } from '../../helpers/fault-proxy.ts';

const MIGRATION_TIME = new Date('2026-01-01T00:00:00Z');
// The oldest and the newest server: a multi-type index read by scroll, a typeless one by point in time.
const MAJORS = [...new Set([TEST_ES_MAJORS[0]!, TEST_ES_MAJORS[TEST_ES_MAJORS.length - 1]!])];

/**
 * A proxy in front of Elasticsearch that counts the documents (hits with `_source`) its search and
 * scroll answers carry, and the points in time opened and closed.
 */
async function hitCounter(major: number): Promise<{ proxy: FaultProxy; hits: () => number; pits: () => { opened: number; closed: number } }> {
  let hits = 0;
  const pits = { opened: 0, closed: 0 };
  const proxy = await FaultProxy.start(esUrl(major), (request) => {
    if (request.kind === 'pit-open') pits.opened++;
    if (request.kind === 'pit-close') pits.closed++;
    return request.kind === 'search' || request.kind === 'scroll'
      ? {
          do: 'rewrite',
          rewrite: (text) => {
            // Documents, not the `_source`-less probes that find where a slice ends.
            const answer = JSON.parse(text) as { hits?: { hits?: { _source?: unknown }[] } };
            hits += (answer.hits?.hits ?? []).filter((hit) => hit._source !== undefined).length;
            return text;
          },
        }
      : { do: 'forward' };
  });
  return { proxy, hits: () => hits, pits: () => ({ ...pits }) };
}

// A fresh migrate on one thread maps every action before any job, so it learns the action catalog
// as it maps the actions instead of reading them in a first pass; a run with worker threads (or a
// resumed one) still reads them first. Both must write the same rows.
for (const major of MAJORS) {
  let corpus: CorpusIndex;
  test.before(async () => {
    corpus = await loadCorpusIndex(esUrl(major), 3000, 23, `learned${major}`);
  });
  test.after.always(async () => {
    if (corpus) await deleteIndex(esUrl(major), corpus.index);
  });

  test(`ES ${major}: a fresh migrate reads each action once and links the same job actions as a run with a first pass`, async (t) => {
    const learned = await createScratchDatabase('sqlite', `learned${major}`);
    const firstPass = await createScratchDatabase('sqlite', `firstpass${major}`);
    const counter = await hitCounter(major);
    try {
      const common = { source: { url: counter.proxy.url, index: corpus.index }, layout: parseLayoutChoice({ layout: 'b' })!, slices: 2, batchSize: 200, migrationTime: MIGRATION_TIME };
      const one = await migrate({ ...common, target: learned.url, workers: 0 });
      const readByOne = counter.hits();
      const pitsOfOne = counter.pits();
      const two = await migrate({ ...common, target: firstPass.url, workers: 1 });
      const readByTwo = counter.hits() - readByOne;
      const pitsOfTwo = { opened: counter.pits().opened - pitsOfOne.opened, closed: counter.pits().closed - pitsOfOne.closed };
      if (major >= 7) {
        // Every read of a run searches the one point in time its thread holds, closed when the run ends.
        t.deepEqual(pitsOfOne, { opened: 1, closed: 1 }, 'one thread: one point in time for the first pass and all partitions');
        t.deepEqual(pitsOfTwo, { opened: 2, closed: 2 }, "a worker thread: the main thread's for the first pass, the worker's for all partitions");
      }
      t.is(one.error, undefined, one.error?.message);
      t.is(two.error, undefined, two.error?.message);
      const clients = one.stats.partitions.clients!.total;
      const actions = one.stats.partitions.actions!.total;
      t.true(actions > 300, `${actions} action documents`);
      t.is(one.stats.read, corpus.total);
      // The first pass still reads the clients (a client's registrations decide its own row).
      t.is(readByOne, corpus.total + clients, 'documents fetched by the run that learns the catalog');
      t.is(readByTwo, corpus.total + clients + actions, 'documents fetched by the run with worker threads');
      t.deepEqual(two.stats.partitions, one.stats.partitions);
      const linked = await tableCount(learned.url, 'job_actions');
      t.true(linked > 100, `${linked} job_actions rows`);
      const [expected, actual] = await Promise.all([canonicalDump(firstPass.url), canonicalDump(learned.url)]);
      t.deepEqual(actual.rows, expected.rows);
      t.is(actual.sha256, expected.sha256);
    } finally {
      await counter.proxy.close();
      await learned.drop();
      await firstPass.drop();
    }
  });
}
