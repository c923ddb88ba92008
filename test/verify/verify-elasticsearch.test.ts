import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { verify } from '../../pipeline/run/verify.ts';
import type { LayoutChoice } from '../../schema/index.ts';
import { TEST_ES_MAJORS, docPath, esRequest } from '../helpers/elasticsearch.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { settledOpenContexts } from '../helpers/freezer-seed.ts';
import { pointInTimeCounter } from '../helpers/point-in-time-counter.ts';
import { loadCorpus } from './helpers/es-corpus.ts';

const HEAD: LayoutChoice = { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' };

for (const major of TEST_ES_MAJORS) {
  test(`Elasticsearch ${major} → MariaDB: verify is clean after migrate, then sees documents deleted from and added to the index`, async (t) => {
    const corpus = await loadCorpus(major, 1000, 60 + major);
    const scratch = await createScratchDatabase('mysql', `vees${major}`);
    // Migrate and verify go through it (the pipeline is named by the source URL).
    const counter = await pointInTimeCounter(corpus.url);
    try {
      const source = { url: counter.proxy.url, index: corpus.index };
      const migrated = await migrate({ source, target: scratch.url, layout: HEAD, slices: 2 });
      t.is(migrated.error, undefined, migrated.error?.message);
      // The point in time a migrate holds for all its reads is closed when they are done.
      t.is(await settledOpenContexts(corpus.url, corpus.indices), 0, 'no search context left open by migrate');
      const beforeVerify = counter.counts();
      const clean = await verify({ source, target: scratch.url, slices: 3, batchSize: 150 });
      t.is(clean.error, undefined, clean.error?.message);
      // One snapshot of the index for the first pass and every partition's three slices, closed at the end.
      if (major >= 7) t.deepEqual(counter.counts(), { opened: beforeVerify.opened + 1, closed: beforeVerify.closed + 1 });
      if (major >= 7) t.is(clean.report.consistency.source, 'every partition and slice (3 per partition) read through one point in time of the index (one snapshot, taken when the reads began)');
      t.is(await settledOpenContexts(corpus.url, corpus.indices), 0, 'no search context left open by verify');
      t.true(clean.report.clean, JSON.stringify({ different: clean.report.different.slice(0, 3), missing: clean.report.missing.slice(0, 3), extra: clean.report.extra.slice(0, 3) }));
      t.is(clean.report.totals.esCounted, corpus.documents.length);
      t.is(clean.report.totals.esRead, corpus.documents.length);
      t.is(clean.report.totals.matched, migrated.stats.migrated);

      // A session deleted from Elasticsearch is extra in SQL; a new session is missing there.
      const gone = corpus.documents.find((d) => d.entity === 'sessions' && !clean.report.knownRejects.some((r) => r.docId === d.id))!;
      await esRequest(corpus.url, 'DELETE', docPath(major, gone.index, gone.type!, gone.id));
      const added = 'ad000000000000000000000000000001';
      await esRequest(corpus.url, 'PUT', docPath(major, gone.index, 'sessions', added), { session_id: added, user_id: 'u1', project_id: 'p1', session_tag: 0, status: 'active', schedule: {}, jobs: [] });
      await esRequest(corpus.url, 'POST', `/${gone.index}/_refresh`);

      const after = await verify({ source, target: scratch.url });
      t.is(after.error, undefined, after.error?.message);
      t.deepEqual(after.report.extra, [{ entity: 'sessions', sqlId: gone.id }]);
      t.deepEqual(after.report.missing, [{ entity: 'sessions', docId: added, sqlId: added }]);
      t.deepEqual(after.report.different, []);
    } finally {
      await counter.proxy.close();
      await scratch.drop();
      await corpus.drop();
    }
  });
}
