import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { validate, validateExitCode } from '../../pipeline/run/validate.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import type { LayoutChoice } from '../../schema/index.ts';
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

/** A job entry without an action name linked to a stored action whose own document is rejected. */
function danglingLinkDump(dir: string): string {
  const project = 'p0000000000000000000000000000001';
  const user = 'u0000000000000000000000000000001';
  const actionId = 'a000000000000000000000000000dead';
  const lines = [
    { _index: 'freezer', _type: 'actions', _id: actionId, _source: { action_id: actionId, user_id: user, project_id: project, freezer_action: { action: 'backup', mode: 'fs', path_to_backup: `/${'x'.repeat(300)}` } } },
    { _index: 'freezer', _type: 'jobs', _id: 'j000000000000000000000000000beef', _source: { job_id: 'j000000000000000000000000000beef', user_id: user, project_id: project, client_id: 'c', job_schedule: {}, job_actions: [{ action_id: actionId, freezer_action: { mode: 'fs' } }] } },
  ];
  const file = join(dir, 'dangling.ndjson');
  writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return file;
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a job_actions link to an action no document creates is reported, as blocking: migrate stops on the foreign key`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-vfk-'));
    const scratch = await createScratchDatabase(dialect, 'vfk');
    try {
      const file = danglingLinkDump(dir);
      const result = await validate({ source: { file }, target: scratch.url, layout: HEAD });
      t.is(result.error, undefined, result.error?.message);
      const link = result.report.references.find((r) => r.kind === 'job_action_link');
      t.is(link?.count, 1);
      t.deepEqual(link?.samples, [{ docId: 'j000000000000000000000000000beef', entity: 'jobs', reference: 'a000000000000000000000000000dead' }]);
      t.deepEqual(result.report.rejectReasons.map((r) => [r.reason, r.count]), [['too_long', 1]]);
      t.is(validateExitCode(result), EXIT_CODES.rejects);
      t.is(link?.severity, 'blocking');
      const migrated = await migrate({ source: { file }, target: scratch.url, layout: HEAD });
      t.truthy(migrated.error, 'migrate should stop on the foreign key, as validate predicted');
    } finally {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
