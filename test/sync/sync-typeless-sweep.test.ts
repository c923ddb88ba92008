import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import type { SyncEvent } from '../../pipeline/sync/sync-events.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { FreezerIndex, smallFreezerDocs, type SmallDoc } from './helpers/freezer-index.ts';
import { changedDocument, newDocument } from './helpers/freezer-edits.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');

// On ES 8 the Freezer partitions share one typeless index and the sweep reads that index once,
// placing each id by the document map or, when new or changed, by the partition queries.
const CASES = TEST_ES_MAJORS.includes(8) ? TEST_DIALECTS : [];

for (const dialect of CASES) {
  test(`ES 8 → ${dialect}: one sweep of a typeless index places every id in its partition: a document that turns into another entity moves, deletes and new documents are found, and the rows equal a fresh migration`, async (t) => {
    const base = esUrl(8);
    const docs = smallFreezerDocs({ clients: 4, actions: 8, sessions: 4, jobs: 6, backups: 12 });
    const es = await FreezerIndex.create(base, 8, docs);
    const scratch = await createScratchDatabase(dialect, 'sweep8');
    const tables = new FreezerTables(scratch.url);
    const source = { url: base, index: es.index };
    const of = (type: string) => docs.filter((d) => d._type === type);
    try {
      const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2 });
      t.is(migrated.error, undefined, migrated.error?.message);

      // The session's _id now holds a job (same id, other content: it moves from sessions to jobs),
      // a backup goes, an action is new, a client changes; everything else stays as it was.
      const session = of('sessions')[0]!;
      const job = of('jobs')[0]!;
      const moved: SmallDoc = { ...job, _id: session._id, _source: { ...structuredClone(job._source), job_id: session._id, description: 'was a session' } };
      await es.put(moved);
      const gone = of('backups')[2]!;
      await es.remove('backups', gone._id);
      await es.put(newDocument(of('actions')[0]!, 7));
      await es.put(changedDocument(of('clients')[1]!, 7));

      const events: SyncEvent[] = [];
      const first = await sync({ source, target: scratch.url, slices: 2, onEvent: (e) => events.push(e) });
      t.is(first.error, undefined, first.error?.message);
      t.true(first.stats.sweepComplete);
      t.like(first.stats.partitions.sessions, { new: 0, changed: 0, deleted: 1 });
      t.like(first.stats.partitions.jobs, { new: 1, changed: 0, deleted: 0 });
      t.like(first.stats.partitions.backups, { new: 0, changed: 0, deleted: 1 });
      t.like(first.stats.partitions.actions, { new: 1, changed: 0, deleted: 0 });
      t.like(first.stats.partitions.clients, { new: 0, changed: 1, deleted: 0 });
      const swept = events.flatMap((e) => (e.type === 'sweep-done' && !e.fullPass ? [[e.partition, e.swept] as const] : []));
      t.deepEqual(Object.fromEntries(swept), { clients: 4, sessions: 3, actions: 9, jobs: 7, backups: 11, unclassified: 0 }, 'each id counted in the partition its content puts it in');
      t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(source, dialect, MIGRATION_TIME), 'visible rows equal a fresh migration of ES as it is now');

      // Unchanged since: nothing found, nothing written (one document came, one went).
      const before = await tables.dump();
      const second = await sync({ source, target: scratch.url, slices: 2 });
      t.is(second.error, undefined, second.error?.message);
      t.like(second.stats, { found: 0, rows: 0, workRemains: false, swept: docs.length });
      t.deepEqual(await tables.dump(), before);
    } finally {
      await tables.close();
      await es.drop();
      await scratch.drop();
    }
  });
}
