import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { verify } from '../../pipeline/run/verify.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson, type SmallDoc } from '../helpers/small-freezer-docs.ts';
import { TYPES } from './helpers/freezer-index.ts';
import { changedDocument, newDocument, sqlIdOf } from './helpers/freezer-edits.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: elasticdump files without _version are compared by content hash — the first sync after migrate writes nothing, then edits, deletes and new lines of a newer dump reach SQL and an unchanged dump writes nothing`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-sync-file-'));
    const file = join(dir, 'freezer.ndjson');
    const docs = smallFreezerDocs({ clients: 3, actions: 5, sessions: 3, jobs: 4, backups: 6 });
    writeNdjson(file, docs);
    const scratch = await createScratchDatabase(dialect, 'file');
    const tables = new FreezerTables(scratch.url);
    const source = { file };
    try {
      const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME });
      t.is(migrated.error, undefined, migrated.error?.message);

      const first = await sync({ source, target: scratch.url });
      t.is(first.error, undefined, first.error?.message);
      t.like(first.stats, { found: 0, done: 0, rows: 0, workRemains: false }, 'migrate recorded the content hashes: the unchanged dump changes nothing');
      const second = await sync({ source, target: scratch.url });
      t.like(second.stats, { found: 0, done: 0, rows: 0 });

      const next: SmallDoc[] = [];
      const gone: SmallDoc[] = [];
      for (const [n, type] of TYPES.entries()) {
        const ofType = docs.filter((d) => d._type === type);
        next.push(changedDocument(ofType[0]!, n), ...ofType.slice(1, -1), newDocument(ofType[0]!, n));
        gone.push(ofType[ofType.length - 1]!);
      }
      writeNdjson(file, next);
      const third = await sync({ source, target: scratch.url });
      t.is(third.error, undefined, third.error?.message);
      for (const type of TYPES) t.like(third.stats.partitions[type], { new: 1, changed: 1, deleted: 1, done: 3 }, type);
      for (const doc of gone) t.truthy((await tables.row(doc._type, sqlIdOf(doc)))?.deleted_at, `${doc._type} ${doc._id} soft-deleted`);
      t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(source, dialect, MIGRATION_TIME));
      const verified = await verify({ source, target: scratch.url });
      t.like(verified.report.totals, { missing: 0, extra: 0, different: 0 });

      const fourth = await sync({ source, target: scratch.url });
      t.like(fourth.stats, { found: 0, done: 0, rows: 0, workRemains: false });
    } finally {
      await tables.close();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
