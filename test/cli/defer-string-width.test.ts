import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { writeLoadRecorder } from './helpers/record-loads.ts';
import { helpTextColumn } from './helpers/help-text-column.ts';
import { BIN, NODE, REPO } from './helpers/run-bin.ts';

const run = promisify(execFile);

/** The string-width yargs itself resolves (its own nested copy, or the hoisted one). */
const yargsStringWidth = pathToFileURL(createRequire(createRequire(import.meta.url).resolve('yargs')).resolve('string-width')).href;

let dir: string;
/** The module each run loads first to record what it loads. */
let recorder: string;

test.before(() => {
  dir = mkdtempSync(join(tmpdir(), 'es2sql-defer-width-'));
  recorder = writeLoadRecorder(dir);
});

test.after.always(() => rmSync(dir, { recursive: true, force: true }));

let runs = 0;

/** `es2sql <argv>` from the sources; its exit code, stdout and the URLs of the modules it loaded. */
async function bin(argv: readonly string[]): Promise<{ code: number; stdout: string; stderr: string; loaded: string[] }> {
  const record = join(dir, `loads-${++runs}.txt`);
  const args = ['--disable-warning=ExperimentalWarning', '--import', pathToFileURL(recorder).href, BIN, ...argv];
  const result = await run(NODE, args, { cwd: dir, env: { ...process.env, RECORD_LOADS: record } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
  return { ...result, loaded: readFileSync(record, 'utf8').split('\n') };
}

const isStringWidth = (url: string) => url.split('?')[0] === yargsStringWidth;
const isStandIn = (url: string) => url.includes('/cli/deferred-string-width.');

test('a migrate never loads string-width: yargs gets the stand-in, which nothing calls', async (t) => {
  const result = await bin(['migrate', '--source', `${REPO}fixtures/freezer-sample.ndjson`, '--target', `sqlite:${join(dir, 'sample.db')}`, '-q']);
  t.is(result.code, 3, result.stderr); // the sample's dirty documents are rejected: exit 3
  t.true(result.loaded.some(isStandIn), 'yargs imported the stand-in');
  t.false(result.loaded.some(isStringWidth), 'the real string-width stayed unloaded');
});

test('help text loads string-width at its first measurement and lines up its columns', async (t) => {
  const result = await bin(['migrate', '--help']);
  t.is(result.code, 0, result.stderr);
  // The stand-in loaded the very module yargs' import resolves to, through require (not the loader).
  t.true(result.loaded.some(isStandIn));
  t.true(result.loaded.some(isStringWidth), 'the real string-width loaded once help text needed it');
  const source = helpTextColumn(result.stdout, '--source');
  t.truthy(source, result.stdout);
  t.is(helpTextColumn(result.stdout, '--index'), source);
});

test('the stand-in measures as string-width does: wide, combining and emoji text', async (t) => {
  const real = ((await import(yargsStringWidth)) as { default: (text: string) => number }).default;
  const standInUrl = new URL(`${REPO}cli/deferred-string-width.ts`, 'file://');
  standInUrl.searchParams.set('target', yargsStringWidth);
  const standIn = ((await import(standInUrl.href)) as { default: (text: string) => number }).default;
  for (const text of ['', 'abc', '古池や蛙飛び込む', 'e\u0301t\u00e9', '👍🏽 ok', '\u001b[31mred\u001b[39m']) t.is(standIn(text), real(text), JSON.stringify(text));
  t.is(standIn('古池'), 4);
});
