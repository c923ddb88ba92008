import test from 'ava';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sync } from '../../pipeline/run/sync.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { errorLine, lines, runCli } from '../cli/helpers/run-cli.ts';
import { FreezerTables } from '../sync/helpers/freezer-tables.ts';
import { stateRows } from '../sync/helpers/state-tables.ts';
import { MigratedPair } from '../sync/helpers/synced-pair.ts';

const PAIRS: Array<[number, Dialect]> = ([[1, 'postgres'], [1, 'mysql'], [1, 'sqlite'], [2, 'mysql'], [6, 'sqlite'], [8, 'postgres'], [7, 'sqlite']] as Array<[number, Dialect]>).filter(
  ([major, dialect]) => TEST_ES_MAJORS.includes(major) && TEST_DIALECTS.includes(dialect),
);

/** PostgreSQL here trusts every local connection, so a password in the URL is accepted and must never be shown. */
const PASSWORD = 's3cret-Pw';

function withPassword(url: string, dialect: Dialect): string {
  if (dialect !== 'postgres') return url;
  const parsed = new URL(url);
  parsed.password = PASSWORD;
  return parsed.toString();
}

/** The `[database] connection` line freezer-api needs for the test's target. */
function expectedConnection(url: string, dialect: Dialect): string {
  const location = parseDatabaseUrl(url);
  switch (dialect) {
    case 'mysql':
      return `connection = mysql+pymysql://root@127.0.0.1/${location.database}?charset=utf8mb4`;
    case 'postgres':
      return `connection = postgresql+psycopg2://postgres:<password>@127.0.0.1/${location.database}`;
    case 'sqlite':
      return `connection = sqlite:///${location.path}`;
  }
}

function cli(pair: MigratedPair, target: string, command: string, ...flags: string[]) {
  return runCli([command, '--source', pair.source.url, '--index', pair.source.index, '--target', target, '--slices', '2', ...flags]);
}

for (const [major, dialect] of PAIRS) {
  test(`ES ${major} → ${dialect}: cutover runs a final sync, passes verify, records the marker and prints the exact freezer-api.conf change; sync then refuses unless --force; a second cutover changes nothing`, async (t) => {
    // Migrated with the same URL: the pipeline is identified by the target as displayed (`user:***@…`).
    const pair = await MigratedPair.create(esUrl(major), major, dialect, (url) => withPassword(url, dialect));
    const target = withPassword(pair.scratch.url, dialect);
    try {
      await pair.edit();
      const run = await cli(pair, target, 'cutover');
      t.is(run.code, EXIT_CODES.ok, run.stderr);
      const out = lines(run.stdout);
      t.regex(out.find((l) => l.trim().startsWith('total')) ?? '', /^total\s+15\s+15\s+0/);
      const at = out.findIndex((l) => l.startsWith('Cut over at '));
      t.true(at >= 0, run.stdout);
      t.deepEqual(out.slice(at + 1, at + 6), ['[storage]', 'backend = sqlalchemy', 'driver = sqlalchemy', '[database]', expectedConnection(pair.scratch.url, dialect)]);
      if (dialect === 'postgres') {
        t.true(out.includes("note: replace <password> with the password of freezer-api's database user (es2sql never prints passwords)"));
        t.true(out.some((l) => l.startsWith("note: freezer-api's SQL driver does not work on PostgreSQL")));
      }
      t.false(`${run.stdout}${run.stderr}`.includes(PASSWORD), 'the password is never printed');

      const markers = await stateRows(pair.scratch.url, 'es2sql_cutovers');
      t.is(markers.length, 1);
      const report = JSON.parse(String(markers[0]!.report));
      t.like(report, { finalSync: { found: 15, done: 15 }, verify: { clean: true } });
      t.like((await stateRows(pair.scratch.url, 'es2sql_runs')).find((r) => r.command === 'cutover'), { status: 'completed', run_id: markers[0]!.run_id });

      await pair.edit(1);
      const refused = await cli(pair, target, 'sync');
      t.is(refused.code, EXIT_CODES.error);
      t.regex(errorLine(refused) ?? '', /^http:\/\/127\.0\.0\.1:\d+ into \S+ was cut over to SQL at \d{4}-\S+Z \(run [0-9a-f-]{36}\); freezer-api writes to SQL now and a sync from Elasticsearch would overwrite its changes; pass --force only if freezer-api still uses Elasticsearch$/);
      const library = await sync({ source: pair.source, target });
      t.is(library.error?.name, 'AlreadyCutOverError');
      t.is(library.stats.done, 0);

      const forced = await cli(pair, target, 'sync', '--force');
      t.is(forced.code, EXIT_CODES.ok, forced.stderr);
      t.regex(forced.stderr, /syncing although .* was cut over at/);
      t.regex(lines(forced.stdout).find((l) => l.trim().startsWith('total')) ?? '', /^total\s+15\s+15\s+0/);

      const again = await cli(pair, target, 'cutover');
      t.is(again.code, EXIT_CODES.ok);
      t.regex(again.stdout, /Already cut over at /);
      t.is((await stateRows(pair.scratch.url, 'es2sql_cutovers')).length, 1);
    } finally {
      await pair.close();
    }
  });
}

test('cutover refuses while SQL differs from Elasticsearch: exit 4, the differences listed and in the report, no marker, sync still allowed', async (t) => {
  const major = TEST_ES_MAJORS.includes(2) ? 2 : TEST_ES_MAJORS[0]!;
  const dialect: Dialect = TEST_DIALECTS.includes('mysql') ? 'mysql' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(major), major, dialect);
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-cutover-'));
  try {
    await pair.edit();
    const tampered = pair.docs.find((d) => d._type === 'backups')!._id;
    const db = openDatabase(parseDatabaseUrl(pair.scratch.url), { poolSize: 1 });
    try {
      // Someone edited a row in SQL behind es2sql's back; ES did not change, so no sync rewrites it.
      await db.updateTable('backups').set({ backup_metadata: '{"tampered": true}' }).where('id', '=', tampered).execute();
    } finally {
      await db.destroy();
    }
    const reportPath = join(dir, 'verify.html');
    const run = await cli(pair, pair.scratch.url, 'cutover', '--report', reportPath);
    t.is(run.code, EXIT_CODES.differences, run.stderr);
    t.is(errorLine(run), 'SQL does not match Elasticsearch (0 missing, 0 extra, 1 different (backups 1)); nothing was cut over: look at the differences; report: ' + reportPath + ', fix them (a sync, a fixed document), then rerun cutover');
    t.true(lines(run.stdout).some((l) => l.startsWith(`different backups ${tampered}: backup_metadata`)), run.stdout);
    t.true(existsSync(reportPath));
    t.deepEqual(await stateRows(pair.scratch.url, 'es2sql_cutovers'), []);
    t.like((await stateRows(pair.scratch.url, 'es2sql_runs')).find((r) => r.command === 'cutover'), { status: 'failed' });
    const tables = new FreezerTables(pair.scratch.url);
    try {
      t.is((await tables.row('backups', tampered))?.backup_metadata, '{"tampered": true}', 'cutover changed nothing it was not asked to');
    } finally {
      await tables.close();
    }
    const synced = await sync({ source: pair.source, target: pair.scratch.url });
    t.is(synced.error, undefined, 'not cut over: sync still runs');
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await pair.close();
  }
});

test('sync and cutover refuse before any migration of this source into this target', async (t) => {
  const major = TEST_ES_MAJORS.includes(8) ? 8 : TEST_ES_MAJORS[0]!;
  const dialect: Dialect = TEST_DIALECTS.includes('sqlite') ? 'sqlite' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(major), major, dialect, false);
  try {
    const empty = await cli(pair, pair.scratch.url, 'sync');
    t.is(empty.code, EXIT_CODES.error);
    t.regex(errorLine(empty) ?? '', /has no freezer-api schema yet; run "es2sql schema upgrade" or "es2sql migrate" first$/);

    const schema = await runCli(['schema', 'upgrade', '--target', pair.scratch.url]);
    t.is(schema.code, EXIT_CODES.ok, schema.stderr);
    for (const command of ['sync', 'cutover']) {
      const run = await cli(pair, pair.scratch.url, command);
      t.is(run.code, EXIT_CODES.error, command);
      t.regex(errorLine(run) ?? '', /^no migration from http:\/\/127\.0\.0\.1:\d+ into \S+ yet: run "es2sql migrate" with the same source and target first; sync only catches up with what changed after it$/, command);
    }
    t.deepEqual(await stateRows(pair.scratch.url, 'es2sql_cutovers'), []);
    t.deepEqual(await stateRows(pair.scratch.url, 'es2sql_locks'), []);
  } finally {
    await pair.close();
  }
});
