import test from 'ava';
import { sync, type SyncEvent, type SyncResult } from '../../pipeline/run/sync.ts';
import { LockHeldError, LockLostError } from '../../pipeline/sync/sync-errors.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { parseSourceUrl } from '../../pipeline/source/es-url.ts';
import { pipelineId } from '../../pipeline/state/pipeline-id.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import type { FaultPlan } from '../helpers/fault-proxy.ts';
import { errorLine, runCli } from '../cli/helpers/run-cli.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';
import { MIGRATION_TIME, MigratedPair } from './helpers/synced-pair.ts';
import { stateRows } from './helpers/state-tables.ts';

const MAJOR = TEST_ES_MAJORS.includes(8) ? 8 : TEST_ES_MAJORS[0]!;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Holds every fetch-by-id (the apply phase) for a while, so the sync holding the lock is still running. */
function slowFetches(ms: number): FaultPlan {
  return (request) => (request.kind === 'search' && request.body.includes('"ids"') ? { do: 'forward', before: async () => void (await sleep(ms)) } : { do: 'forward' });
}

function pipelineOf(pair: MigratedPair): string {
  return pipelineId(parseSourceUrl(pair.source.url).display, pair.source.index, parseDatabaseUrl(pair.scratch.url));
}

async function insertLock(url: string, pipeline: string, holder: string, heartbeat: Date): Promise<void> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    await db.insertInto('es2sql_locks').values({ pipeline_id: pipeline, holder, acquired_at: heartbeat.toISOString(), heartbeat_at: heartbeat.toISOString() }).execute();
  } finally {
    await db.destroy();
  }
}

/** Starts a second sync as soon as the first one has found its changes (it holds the lock then). */
async function overlapping(pair: MigratedPair, second: () => Promise<SyncResult>): Promise<[SyncResult, SyncResult]> {
  let started: Promise<SyncResult> | undefined;
  const first = await sync({
    source: pair.source,
    target: pair.scratch.url,
    slices: 2,
    onEvent: (event: SyncEvent) => {
      if (event.type === 'found') started = second();
    },
  });
  return [first, await started!];
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: a second sync while one runs refuses with one line naming the holder (exit 2); the result equals one sync`, async (t) => {
    const pair = await MigratedPair.create(esUrl(MAJOR), MAJOR, dialect);
    const tables = new FreezerTables(pair.scratch.url);
    try {
      await pair.edit();
      pair.plan = slowFetches(1500);
      let cli: Awaited<ReturnType<typeof runCli>> | undefined;
      const [first, second] = await overlapping(pair, async () => {
        const result = await sync({ source: pair.source, target: pair.scratch.url });
        cli = await runCli(['sync', '--source', pair.source.url, '--index', pair.source.index, '--target', pair.scratch.url]);
        return result;
      });
      t.is(first.error, undefined, first.error?.message);
      t.like(first.stats, { found: 15, done: 15, workRemains: false });
      t.true(second.error instanceof LockHeldError, String(second.error));
      const message = second.error!.message;
      t.notRegex(message, /\n/);
      t.regex(message, /^another sync of this source and target is running \(\S+ pid \d+ sync [0-9a-f-]{36}, since \d{4}-\d\d-\d\dT[\d:.]+Z, last heartbeat [^)]+\); wait for it to finish or pass --wait \(a lock without heartbeat for 2 min, or whose process on this host is gone, is taken over\)$/);
      t.is(second.stats.done, 0);
      t.is(cli!.code, EXIT_CODES.error);
      t.regex(errorLine(cli!) ?? '', /^another sync of this source and target is running \(/);
      t.deepEqual(await stateRows(pair.scratch.url, 'es2sql_locks'), [], 'the lock is released');
      t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(pair.directSource, dialect, MIGRATION_TIME));
    } finally {
      await tables.close();
      await pair.close();
    }
  });
}

test('--wait: the second sync waits for the first, then finds nothing left to do', async (t) => {
  const dialect: Dialect = TEST_DIALECTS.includes('postgres') ? 'postgres' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(MAJOR), MAJOR, dialect);
  const tables = new FreezerTables(pair.scratch.url);
  try {
    await pair.edit();
    pair.plan = slowFetches(800);
    const waited: SyncEvent[] = [];
    const [first, second] = await overlapping(pair, () =>
      sync({ source: pair.source, target: pair.scratch.url, wait: true, lock: { pollMs: 100 }, onEvent: (e) => e.type === 'lock-wait' && waited.push(e) }),
    );
    t.is(first.error, undefined, first.error?.message);
    t.is(second.error, undefined, second.error?.message);
    t.like(first.stats, { found: 15, done: 15 });
    t.like(second.stats, { found: 0, done: 0, rows: 0, workRemains: false });
    t.is(waited.length, 1);
    t.regex((waited[0] as { holder: string }).holder, new RegExp(`sync ${first.stats.runId}$`));
    t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(pair.directSource, dialect, MIGRATION_TIME));
  } finally {
    await tables.close();
    await pair.close();
  }
});

test('a lock left by a process that died (no heartbeat for longer than staleMs) is taken over; a live one is waited for, then given up', async (t) => {
  const dialect: Dialect = TEST_DIALECTS.includes('mysql') ? 'mysql' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(MAJOR), MAJOR, dialect);
  try {
    const pipeline = pipelineOf(pair);
    await insertLock(pair.scratch.url, pipeline, 'backup-host-7 pid 4242 sync dead', new Date(Date.now() - 10 * 60_000));
    const events: SyncEvent[] = [];
    const taken = await sync({ source: pair.source, target: pair.scratch.url, onEvent: (e) => events.push(e) });
    t.is(taken.error, undefined, taken.error?.message);
    t.like(events.find((e) => e.type === 'lock-takeover'), { previousHolder: 'backup-host-7 pid 4242 sync dead' });
    t.deepEqual(await stateRows(pair.scratch.url, 'es2sql_locks'), []);

    await insertLock(pair.scratch.url, pipeline, 'backup-host-8 pid 77 sync alive', new Date());
    const started = Date.now();
    const refused = await sync({ source: pair.source, target: pair.scratch.url, wait: 600, lock: { pollMs: 100 } });
    t.true(Date.now() - started >= 600, 'waited the time it was given');
    t.true(refused.error instanceof LockHeldError);
    t.regex(refused.error!.message, /^another sync of this source and target is running \(backup-host-8 pid 77 sync alive, since .*\); gave up waiting; try again later/);
    t.is((await stateRows(pair.scratch.url, 'es2sql_locks'))[0]?.holder, 'backup-host-8 pid 77 sync alive', 'a lock it does not own is never removed');
  } finally {
    await pair.close();
  }
});

test('a sync whose lock is taken over while it runs (its heartbeats stopped) stops writing with a one-line error', async (t) => {
  const dialect: Dialect = TEST_DIALECTS.includes('sqlite') ? 'sqlite' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(MAJOR), MAJOR, dialect);
  try {
    await pair.edit();
    const pipeline = pipelineOf(pair);
    pair.plan = (request) =>
      request.kind === 'search' && request.body.includes('"ids"')
        ? {
            do: 'forward',
            before: async () => {
              // Another process decided this one was dead and took the lock over.
              const db = openDatabase(parseDatabaseUrl(pair.scratch.url), { poolSize: 1 });
              await db.updateTable('es2sql_locks').set({ holder: 'backup-host-9 pid 1 sync other' }).where('pipeline_id', '=', pipeline).execute();
              await db.destroy();
              await sleep(400);
            },
          }
        : { do: 'forward' };
    const result = await sync({ source: pair.source, target: pair.scratch.url, batchSize: 2, lock: { heartbeatMs: 100 } });
    t.true(result.error instanceof LockLostError, String(result.error));
    t.notRegex(result.error!.message, /\n/);
    t.regex(result.error!.message, /^lost the sync lock of pipeline [0-9a-f]+: another process took it over/);
    t.true(result.stats.workRemains);
    t.true(result.stats.done < 15, 'it stopped before applying everything');
    t.is((await stateRows(pair.scratch.url, 'es2sql_locks'))[0]?.holder, 'backup-host-9 pid 1 sync other');
  } finally {
    await pair.close();
  }
});
