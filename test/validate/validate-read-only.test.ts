import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { validate, validateExitCode } from '../../pipeline/run/validate.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import type { LayoutChoice } from '../../schema/index.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { corpusFile } from './helpers/corpus-file.ts';
import { databaseExists, databaseFingerprint } from './helpers/database-dump.ts';

const HEAD: LayoutChoice = { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' };

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: validating against a migrated target reads its real schema and leaves it byte for byte unchanged`, async (t) => {
    const corpus = await corpusFile({ docs: 500, seed: 21 });
    const scratch = await createScratchDatabase(dialect, 'vro');
    try {
      const migrated = await migrate({ source: { file: corpus.file }, target: scratch.url, layout: HEAD });
      t.is(migrated.error, undefined, migrated.error?.message);
      const before = await databaseFingerprint(scratch.url);
      const result = await validate({ source: { file: corpus.file }, target: scratch.url, reportPath: join(corpus.dir, 'report.html') });
      t.is(result.error, undefined, result.error?.message);
      t.is(await databaseFingerprint(scratch.url), before, 'the target changed');
      t.is(result.report.target?.exists, true);
      t.is(result.report.target?.schemaFrom, 'introspected');
      t.is(result.report.target?.layout, 'B@7a3b9c1d2e4f');
      t.is(result.report.totals.wouldMigrate, migrated.stats.migrated);
      t.is(result.report.tables.backups?.existing, result.report.tables.backups?.rows);
    } finally {
      await scratch.drop();
      corpus.remove();
    }
  });

  test(`${dialect}: a target that does not exist yet is not created`, async (t) => {
    const corpus = await corpusFile({ docs: 320, seed: 22 });
    const scratch = await createScratchDatabase(dialect, 'vne');
    await scratch.drop();
    try {
      t.false(await databaseExists(scratch.url));
      const result = await validate({ source: { file: corpus.file }, target: scratch.url, layout: HEAD });
      t.is(result.error, undefined, result.error?.message);
      t.is(result.report.target?.exists, false);
      t.is(result.report.totals.read, 320);
      t.false(await databaseExists(scratch.url), 'validate created the target database');
    } finally {
      await scratch.drop();
      corpus.remove();
    }
  });
}

/** A job entry without an action name that names a stored action whose own document is rejected. */
function rejectedActionDump(dir: string): string {
  const project = 'p0000000000000000000000000000001';
  const user = 'u0000000000000000000000000000001';
  const actionId = 'a000000000000000000000000000dead';
  const lines = [
    { _index: 'freezer', _type: 'actions', _id: actionId, _source: { action_id: actionId, user_id: user, project_id: project, freezer_action: { action: 'backup', mode: 'fs', path_to_backup: `/${'x'.repeat(300)}` } } },
    { _index: 'freezer', _type: 'jobs', _id: 'j000000000000000000000000000beef', _source: { job_id: 'j000000000000000000000000000beef', user_id: user, project_id: project, client_id: 'c', job_schedule: {}, job_actions: [{ action_id: actionId, freezer_action: { mode: 'fs' } }] } },
  ];
  const file = join(dir, 'rejected-action.ndjson');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a job entry naming a rejected action is skipped, not linked (the link would fail the foreign key); validate and migrate agree`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-vfk-'));
    const scratch = await createScratchDatabase(dialect, 'vfk');
    try {
      const file = rejectedActionDump(dir);
      const result = await validate({ source: { file }, target: scratch.url, layout: HEAD });
      t.is(result.error, undefined, result.error?.message);
      t.deepEqual(result.report.references.filter((r) => r.kind === 'job_action_link'), [], 'no dangling link predicted');
      t.deepEqual(result.report.rejectReasons.map((r) => [r.reason, r.count]), [['too_long', 1]]);
      const skipped = result.report.findings.find((f) => f.code === 'job_entry_skipped');
      t.deepEqual(skipped?.samples.map((s) => s.docId), ['j000000000000000000000000000beef']);
      t.is(validateExitCode(result), EXIT_CODES.rejects);

      const migrated = await migrate({ source: { file }, target: scratch.url, layout: HEAD });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.deepEqual([migrated.stats.migrated, migrated.stats.rejected], [1, 1]);
      const db = openDatabase(parseDatabaseUrl(scratch.url));
      try {
        t.deepEqual(await db.selectFrom('es2sql_rejects').select(['doc_id', 'reason']).execute(), [{ doc_id: 'a000000000000000000000000000dead', reason: 'too_long' }]);
        t.deepEqual(await db.selectFrom('jobs').select('id').execute(), [{ id: 'j000000000000000000000000000beef' }]);
        t.deepEqual(await db.selectFrom('job_actions').select('action_id').execute(), []);
      } finally {
        await db.destroy();
      }
    } finally {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
