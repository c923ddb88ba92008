import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { startBin } from './helpers/run-bin.ts';
import { errorLine, lines, runCli } from './helpers/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'es2sql-cli-interrupt-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

test('SIGINT stops after the current batch (exit 130, "rerun to resume"); the rerun resumes the same run and status shows it', async (t) => {
  const dump = join(work, 'dump.ndjson');
  writeNdjson(dump, smallFreezerDocs({ clients: 4, actions: 20, sessions: 2, jobs: 20, backups: 30_000 }));
  const target = `sqlite:${join(work, 'resume.db')}`;
  let signalled = false;
  const { done } = startBin(['migrate', '--source', dump, '--target', target, '--batch-size', '200', '--progress-interval', '0.05'], {
    onStderr: (text, child) => {
      // Interrupt once backups are on their way: checkpoints exist, work remains.
      if (!signalled && /"entity":"backups","read":[1-9]\d*,.*"finished":false/.test(text)) {
        signalled = true;
        child.kill('SIGINT');
      }
    },
  });
  const first = await done;
  t.true(signalled, first.stderr);
  t.is(first.code, EXIT_CODES.interrupted, first.stderr);
  t.is(errorLine({ code: 0, stdout: first.stdout, stderr: first.stderr }), 'interrupted; rerun the same command to resume from the last checkpoint');
  t.regex(first.stderr, /^warning: interrupt received: stopping after the current batch \(press Ctrl-C again to stop at once\)$/m);
  t.regex(first.stdout, /^Stopped migrating /m);
  // The run stopped; the source did not change (issue 16).
  t.notRegex(first.stdout, /changed during the run/);
  t.regex(first.stdout, /^stopped after [\d,]+ of 30,046 documents: rerun the same command to resume from the last checkpoint$/m);

  const during = await runCli(['status', '--target', target]);
  t.is(during.code, EXIT_CODES.ok);
  t.regex(during.stdout, /^\S+ \S+ +migrate +failed /m);
  t.regex(during.stdout, /^rerun the same migrate command to resume from these checkpoints$/m);

  const second = await runCli(['migrate', '--source', dump, '--target', target]);
  t.is(second.code, EXIT_CODES.ok, second.stderr);
  t.regex(second.stdout, /\(layout B@23c8ad2655a6, resumed\)/);
  t.regex(second.stdout, /^backups +30,000 +30,000 +30,000 +0 +30,000$/m);

  const after = await runCli(['status', '--target', target, '--json']);
  const report = JSON.parse(after.stdout) as { runs: Array<{ command: string; status: string; runId: string }>; checkpoints: { status: string; partitions: Array<{ entity: string; docsRead: number; slicesDone: number; slices: number }> } };
  t.is(report.runs.length, 1, 'the rerun continued the same run');
  t.like(report.runs[0], { command: 'migrate', status: 'completed' });
  t.is(report.checkpoints.status, 'completed');
  const backups = report.checkpoints.partitions.find((p) => p.entity === 'backups')!;
  t.is(backups.docsRead, 30_000);
  t.is(backups.slicesDone, backups.slices);
});

test('status: runs, checkpoints, rejects by entity and reason, how to list them; --rejects lists them; --json for scripts', async (t) => {
  const target = `sqlite:${join(work, 'sample.db')}`;
  const sample = new URL('../../fixtures/freezer-sample.ndjson', import.meta.url).pathname;
  const migrated = await runCli(['migrate', '--source', sample, '--target', target]);
  t.is(migrated.code, EXIT_CODES.rejects);
  const rejected = Number(/^(\d+) documents rejected/m.exec(migrated.stdout)?.[1]);
  t.true(rejected > 0);

  const status = await runCli(['status', '--target', target]);
  t.is(status.code, EXIT_CODES.ok);
  t.regex(status.stdout, new RegExp(`^state database: ${target}$`, 'm'));
  t.regex(status.stdout, /^Runs \(newest first\)\nstarted +command +status +took +documents +rejected +run$/m);
  t.regex(status.stdout, new RegExp(`^\\S+ \\S+ +migrate +completed +\\S+ \\S+ +300 +${rejected} +[0-9a-f-]{36}$`, 'm'));
  t.regex(status.stdout, /^Checkpoints of migrate run [0-9a-f-]{36} \(completed\)$/m);
  t.regex(status.stdout, /^backups +4\/4 +180 /m);
  t.regex(status.stdout, new RegExp(`^Rejects: ${rejected} documents$`, 'm'));
  t.regex(status.stdout, /^entity +reason +documents$/m);
  t.regex(status.stdout, /^list them: es2sql status --rejects \[--entity \w+\]/m);
  t.regex(status.stdout, /^Sync: no sync run yet$/m);
  t.regex(status.stdout, /^Cutover: not cut over$/m);

  const listed = await runCli(['status', '--target', target, '--rejects', '--entity', 'jobs', '--json']);
  const listing = JSON.parse(listed.stdout) as { total: number; rejects: Array<{ entity: string; docId: string; reason: string; detail: string }> };
  t.true(listing.total > 0);
  t.is(listing.rejects.length, listing.total);
  t.true(listing.rejects.every((r) => r.entity === 'jobs' && r.reason !== '' && r.detail !== ''));
  const text = await runCli(['status', '--target', target, '--rejects', '--limit', '2']);
  t.is(lines(text.stdout).length, 2 + 2 + 1, text.stdout);
  t.regex(text.stdout, new RegExp(`^showing 2 of ${rejected}; --limit 20 shows more$`, 'm'));

  const json = JSON.parse((await runCli(['status', '--target', target, '--json'])).stdout) as { pipelines: Array<{ rejects: Array<{ count: number }> }> };
  t.is(json.pipelines[0]!.rejects.reduce((n, r) => n + r.count, 0), rejected);
});

test('status on a database without es2sql tables says so; a missing SQLite state file is an error', async (t) => {
  const empty = await runCli(['status', '--target', `sqlite:${join(work, 'missing.db')}`]);
  t.is(errorLine(empty), `the state database ${join(work, 'missing.db')} does not exist (--target); check the path, or run es2sql migrate first`);
  t.is(empty.code, EXIT_CODES.usage);
  const schemaOnly = `sqlite:${join(work, 'schema-only.db')}`;
  t.is((await runCli(['schema', 'upgrade', '--target', schemaOnly, '--quiet'])).code, EXIT_CODES.ok);
  const none = await runCli(['status', '--target', schemaOnly]);
  t.is(none.code, EXIT_CODES.ok);
  t.is(none.stdout, `state database: ${schemaOnly}\n\nno es2sql runs recorded yet; start with es2sql migrate\n`);
});
