import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { CorpusIndex } from './helpers/corpus-index.ts';

/** Corpus size; ES2SQL_SYNC_BENCH_DOCS overrides the 100 000 the requirement names. */
const DOCS = Number(process.env.ES2SQL_SYNC_BENCH_DOCS ?? 100_000);
const PAIRS: Array<[number, Dialect]> = ([[8, 'postgres'], [2, 'mysql'], [7, 'sqlite']] as Array<[number, Dialect]>).filter(
  ([major, dialect]) => TEST_ES_MAJORS.includes(major) && TEST_DIALECTS.includes(dialect),
);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

for (const [major, dialect] of PAIRS) {
  test.serial(`ES ${major} → ${dialect}, ${DOCS} documents: a sync without changes writes zero rows (full migration and no-change sync times printed for BENCHMARKS.md)`, async (t) => {
    t.timeout(30 * 60_000);
    const base = esUrl(major);
    const corpus = await CorpusIndex.load(base, major, DOCS, { keep: false });
    const scratch = await createScratchDatabase(dialect, 'bench');
    const source = { url: base, index: corpus.index };
    try {
      const migrateStarted = performance.now();
      const migrated = await migrate({ source, target: scratch.url });
      const migrateMs = performance.now() - migrateStarted;
      t.is(migrated.error, undefined, migrated.error?.message);
      t.is(migrated.stats.read, DOCS);

      const synced = await sync({ source, target: scratch.url });
      t.is(synced.error, undefined, synced.error?.message);
      t.like(synced.stats, { swept: DOCS, found: 0, done: 0, rows: 0, workRemains: false });
      const line = `sync benchmark ES ${major} → ${dialect}, ${DOCS} docs: full migrate ${seconds(migrateMs)}; no-change sync ${seconds(synced.stats.elapsedMs)} (sweep ${seconds(synced.stats.sweepMs)}) = ${((100 * synced.stats.elapsedMs) / migrateMs).toFixed(1)}% of the migration; rows written by the sync: ${synced.stats.rows}`;
      t.log(line);
      console.log(line);
    } finally {
      await corpus.drop();
      await scratch.drop();
    }
  });
}
