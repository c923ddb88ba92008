import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { writeNdjson } from '../helpers/small-freezer-docs.ts';
import { FreezerIndex, TYPES, smallFreezerDocs, type SmallDoc } from './helpers/freezer-index.ts';
import { changedDocument, newDocument, sqlIdOf } from './helpers/freezer-edits.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';
import { documentMap, stateRows } from './helpers/state-tables.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');
const MAJOR = TEST_ES_MAJORS.includes(8) ? 8 : TEST_ES_MAJORS[0]!;

const docs = () => smallFreezerDocs({ clients: 4, actions: 8, sessions: 4, jobs: 6, backups: 12 });
const ofType = (all: readonly SmallDoc[], type: string) => all.filter((d) => d._type === type);

for (const dialect of TEST_DIALECTS) {
  test(`ES ${MAJOR} → ${dialect}: a sync with nothing changed stages no sweep entry and sweeps no partition twice`, async (t) => {
    const all = docs();
    const es = await FreezerIndex.create(esUrl(MAJOR), MAJOR, all);
    const scratch = await createScratchDatabase(dialect, 'staging');
    t.teardown(async () => {
      await es.drop();
      await scratch.drop();
    });
    const source = { url: es.base, index: es.index };
    const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2 });
    t.is(migrated.error, undefined, migrated.error?.message);

    const quiet = await sync({ source, target: scratch.url, slices: 2, sweepPageSize: 5 });
    t.is(quiet.error, undefined, quiet.error?.message);
    t.like(quiet.stats, { swept: all.length, staged: 0, found: 0, done: 0, rows: 0, sweepComplete: true, workRemains: false });
    for (const type of TYPES) t.like(quiet.stats.partitions[type], { staged: 0, fullPass: false, found: 0 }, type);
    t.deepEqual(await stateRows(scratch.url, 'es2sql_sweep'), [], 'the sweep table is left empty');
  });

  test(`ES ${MAJOR} → ${dialect}: a deleted document is found by a full pass of its partition only, and new and changed documents of other partitions are applied in the same sync`, async (t) => {
    const all = docs();
    const es = await FreezerIndex.create(esUrl(MAJOR), MAJOR, all);
    const scratch = await createScratchDatabase(dialect, 'staging');
    const tables = new FreezerTables(scratch.url);
    t.teardown(async () => {
      await tables.close();
      await es.drop();
      await scratch.drop();
    });
    const source = { url: es.base, index: es.index };
    const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2 });
    t.is(migrated.error, undefined, migrated.error?.message);

    const gone = ofType(all, 'backups')[5]!;
    const changed = changedDocument(ofType(all, 'jobs')[2]!, 7);
    const added = newDocument(ofType(all, 'actions')[0]!, 7);
    await es.remove('backups', gone._id);
    await es.put(changed);
    await es.put(added);

    const result = await sync({ source, target: scratch.url, slices: 2, sweepPageSize: 5 });
    t.is(result.error, undefined, result.error?.message);
    t.like(result.stats, { found: 3, done: 3, remaining: 0, workRemains: false, sweepComplete: true });
    const backups = ofType(all, 'backups').length - 1;
    t.like(result.stats.partitions.backups, { swept: backups, staged: backups, fullPass: true, new: 0, changed: 0, deleted: 1, done: 1 }, 'backups: swept again with every id staged');
    t.like(result.stats.partitions.jobs, { staged: 1, fullPass: false, changed: 1, deleted: 0, done: 1 });
    t.like(result.stats.partitions.actions, { staged: 1, fullPass: false, new: 1, deleted: 0, done: 1 });
    for (const type of ['clients', 'sessions']) t.like(result.stats.partitions[type], { staged: 0, fullPass: false, found: 0 }, type);

    const deletedRow = await tables.row('backups', sqlIdOf(gone));
    t.is(Number(deletedRow?.deleted), 1, 'the deleted backup is soft-deleted');
    t.truthy(deletedRow?.deleted_at);
    t.is((await tables.row('jobs', sqlIdOf(changed)))?.description, 'edited 7', 'the changed job is rewritten');
    t.truthy(await tables.row('actions', sqlIdOf(added)), 'the new action is inserted');
    const map = await documentMap(scratch.url, result.stats.pipelineId);
    t.is(map.get(`backups/${gone._id}`), 'deleted');
    t.is(map.get(`actions/${added._id}`), 'loaded');
    t.is([...map.values()].filter((status) => status === 'deleted').length, 1, 'exactly one document is recorded deleted');
    t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(source, dialect, MIGRATION_TIME), 'visible rows equal a fresh migration of ES as it is now');

    const quiet = await sync({ source, target: scratch.url, slices: 2 });
    t.like(quiet.stats, { staged: 0, found: 0, rows: 0, workRemains: false });
  });

  test(`${dialect}: a delete in a dump that repeats another id of the same partition (the live counts match) is still found, by a full pass of that partition`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-sync-staging-'));
    const file = join(dir, 'freezer.ndjson');
    const scratch = await createScratchDatabase(dialect, 'staging');
    const tables = new FreezerTables(scratch.url);
    t.teardown(async () => {
      await tables.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    });
    const all = docs();
    writeNdjson(file, all);
    const source = { file };
    const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME });
    t.is(migrated.error, undefined, migrated.error?.message);

    // One backup goes, another appears twice, pages apart: swept live ids still number as many as
    // the map's live backups, so only noticing the repeat can reveal the delete.
    const backups = ofType(all, 'backups');
    const gone = backups[4]!;
    const repeated = backups[1]!;
    const next = all.filter((d) => d !== gone);
    next.push(repeated);
    writeNdjson(file, next);

    const result = await sync({ source, target: scratch.url, sweepPageSize: 5 });
    t.is(result.error, undefined, result.error?.message);
    t.like(result.stats, { found: 1, done: 1, remaining: 0, workRemains: false });
    t.like(result.stats.partitions.backups, { swept: backups.length, fullPass: true, new: 0, changed: 0, deleted: 1, done: 1 });
    for (const type of ['clients', 'sessions', 'actions', 'jobs']) t.like(result.stats.partitions[type], { staged: 0, fullPass: false, found: 0 }, type);

    const deletedRow = await tables.row('backups', sqlIdOf(gone));
    t.is(Number(deletedRow?.deleted), 1, 'the deleted backup is soft-deleted');
    t.truthy(deletedRow?.deleted_at);
    const repeatedRow = await tables.row('backups', sqlIdOf(repeated));
    t.is(Number(repeatedRow?.deleted), 0, 'the repeated backup stays');
    t.is(repeatedRow?.deleted_at, null);
    const map = await documentMap(scratch.url, result.stats.pipelineId);
    t.is(map.get(`backups/${gone._id}`), 'deleted');
    t.is(map.get(`backups/${repeated._id}`), 'loaded');
    t.is([...map.values()].filter((status) => status === 'deleted').length, 1, 'exactly one document is recorded deleted');
  });
}
