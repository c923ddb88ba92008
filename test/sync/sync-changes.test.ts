import test, { type ExecutionContext } from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { verify } from '../../pipeline/run/verify.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { FreezerIndex, TYPES, smallFreezerDocs, type SmallDoc } from './helpers/freezer-index.ts';
import { changedDocument, newDocument, sqlIdOf } from './helpers/freezer-edits.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';
import { documentMap } from './helpers/state-tables.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');

/** Real Freezer data lives on ES 1 and 2 (every dialect); 6 gets every dialect too, the other servers one each. */
const PAIRS: Array<[number, Dialect]> = ([[1, 'mysql'], [1, 'postgres'], [1, 'sqlite'], [2, 'mysql'], [2, 'postgres'], [2, 'sqlite'], [5, 'sqlite'], [6, 'mysql'], [6, 'postgres'], [6, 'sqlite'], [7, 'mysql'], [8, 'postgres']] as Array<[number, Dialect]>).filter(
  ([major, dialect]) => TEST_ES_MAJORS.includes(major) && TEST_DIALECTS.includes(dialect),
);

/** `es2sql verify` finds nothing missing, extra or different. */
async function assertVerified(t: ExecutionContext, source: { url: string; index: string }, target: string): Promise<void> {
  const verified = await verify({ source, target, slices: 2 });
  t.is(verified.error, undefined, verified.error?.message);
  t.like(verified.report.totals, { missing: 0, extra: 0, different: 0 }, 'verify: zero differences');
  t.true(verified.report.clean);
}

function byType(docs: readonly SmallDoc[], type: string): SmallDoc[] {
  return docs.filter((d) => d._type === type);
}

for (const [major, dialect] of PAIRS) {
  test(`ES ${major} → ${dialect}: inserts, updates and deletes of every entity reach SQL; soft-deleted rows carry deleted_at; a deleted document that comes back is un-deleted; a sync without changes writes nothing`, async (t) => {
    const base = esUrl(major);
    const docs = smallFreezerDocs({ clients: 4, actions: 8, sessions: 4, jobs: 6, backups: 12 });
    const es = await FreezerIndex.create(base, major, docs);
    const scratch = await createScratchDatabase(dialect, `sync${major}`);
    const tables = new FreezerTables(scratch.url);
    const source = { url: base, index: es.index };
    try {
      const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2 });
      t.is(migrated.error, undefined, migrated.error?.message);

      // Round 1: one new, one changed, one deleted document of every entity.
      const deleted = new Map<string, SmallDoc>();
      for (const [n, type] of TYPES.entries()) {
        const ofType = byType(docs, type);
        await es.put(newDocument(ofType[0]!, n));
        await es.put(changedDocument(ofType[1]!, n));
        const gone = ofType[ofType.length - 1]!;
        await es.remove(type, gone._id);
        deleted.set(type, gone);
      }
      const first = await sync({ source, target: scratch.url, slices: 2, batchSize: 3 });
      t.is(first.error, undefined, first.error?.message);
      t.false(first.stats.workRemains);
      t.true(first.stats.sweepComplete);
      for (const type of TYPES) {
        const p = first.stats.partitions[type]!;
        t.like(p, { new: 1, changed: 1, deleted: 1, found: 3, done: 3, remaining: 0, rejected: 0 }, type);
      }
      for (const [type, gone] of deleted) {
        const row = await tables.row(type, sqlIdOf(gone));
        t.is(Number(row?.deleted), 1, `${type} ${gone._id} soft-deleted`);
        t.truthy(row?.deleted_at, `${type} ${gone._id} has deleted_at`);
      }
      const report = await tables.row('action_reports', sqlIdOf(deleted.get('actions')!));
      t.is(Number(report?.deleted), 1, 'the deleted action takes its action_reports row along');
      t.truthy(report?.deleted_at);
      t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(source, dialect, MIGRATION_TIME), 'visible rows equal a fresh migration of ES as it is now');
      await assertVerified(t, source, scratch.url);
      const states = await documentMap(scratch.url, first.stats.pipelineId);
      t.is(states.get(`backups/${deleted.get('backups')!._id}`), 'deleted');

      // Round 2: two deleted documents come back, another backup goes, a changed job changes again.
      const backup = deleted.get('backups')!;
      const session = deleted.get('sessions')!;
      await es.put(backup);
      await es.put(session);
      const otherBackup = byType(docs, 'backups')[3]!;
      await es.remove('backups', otherBackup._id);
      await es.put(changedDocument(byType(docs, 'jobs')[1]!, 99));
      const second = await sync({ source, target: scratch.url, slices: 2 });
      t.is(second.error, undefined, second.error?.message);
      t.like(second.stats.partitions.backups, { new: 1, changed: 0, deleted: 1, done: 2 });
      t.like(second.stats.partitions.sessions, { new: 1, done: 1 });
      t.like(second.stats.partitions.jobs, { changed: 1, done: 1 });
      for (const back of [backup, session]) {
        const row = await tables.row(back._type, back._id);
        t.is(Number(row?.deleted), 0, `${back._type} ${back._id} un-deleted`);
        t.is(row?.deleted_at, null);
      }
      t.truthy((await tables.row('backups', otherBackup._id))?.deleted_at);
      t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(source, dialect, MIGRATION_TIME));
      await assertVerified(t, source, scratch.url);

      // Round 3: nothing changed in ES, nothing is written.
      const before = await tables.dump();
      const stateBefore = await documentMap(scratch.url, first.stats.pipelineId, true);
      const versionsBefore = dialect === 'postgres' ? await tables.rowVersions('backups') : [];
      const third = await sync({ source, target: scratch.url, slices: 2 });
      t.is(third.error, undefined, third.error?.message);
      t.like(third.stats, { found: 0, done: 0, rows: 0, workRemains: false });
      t.is(third.stats.swept, docs.length + 1, "every document in ES was swept (5 new, 5 gone, 2 back, 1 more gone)");
      t.deepEqual(await tables.dump(), before);
      t.deepEqual(await documentMap(scratch.url, first.stats.pipelineId, true), stateBefore, 'no document was re-recorded (synced_at unchanged)');
      if (dialect === 'postgres') t.deepEqual(await tables.rowVersions('backups'), versionsBefore, 'no row was rewritten (xmin unchanged)');
    } finally {
      await tables.close();
      await es.drop();
      await scratch.drop();
    }
  });
}
