import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: migrate an NDJSON dump into an empty database, then a rerun changes nothing`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-mf-'));
    const file = join(dir, 'dump.ndjson');
    writeNdjson(file, smallFreezerDocs());
    const scratch = await createScratchDatabase(dialect, 'mf');
    try {
      const events: string[] = [];
      const first = await migrate({ source: { file }, target: scratch.url, onEvent: (e) => e.type === 'info' && events.push(e.message) });
      t.is(first.error, undefined, first.error?.message);
      t.is(first.stats.read, 20);
      t.is(first.stats.rejected, 0);
      t.is(first.stats.migrated, 20);
      t.is(first.stats.layout, 'B@23c8ad2655a6');
      const db = openDatabase(parseDatabaseUrl(scratch.url));
      try {
        const count = async (table: string) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
        t.deepEqual(
          { clients: await count('clients'), actions: await count('actions'), action_reports: await count('action_reports'), sessions: await count('sessions'), jobs: await count('jobs'), backups: await count('backups') },
          { clients: 3, actions: 5, action_reports: 5, sessions: 2, jobs: 4, backups: 6 },
        );
        const second = await migrate({ source: { file }, target: scratch.url });
        t.is(second.error, undefined);
        t.true(second.stats.alreadyComplete);
        t.is(await count('backups'), 6);
      } finally {
        await db.destroy();
      }
    } finally {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
