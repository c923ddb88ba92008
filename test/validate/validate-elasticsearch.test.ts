import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { validate } from '../../pipeline/run/validate.ts';
import { freshLayoutSchema, type LayoutChoice } from '../../schema/index.ts';
import { TEST_ES_MAJORS } from '../helpers/elasticsearch.ts';
import { createScratchDatabase } from '../helpers/databases.ts';
import { pointInTimeCounter } from '../helpers/point-in-time-counter.ts';
import { loadCorpus } from '../verify/helpers/es-corpus.ts';
import { checkCases } from './helpers/case-check.ts';
import { databaseFingerprint } from './helpers/database-dump.ts';

const HEAD: LayoutChoice = { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' };

for (const major of TEST_ES_MAJORS) {
  test(`Elasticsearch ${major} → PostgreSQL: validate reads the index like migrate, finds every seeded case and predicts migrate's counts`, async (t) => {
    const corpus = await loadCorpus(major, 1200, 40 + major);
    const scratch = await createScratchDatabase('postgres', `ves${major}`);
    const counter = await pointInTimeCounter(corpus.url);
    try {
      const source = { url: corpus.url, index: corpus.index };
      const before = await databaseFingerprint(scratch.url);
      const result = await validate({ source: { ...source, url: counter.proxy.url }, target: scratch.url, layout: HEAD, slices: 3, batchSize: 200, sampleLimit: 1_000_000 });
      t.is(result.error, undefined, result.error?.message);
      // The first pass and every partition's three slices searched one point in time, closed at the end.
      if (major >= 7) t.deepEqual(counter.counts(), { opened: 1, closed: 1 });
      t.is(await databaseFingerprint(scratch.url), before);
      t.is(result.report.source?.kind, 'elasticsearch');
      t.is(result.report.totals.counted, corpus.documents.length);
      t.is(result.report.totals.read, corpus.documents.length);
      t.deepEqual(checkCases(corpus.documents, result.report, freshLayoutSchema('postgres', 'B', HEAD.revision)).mismatches, []);

      const migrated = await migrate({ source, target: scratch.url, layout: HEAD, slices: 2, batchSize: 300 });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.deepEqual(
        Object.fromEntries(Object.entries(result.report.entities).map(([p, e]) => [p, [e.read, e.wouldMigrate, e.wouldReject]])),
        Object.fromEntries(Object.entries(migrated.stats.partitions).map(([p, s]) => [p, [s.read, s.migrated, s.rejected]])),
      );
    } finally {
      await counter.proxy.close();
      await scratch.drop();
      await corpus.drop();
    }
  });
}
