import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { parseLayoutChoice } from '../../schema/index.ts';
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

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a job entry naming a rejected action is not linked to it (the link would break the foreign key)`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-mf-'));
    const file = join(dir, 'dump.ndjson');
    const rejectedAction = 'a00000000000000000000000000000ff';
    const docs = smallFreezerDocs({ jobs: 1 });
    const user = docs[0]!._source.user_id as string;
    const project = docs[0]!._source.project_id as string;
    // Rejected too_long: backup_name is a VARCHAR(255) column.
    docs.push({ _index: 'freezer', _type: 'actions', _id: rejectedAction, _source: { action_id: rejectedAction, user_id: user, project_id: project, freezer_action: { action: 'backup', mode: 'fs', path_to_backup: '/srv', backup_name: 'x'.repeat(300) } } });
    // An entry without freezer_action.action can only be linked to a stored action that becomes a row.
    docs.push({ _index: 'freezer', _type: 'jobs', _id: 'j00000000000000000000000000000ff', _source: { job_id: 'j00000000000000000000000000000ff', user_id: user, project_id: project, client_id: `${project}_host0.example.org`, description: 'entry without an action name', job_schedule: {}, job_actions: [{ action_id: rejectedAction, freezer_action: { mode: 'fs' } }] } });
    writeNdjson(file, docs);
    const scratch = await createScratchDatabase(dialect, 'mf');
    try {
      const result = await migrate({ source: { file }, target: scratch.url, layout: parseLayoutChoice({ layout: 'b' }) });
      t.is(result.error, undefined, result.error?.message);
      t.is(result.stats.rejected, 1);
      const db = openDatabase(parseDatabaseUrl(scratch.url));
      try {
        const reject = await db.selectFrom('es2sql_rejects').select(['doc_id', 'reason']).execute();
        t.deepEqual(reject, [{ doc_id: rejectedAction, reason: 'too_long' }]);
        const links = await db.selectFrom('job_actions').select('action_id').where('job_id', '=', 'j00000000000000000000000000000ff').execute();
        t.deepEqual(links, []);
        t.is((await db.selectFrom('jobs').select('id').where('id', '=', 'j00000000000000000000000000000ff').execute()).length, 1);
      } finally {
        await db.destroy();
      }
    } finally {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
