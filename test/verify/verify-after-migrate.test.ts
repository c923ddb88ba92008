import test from 'ava';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate } from '../../pipeline/run/migrate.ts';
import { verify, verifyExitCode } from '../../pipeline/run/verify.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { InvalidOptionsError } from '../../pipeline/validate/invalid-options-error.ts';
import { openDatabase, type AnyKysely } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { LayoutChoice } from '../../schema/index.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { corpusFile, type CorpusFile } from '../validate/helpers/corpus-file.ts';
import { databaseFingerprint } from '../validate/helpers/database-dump.ts';

const LAYOUTS: LayoutChoice[] = [
  { layout: 'A', revision: '3', label: '--layout a' },
  { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' },
];

let corpus: CorpusFile;
test.before(async () => {
  corpus = await corpusFile({ docs: 1200, seed: 17 });
});
test.after.always(() => corpus?.remove());

async function firstIds(db: AnyKysely, table: string, count: number, where?: (q: any) => any): Promise<string[]> {
  let query = db.selectFrom(table).select('id').where('deleted', '=', false).orderBy('id').limit(count);
  if (where) query = where(query);
  return (await query.execute()).map((r) => String(r.id));
}

async function docIdOf(db: AnyKysely, partition: string, sqlId: string): Promise<string> {
  const row = await db.selectFrom('es2sql_documents').select('doc_id').where('source_partition', '=', partition).where('sql_id', '=', sqlId).where('status', '=', 'loaded').executeTakeFirstOrThrow();
  return String(row.doc_id);
}

for (const dialect of TEST_DIALECTS) {
  for (const layout of LAYOUTS) {
    test(`${dialect} ${layout.layout}@${layout.revision}: verify is clean after migrate, then reports exactly the rows altered, deleted and added in SQL`, async (t) => {
      const scratch = await createScratchDatabase(dialect, 'ver');
      const db = openDatabase(parseDatabaseUrl(scratch.url));
      try {
        const source = { file: corpus.file };
        const migrated = await migrate({ source, target: scratch.url, layout });
        t.is(migrated.error, undefined, migrated.error?.message);

        const before = await databaseFingerprint(scratch.url);
        const clean = await verify({ source, target: scratch.url, slices: 2, reportPath: join(corpus.dir, `verify-${dialect}-${layout.layout}.html`) });
        t.is(clean.error, undefined, clean.error?.message);
        t.is(await databaseFingerprint(scratch.url), before, 'verify changed the target');
        t.true(clean.report.clean);
        t.is(verifyExitCode(clean), EXIT_CODES.ok);
        t.is(clean.report.idMap, 'state');
        const totals = clean.report.totals;
        t.deepEqual(
          { read: totals.esRead, expected: totals.expected, matched: totals.matched, knownRejects: totals.knownRejects, missing: totals.missing, extra: totals.extra, different: totals.different },
          { read: migrated.stats.read, expected: migrated.stats.migrated, matched: migrated.stats.migrated, knownRejects: migrated.stats.rejected, missing: 0, extra: 0, different: 0 },
        );
        t.true(clean.report.knownRejects.every((r) => r.source === 'state'));
        t.true(existsSync(clean.files!.html));

        // Alter one field of a row of every entity, delete two rows, hide one, add one.
        const linked = layout.layout === 'B' ? (q: any) => q.where('id', 'not in', db.selectFrom('job_actions').select('action_id')) : undefined;
        const [session, deletedSession] = await firstIds(db, 'sessions', 2);
        const [backup, deletedBackup] = await firstIds(db, 'backups', 2);
        const [job] = await firstIds(db, 'jobs', 1);
        const [client, hiddenClient] = await firstIds(db, 'clients', 2);
        const [action] = await firstIds(db, 'actions', 1, (q) => (linked ? linked(q) : q).where('id', 'in', db.selectFrom('es2sql_documents').select('sql_id').where('source_partition', '=', 'actions')));
        await db.updateTable('sessions').set({ status: 'tampered' }).where('id', '=', session!).execute();
        await db.updateTable('backups').set({ user_id: 'someone-else' }).where('id', '=', backup!).execute();
        await db.updateTable('jobs').set({ description: 'changed in SQL' }).where('id', '=', job!).execute();
        await db.updateTable('clients').set({ hostname: 'elsewhere.example.org' }).where('id', '=', client!).execute();
        await db.updateTable('actions').set({ action: 'restore-tampered' }).where('id', '=', action!).execute();
        await db.deleteFrom('sessions').where('id', '=', deletedSession!).execute();
        await db.deleteFrom('backups').where('id', '=', deletedBackup!).execute();
        await db.updateTable('clients').set({ deleted: true }).where('id', '=', hiddenClient!).execute();
        const template = await db.selectFrom('backups').selectAll().where('id', '=', backup!).executeTakeFirstOrThrow();
        await db.insertInto('backups').values({ ...template, id: 'e0000000000000000000000000000add' }).execute();

        const after = await verify({ source, target: scratch.url });
        t.is(after.error, undefined, after.error?.message);
        t.false(after.report.clean);
        t.is(verifyExitCode(after), EXIT_CODES.differences);
        t.deepEqual(
          after.report.different.map((d) => [d.entity, d.docId, d.sqlId, d.fields]).sort(),
          [
            ['actions', await docIdOf(db, 'actions', action!), action!, ['freezer_action.action']],
            ['backups', await docIdOf(db, 'backups', backup!), backup!, ['user_id']],
            ['clients', await docIdOf(db, 'clients', client!), client!, ['client.hostname']],
            ['jobs', await docIdOf(db, 'jobs', job!), job!, ['description']],
            ['sessions', await docIdOf(db, 'sessions', session!), session!, ['status']],
          ].sort(),
        );
        t.deepEqual(
          after.report.missing.map((m) => [m.entity, m.docId, m.sqlId]).sort(),
          [
            ['backups', await docIdOf(db, 'backups', deletedBackup!), deletedBackup!],
            ['clients', await docIdOf(db, 'clients', hiddenClient!), hiddenClient!],
            ['sessions', await docIdOf(db, 'sessions', deletedSession!), deletedSession!],
          ].sort(),
        );
        t.deepEqual(after.report.extra, [{ entity: 'backups', sqlId: 'e0000000000000000000000000000add' }]);
        t.deepEqual(
          { different: after.report.totals.different, missing: after.report.totals.missing, extra: after.report.totals.extra, knownRejects: after.report.totals.knownRejects },
          { different: 5, missing: 3, extra: 1, knownRejects: migrated.stats.rejected },
        );
      } finally {
        await db.destroy();
        await scratch.drop();
      }
    });
  }
}

test('without the state tables verify derives ids and rejects from the transforms and is still exact', async (t) => {
  const target = await createScratchDatabase('postgres', 'vst');
  const state = await createScratchDatabase('sqlite', 'vst');
  try {
    const source = { file: corpus.file };
    const migrated = await migrate({ source, target: target.url, stateDb: state.url, layout: LAYOUTS[1] });
    t.is(migrated.error, undefined, migrated.error?.message);
    const derived = await verify({ source, target: target.url });
    t.is(derived.error, undefined, derived.error?.message);
    t.is(derived.report.idMap, 'derived');
    t.true(derived.report.clean);
    t.is(derived.report.totals.knownRejects, migrated.stats.rejected);
    t.true(derived.report.knownRejects.every((r) => r.source === 'policy'));

    const withState = await verify({ source, target: target.url, stateDb: state.url });
    t.is(withState.error, undefined, withState.error?.message);
    t.is(withState.report.idMap, 'state');
    t.true(withState.report.clean);
    t.deepEqual(withState.report.knownRejectReasons, derived.report.knownRejectReasons);
  } finally {
    await target.drop();
    await state.drop();
  }
});

test('a target without a freezer-api schema is an error with a next step, not a clean report', async (t) => {
  const empty = await createScratchDatabase('sqlite', 'vem');
  try {
    const created = openDatabase(parseDatabaseUrl(empty.url));
    await sql`create table unrelated (id integer)`.execute(created);
    await created.destroy();
    const result = await verify({ source: { file: corpus.file }, target: empty.url });
    t.true(result.error instanceof InvalidOptionsError, `expected an InvalidOptionsError, got ${result.error?.name}`);
    t.is(result.error!.name, 'InvalidOptionsError');
    t.regex(result.error!.message, /holds no freezer-api schema: there is nothing to verify; run "es2sql migrate" first/);
    t.false(result.report.clean);
    t.is(result.report.outcome, 'error');
    t.is(verifyExitCode(result), EXIT_CODES.error);
  } finally {
    await empty.drop();
  }
});

test('verify takes the default project the migrate run recorded, so v1 documents compare equal', async (t) => {
  const scratch = await createScratchDatabase('sqlite', 'vdp');
  try {
    const source = { file: corpus.file };
    const migrated = await migrate({ source, target: scratch.url, layout: LAYOUTS[1], defaultProjectId: 'tenant-for-v1' });
    t.is(migrated.error, undefined, migrated.error?.message);
    const recorded = await verify({ source, target: scratch.url });
    t.true(recorded.report.clean);
    const wrong = await verify({ source, target: scratch.url, defaultProjectId: null });
    t.false(wrong.report.clean);
    t.true(wrong.report.different.length > 0);
    t.true(wrong.report.different.every((d) => d.fields.includes('project_id')));
  } finally {
    await scratch.drop();
  }
});
