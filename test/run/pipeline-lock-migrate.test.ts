import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { pipelineId } from '../../pipeline/state/pipeline-id.ts';
import { LockHeldError } from '../../pipeline/sync/sync-errors.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { startBin } from '../cli/helpers/run-bin.ts';
import { errorLine, runCli } from '../cli/helpers/run-cli.ts';

const work = mkdtempSync(join(tmpdir(), 'es2sql-migrate-lock-'));
test.after.always(() => rmSync(work, { recursive: true, force: true }));

/** A dump big enough that a migrate runs for a few seconds with small batches. */
function bigDump(name: string, backups = 20_000): { path: string; count: number } {
  const docs = smallFreezerDocs({ clients: 2, actions: 3, sessions: 1, jobs: 3, backups });
  const path = join(work, `${name}.ndjson`);
  writeNdjson(path, docs);
  return { path, count: docs.length };
}

async function scalar(url: string, query: (db: ReturnType<typeof openDatabase>) => Promise<unknown>): Promise<unknown> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    return await query(db);
  } finally {
    await db.destroy();
  }
}

const backupRows = (url: string) => scalar(url, async (db) => Number((await db.selectFrom('backups').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n));
const lockRows = (url: string) => scalar(url, async (db) => (await db.selectFrom('es2sql_locks').select(['pipeline_id', 'holder']).execute()).length);

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: two migrates of one pipeline at once: the second is refused naming the holder; the rows and counts are those of one run`, async (t) => {
    const scratch = await createScratchDatabase(dialect, 'mlock');
    t.teardown(() => scratch.drop());
    const dump = bigDump(`two-${dialect}`, 6_000);
    let second: ReturnType<typeof migrate> | undefined;
    const first = await migrate({
      source: { file: dump.path },
      target: scratch.url,
      batchSize: 200,
      onEvent: (event) => {
        if (event.type === 'batch' && second === undefined) second = migrate({ source: { file: dump.path }, target: scratch.url, batchSize: 200 });
      },
    });
    const refused = await second!;
    t.is(first.error, undefined, first.error?.message);
    t.is(first.stats.read, dump.count);
    t.true(refused.error instanceof LockHeldError, String(refused.error));
    t.regex(refused.error!.message, new RegExp(`^another migrate of this source and target is running \\(${hostname()} pid ${process.pid} migrate, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z, last heartbeat [^)]+\\); wait for it to finish or pass --wait`));
    t.is(refused.stats.read, 0, 'the refused run did nothing');
    t.is(await backupRows(scratch.url), 6_000);
    t.is(await lockRows(scratch.url), 0, 'the lock is released');
  });
}

test('migrate --restart while a sync holds the lock: refused (exit 2, one line with pid and start); with --wait it runs once the holder is done', async (t) => {
  const dialect = TEST_DIALECTS.includes('postgres') ? 'postgres' : TEST_DIALECTS[0]!;
  const scratch = await createScratchDatabase(dialect, 'mlock');
  t.teardown(() => scratch.drop());
  const dump = bigDump(`restart-${dialect}`, 50);
  const first = await runCli(['migrate', '--source', dump.path, '--target', scratch.url, '--quiet']);
  t.is(first.code, EXIT_CODES.ok, first.stderr);
  const pid = pipelineId(dump.path, '', parseDatabaseUrl(scratch.url));
  // A sync of this host whose process lives (the test runner's parent) holds the lock.
  const holder = `${hostname()} pid ${process.ppid} sync 0d2e4b7c-0000-4000-8000-000000000001`;
  const since = new Date().toISOString();
  await scalar(scratch.url, (db) => db.insertInto('es2sql_locks').values({ pipeline_id: pid, holder, acquired_at: since, heartbeat_at: since }).execute());

  const refused = await runCli(['migrate', '--source', dump.path, '--target', scratch.url, '--restart', '--quiet']);
  t.is(refused.code, EXIT_CODES.error);
  t.is(errorLine(refused), `another sync of this source and target is running (${holder}, since ${since}, last heartbeat ${since}); wait for it to finish or pass --wait (a lock without heartbeat for 2 min, or whose process on this host is gone, is taken over)`);
  t.is(refused.stderr.trim().split('\n').length, 1);

  // --wait: the holder finishes once the waiting migrate has announced that it waits.
  const events: string[] = [];
  const waited = await migrate({
    source: { file: dump.path },
    target: scratch.url,
    restart: true,
    wait: true,
    lock: { pollMs: 100 },
    onEvent: (event) => {
      if (event.type !== 'info') return;
      events.push(event.message);
      if (event.message.startsWith('waiting for ')) void scalar(scratch.url, (db) => db.deleteFrom('es2sql_locks').execute());
    },
  });
  t.is(waited.error, undefined, waited.error?.message);
  t.true(events.some((m) => m.startsWith(`waiting for ${holder} (running since ${since})`)), events.join('\n'));
  t.like(waited.stats, { read: dump.count, migrated: dump.count, rejected: 0 });
  t.is(await lockRows(scratch.url), 0);
});

test('a migrate killed with -9 leaves its lock behind; the rerun takes it over at once (holder process gone) and completes with true counts', async (t) => {
  const scratch = await createScratchDatabase('sqlite', 'mlock');
  t.teardown(() => scratch.drop());
  const dump = bigDump('kill9', 30_000);
  let killed = false;
  const { done } = startBin(['migrate', '--source', dump.path, '--target', scratch.url, '--batch-size', '200', '--progress-interval', '0.05'], {
    onStderr: (text, child) => {
      if (!killed && /"entity":"backups","read":[1-9]\d*,.*"finished":false/.test(text)) {
        killed = true;
        child.kill('SIGKILL');
      }
    },
  });
  const crashed = await done;
  t.true(killed, crashed.stderr);
  t.is(crashed.signal, 'SIGKILL');
  t.is(await lockRows(scratch.url), 1, 'the dead process left its lock');

  const started = Date.now();
  const rerun = await runCli(['migrate', '--source', dump.path, '--target', scratch.url]);
  t.is(rerun.code, EXIT_CODES.ok, rerun.stderr);
  t.true(Date.now() - started < 60_000, 'no wait for the heartbeat to age');
  t.regex(rerun.stderr, /^took over the lock left by \S+ pid \d+ migrate \(last heartbeat [^)]+\): that process is gone$/m);
  t.regex(rerun.stdout, new RegExp(`^total +${dump.count.toLocaleString('en-US')} +${dump.count.toLocaleString('en-US')} +${dump.count.toLocaleString('en-US')} +0 +[\\d,]+$`, 'm'));
  t.is(await backupRows(scratch.url), 30_000);
  t.is(await lockRows(scratch.url), 0);
});
