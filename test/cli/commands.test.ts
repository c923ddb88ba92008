import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { EventEmitter } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { Collector, errorLine, runCli } from './helpers/run-cli.ts';
import { main } from '../../cli/main.ts';

const SAMPLE = new URL('../../fixtures/freezer-sample.ndjson', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'es2sql-cli-commands-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

test('quick start: migrate with no target writes ./es2sql.db and says so; status and verify find it there', async (t) => {
  const dir = mkdtempSync(join(work, 'quick-'));
  const migrated = await runCli(['migrate', '--source', SAMPLE], { cwd: dir });
  t.is(migrated.code, EXIT_CODES.rejects);
  t.regex(migrated.stderr, new RegExp(`^note: no target database given: using the SQLite file ${dir}/es2sql\\.db \\(pass --target to choose another database\\)$`, 'm'));
  t.true(existsSync(join(dir, 'es2sql.db')));
  t.regex(migrated.stdout, new RegExp(`^Migrated file ${SAMPLE} into sqlite:${dir}/es2sql\\.db \\(layout B@23c8ad2655a6\\)$`, 'm'));
  t.regex(migrated.stdout, /^total +300 +300 +\d+ +\d+ +\d+$/m);
  t.regex(migrated.stdout, /^\d+ documents rejected \(nothing written for them\): es2sql status --rejects lists them with the reason$/m);
  const status = await runCli(['status'], { cwd: dir });
  t.is(status.code, EXIT_CODES.ok);
  t.regex(status.stdout, /migrate +completed/);
  const verified = await runCli(['verify', '--source', SAMPLE], { cwd: dir });
  t.is(verified.code, EXIT_CODES.ok, verified.stderr);
  t.regex(verified.stdout, /^SQL matches Elasticsearch: nothing missing, extra or different/m);
  const again = await runCli(['migrate', '--source', SAMPLE], { cwd: dir });
  t.is(again.code, EXIT_CODES.rejects);
  t.regex(again.stdout, /^Already migrated: /);
});

test('schema upgrade and status through the CLI, with the shared exit codes', async (t) => {
  const target = `sqlite:${join(work, 'schema.db')}`;
  const upgraded = await runCli(['schema', 'upgrade', '--target', target, '--freezer-release', '13']);
  t.is(upgraded.code, EXIT_CODES.ok, upgraded.stderr);
  t.regex(upgraded.stdout, /^done: 2 migration\(s\) applied; bookkeeping layout A \(sqlalchemy-migrate version 3\); hand-off ready$/m);
  const status = await runCli(['schema', 'status', '--target', target]);
  t.is(status.code, EXIT_CODES.ok);
  t.regex(status.stdout, /^found: layout A \(sqlalchemy-migrate version 3\)$/m);
  t.regex(status.stdout, /^hand-off: ready/m);
  const bad = await runCli(['schema', 'upgrade', '--target', target, '--layout', 'q']);
  t.is(bad.code, EXIT_CODES.usage);
  t.is(errorLine(bad), 'unknown layout "q"; use --layout a, --layout b or --layout b@<alembic revision>, or name the release with --freezer-release');
  const down = await runCli(['schema', 'upgrade', '--target', 'postgres://postgres@127.0.0.1:5432/es2sql_schema_nowhere']);
  t.is(down.code, EXIT_CODES.error);
  t.regex(errorLine(down) ?? '', /^cannot reach the target database postgres:\/\/postgres@127\.0\.0\.1:5432\/es2sql_schema_nowhere: database "es2sql_schema_nowhere" does not exist/);
  const none = await runCli(['schema', 'status']);
  t.is(none.code, EXIT_CODES.usage);
  t.is(errorLine(none), 'no target database: pass --target postgres://… (or mysql://…, sqlite:path), set ES2SQL_TARGET, or give freezer-api.conf with [database] connection via --config-file');
});

test('validate: exit 3 when documents would be rejected, HTML + JSON report, nothing written; needs a target or a dialect', async (t) => {
  const report = join(work, 'validate', 'report.html');
  const target = `sqlite:${join(work, 'validate.db')}`;
  const run = await runCli(['validate', '--source', SAMPLE, '--dialect', 'mysql', '--freezer-release', '13', '--report', report]);
  t.is(run.code, EXIT_CODES.rejects, run.stderr);
  t.regex(run.stdout, /^Validated .* against a mysql database \(layout A@3, from its definition\); nothing was written$/m);
  t.regex(run.stdout, /^would reject: too_long \d+/m);
  t.is(JSON.parse(readFileSync(join(work, 'validate', 'report.json'), 'utf8')).kind, 'validation');
  t.regex(readFileSync(report, 'utf8'), /^<!doctype html>/i);
  const clean = await runCli(['validate', '--source', SAMPLE, '--target', target]);
  t.false(existsSync(join(work, 'validate.db')), 'validate creates no target');
  t.is(clean.code, EXIT_CODES.rejects);
  const missing = await runCli(['validate', '--source', SAMPLE]);
  t.is(missing.code, EXIT_CODES.usage);
  t.is(errorLine(missing), 'validate needs a target: give --target <database URL>, or --dialect postgres|mysql|sqlite with --layout to check against a layout alone');
});

test('sync: exit 0 in step, exit 1 while --max-count leaves changes, then 0; cutover prints the freezer-api.conf change and later syncs refuse', async (t) => {
  const dump = join(work, 'sync.ndjson');
  const docs = smallFreezerDocs();
  writeNdjson(dump, docs);
  const target = `sqlite:${join(work, 'sync.db')}`;
  t.is((await runCli(['migrate', '--source', dump, '--target', target])).code, EXIT_CODES.ok);
  t.is((await runCli(['sync', '--source', dump, '--target', target])).code, EXIT_CODES.ok);
  writeNdjson(dump, [...docs, ...smallFreezerDocs({ clients: 0, actions: 0, sessions: 0, jobs: 0, backups: 9 }).map((d, i) => ({ ...d, _id: `extra${i}`, _source: { ...d._source, backup_id: `extra${i}` } }))]);
  const codes: number[] = [];
  for (let i = 0; i < 10; i++) {
    const run = await runCli(['sync', '--source', dump, '--target', target, '--max-count', '4']);
    codes.push(run.code);
    if (run.code !== EXIT_CODES.workRemains) break;
    t.regex(run.stdout, /^work remains: \d+ of \d+ changes left \(max-count 4\); run sync again/m);
  }
  t.deepEqual(codes, [1, 1, 0]);

  const cut = await runCli(['cutover', '--source', dump, '--target', target]);
  t.is(cut.code, EXIT_CODES.ok, cut.stderr);
  t.regex(cut.stdout, /^Cut over at \S+: SQL matches Elasticsearch\. Set this in freezer-api\.conf, then restart freezer-api:$/m);
  t.regex(cut.stdout, /^\[storage\]\nbackend = sqlalchemy\ndriver = sqlalchemy$/m);
  const refused = await runCli(['sync', '--source', dump, '--target', target]);
  t.is(refused.code, EXIT_CODES.error);
  t.regex(errorLine(refused) ?? '', /was cut over to SQL at .*; pass --force only if freezer-api still uses Elasticsearch$/);
  t.regex((await runCli(['status', '--target', target])).stdout, /^Cutover: cut over at /m);
});

test('verify exits 4 and lists what is missing; cutover refuses with exit 4 while SQL has a row Elasticsearch does not', async (t) => {
  const dump = join(work, 'verify.ndjson');
  writeNdjson(dump, smallFreezerDocs());
  const file = join(work, 'verify.db');
  t.is((await runCli(['migrate', '--source', dump, '--target', `sqlite:${file}`])).code, EXIT_CODES.ok);
  const db = openDatabase(parseDatabaseUrl(`sqlite:${file}`), { poolSize: 1 });
  const gone = 'b0000000000000000000000000000003';
  await db.deleteFrom('backups').where('id', '=', gone).execute();
  await db.destroy();
  const verified = await runCli(['verify', '--source', dump, '--target', `sqlite:${file}`, '--report', join(work, 'verify.html')]);
  t.is(verified.code, EXIT_CODES.differences, verified.stderr);
  t.regex(verified.stdout, /^SQL differs from Elasticsearch: 1 missing, 0 extra, 0 different/m);
  t.regex(verified.stdout, new RegExp(`^missing +backups ${gone}$`, 'm'));
  // A row no Elasticsearch document accounts for (written behind es2sql's back): the final sync
  // leaves it alone, verify finds it, and cutover refuses. The final sync does not restore the
  // deleted row either: its document did not change since the migrate (content hash), so nothing
  // is rewritten and the row stays missing.
  const writer = openDatabase(parseDatabaseUrl(`sqlite:${file}`), { poolSize: 1 });
  const row = await writer.selectFrom('backups').selectAll().where('id', '=', 'b0000000000000000000000000000001').executeTakeFirstOrThrow();
  await writer.insertInto('backups').values({ ...row, id: 'f00000000000000000000000000000ff' }).execute();
  await writer.destroy();
  const refused = await runCli(['cutover', '--source', dump, '--target', `sqlite:${file}`]);
  t.is(refused.code, EXIT_CODES.differences, refused.stderr);
  t.regex(errorLine(refused) ?? '', /^SQL does not match Elasticsearch \(1 missing, 1 extra, 0 different \(backups 2\)\); nothing was cut over/);
  t.regex(refused.stdout, /^extra +backups sql id f00000000000000000000000000000ff$/m);
  t.regex(refused.stdout, new RegExp(`^missing +backups ${gone}$`, 'm'));
  t.regex((await runCli(['status', '--target', `sqlite:${file}`])).stdout, /^Cutover: not cut over$/m);
});

test('sync --every: one line per run until interrupted, then exit 0 when SQL was in step', async (t) => {
  const dump = join(work, 'every.ndjson');
  writeNdjson(dump, smallFreezerDocs());
  const target = `sqlite:${join(work, 'every.db')}`;
  t.is((await runCli(['migrate', '--source', dump, '--target', target, '--quiet'])).code, EXIT_CODES.ok);
  const signals = new EventEmitter();
  const stdout = new Collector();
  const stderr = new Collector();
  const watcher = setInterval(() => {
    if ((stdout.text.match(/ sync run \d+: /g) ?? []).length >= 2) signals.emit('SIGINT');
  }, 50);
  const code = await main(['sync', '--source', dump, '--target', target, '--every', '1s'], { stdout, stderr, env: {}, cwd: work, isTTY: false, signals: signals as never });
  clearInterval(watcher);
  t.is(code, EXIT_CODES.ok, stderr.text);
  t.regex(stdout.text, /^\S+Z sync run 1: found \d+, done \d+; in step with the source \(lag [\d.]+ s\)/m);
  t.regex(stdout.text, /^\S+Z sync run 2: found 0, done 0; in step with the source/m);
  t.regex(stderr.text, /^stopped after \d+ sync runs; SQL was in step with the source after the last one$/m);
  t.is(signals.listenerCount('SIGINT'), 0, 'main removed its signal listeners');
});
