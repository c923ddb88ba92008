import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { errorLine, lines, runCli } from '../cli/helpers/run-cli.ts';

const SAMPLE = 'fixtures/freezer-sample.ndjson';

function scratchDir(t: { teardown(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-report-path-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir`, relative, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
}

function withinSeconds<T>(seconds: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`still running after ${seconds} s`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('--report under a path that cannot be created fails at once with one line and exit 2 (no endless mkdir)', async (t) => {
  const dir = scratchDir(t);
  const run = await withinSeconds(30, runCli(['validate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'base.db')}`, '--report', '/proc/nope/r.html', '--quiet']));
  t.is(run.code, EXIT_CODES.error);
  t.regex(errorLine(run) ?? '', /^the report could not be written to \/proc\/nope\/r\.html: cannot create the directory \/proc\/nope .*; choose another path with --report/);
  t.is(lines(run.stderr).length, 1, run.stderr);
});

test('--report naming a directory: one-line error, exit 2, no *.tmp and no JSON left beside it', async (t) => {
  const dir = scratchDir(t);
  const target = join(dir, 'out');
  mkdirSync(target);
  const run = await runCli(['validate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'base.db')}`, '--report', target, '--quiet']);
  t.is(run.code, EXIT_CODES.error);
  t.is(errorLine(run), `the report could not be written to ${target}: it is a directory; choose another path with --report (rerun with --debug for details)`);
  t.deepEqual(filesUnder(dir), []);
});

test('--report under a file (not a directory): one-line error naming it, nothing written', async (t) => {
  const dir = scratchDir(t);
  const run = await runCli(['validate', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'base.db')}`, '--report', join(SAMPLE, 'r.html'), '--quiet']);
  t.is(run.code, EXIT_CODES.error);
  t.regex(errorLine(run) ?? '', /is not a directory/);
  t.deepEqual(filesUnder(dir), []);
});

test('validate without --target fails its usage check (64) and writes no report', async (t) => {
  const dir = scratchDir(t);
  const run = await runCli(['validate', '--source', SAMPLE, '--report', join(dir, 'r.html'), '--quiet']);
  t.is(run.code, EXIT_CODES.usage);
  t.regex(errorLine(run) ?? '', /^validate needs a target/);
  t.deepEqual(filesUnder(dir), []);
});

test('verify without a target database fails its usage check and writes no report', async (t) => {
  const dir = scratchDir(t);
  const run = await runCli(['verify', '--source', SAMPLE, '--target', `sqlite:${join(dir, 'missing.db')}`, '--report', join(dir, 'v.html'), '--quiet']);
  t.is(run.code, EXIT_CODES.usage);
  t.deepEqual(filesUnder(dir).filter((f) => f.includes('v.')), []);
});
