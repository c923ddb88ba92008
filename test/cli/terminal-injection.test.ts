import test from 'ava';
import { gzipSync } from 'node:zlib';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printable } from '../../cli/output/printable.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { errorLine, runCli, type CliRun } from './helpers/run-cli.ts';

/** Clears the screen, turns text red, sets the window title; C1 CSI and a bidi override for good measure. */
const EVIL = '\u001b[2J\u001b[31mEVIL\u001b]0;x\u0007\u009b31m\u202e';
/** What a terminal would act on (tab and newline are layout). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

function assertPrintable(t: { false(v: boolean, m?: string): void }, run: CliRun, what: string): void {
  t.false(CONTROL.test(run.stdout), `${what}: control character on stdout: ${JSON.stringify(run.stdout.slice(0, 400))}`);
  t.false(CONTROL.test(run.stderr), `${what}: control character on stderr: ${JSON.stringify(run.stderr.slice(0, 400))}`);
}

test('printable escapes control characters as \\uXXXX and keeps tab, newline and ordinary text', (t) => {
  t.is(printable(`a\tb\nc${EVIL}é😀`), 'a\tb\nc\\u001b[2J\\u001b[31mEVIL\\u001b]0;x\\u0007\\u009b31m\\u202eé😀');
  // The escape form is JSON's own: a JSON document with C1 characters stays parseable and equal.
  t.deepEqual(JSON.parse(printable(JSON.stringify({ id: EVIL }))), { id: EVIL });
});

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: an _id full of terminal escapes is shown escaped by migrate, status --rejects and validate; --json keeps it exact`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-escape-'));
    const scratch = await createScratchDatabase(dialect, 'escape');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const docs = smallFreezerDocs({ clients: 1, actions: 1, sessions: 1, jobs: 1, backups: 1 });
    // A job that is rejected (no job_schedule, no client): its id lands in es2sql_rejects.
    docs.push({ _index: 'freezer', _type: 'jobs', _id: EVIL, _source: { job_id: EVIL, description: EVIL } });
    const dump = join(dir, 'evil.ndjson');
    writeNdjson(dump, docs);

    const validated = await runCli(['validate', '--source', dump, '--target', scratch.url, '--report', join(dir, 'r.html')]);
    t.is(validated.code, EXIT_CODES.rejects);
    assertPrintable(t, validated, 'validate');
    t.false(readFileSync(join(dir, 'r.html'), 'utf8').includes('\u001b'), 'report page');

    const migrated = await runCli(['migrate', '--source', dump, '--target', scratch.url]);
    t.is(migrated.code, EXIT_CODES.rejects);
    assertPrintable(t, migrated, 'migrate');

    const listed = await runCli(['status', '--target', scratch.url, '--rejects']);
    t.is(listed.code, EXIT_CODES.ok);
    assertPrintable(t, listed, 'status --rejects');
    t.true(listed.stdout.includes('\\u001b[2J\\u001b[31mEVIL'), listed.stdout);

    const json = await runCli(['status', '--target', scratch.url, '--rejects', '--json']);
    assertPrintable(t, json, 'status --rejects --json');
    const parsed = JSON.parse(json.stdout) as { rejects: Array<{ docId: string }> };
    t.deepEqual(parsed.rejects.map((r) => r.docId), [EVIL]);

    const status = await runCli(['status', '--target', scratch.url]);
    assertPrintable(t, status, 'status');
  });
}

test('a bad line with escape sequences is quoted escaped in the one-line error', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-escape-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dump = join(dir, 'bad.ndjson');
  writeFileSync(dump, `{"_index":"freezer","_type":"jobs","_id":"x","_source":{}}\n\u001b]0;owned\u0007\u001b[2J not json\n`);
  const run = await runCli(['validate', '--source', dump, '--dialect', 'sqlite', '--layout', 'b', '--quiet']);
  t.is(run.code, EXIT_CODES.error);
  assertPrintable(t, run, 'bad line');
  t.regex(errorLine(run) ?? '', /line 2/);
});

test('a gzip dump is refused with advice (no binary echoed), exit 2', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-gzip-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const dump = join(dir, 'dump.ndjson.gz');
  writeFileSync(dump, gzipSync(readFileSync('fixtures/freezer-sample.ndjson')));
  const run = await runCli(['migrate', '--source', dump, '--target', `sqlite:${join(dir, 'out.db')}`, '--quiet']);
  t.is(run.code, EXIT_CODES.error);
  assertPrintable(t, run, 'gzip');
  t.is(errorLine(run), `cannot read NDJSON file ${dump}: it is gzip-compressed: decompress it first (gunzip -k ${dump}) and pass the uncompressed .ndjson file; check --source`);
});
