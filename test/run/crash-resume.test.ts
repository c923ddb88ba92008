import test from 'ava';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_DIALECTS, createScratchDatabase, type ScratchDatabase } from '../helpers/databases.ts';
import { canonicalDump, tableCount } from '../helpers/canonical-dump.ts';
import { deleteIndex, esRequest, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';

const MIGRATION_TIME = '2026-01-01T00:00:00.000Z';
let base = '';
let index = '';
let total = 0;

test.before(async () => {
  base = esUrl(8);
  index = uniqueIndex('crash');
  const docs = smallFreezerDocs({ clients: 30, actions: 800, jobs: 1500, sessions: 60, backups: 20000 });
  total = docs.length;
  await esRequest(base, 'PUT', `/${index}`, { settings: { number_of_shards: 3, number_of_replicas: 0 } });
  for (let i = 0; i < docs.length; i += 2000) {
    const lines = docs.slice(i, i + 2000).flatMap((d) => [JSON.stringify({ index: { _index: index, _id: d._id } }), JSON.stringify(d._source)]);
    const result = await esRequest(base, 'POST', '/_bulk', lines.join('\n') + '\n');
    if (result.errors) throw new Error('bulk load failed');
  }
  await esRequest(base, 'POST', `/${index}/_refresh`);
});

test.after.always(async () => {
  if (index) await deleteIndex(base, index);
});

interface ChildRun {
  code: number | null;
  killed: boolean;
  stderr: string;
}

function spawnChild(options: object) {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', 'test/helpers/migrate-child.ts', JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<ChildRun>((resolve) => child.on('exit', (code, signal) => resolve({ code, killed: signal === 'SIGKILL', stderr })));
  return { child, exited };
}

async function runChild(options: object): Promise<ChildRun> {
  return spawnChild(options).exited;
}

/**
 * Runs a migrate child and kills it with SIGKILL once `rowsBeyond` more rows are in the target than
 * `floor` (so the kill lands while batches are being written), or after `ms` when given instead.
 * Resolves the rows counted at the kill (or the exit).
 */
async function runAndKill(options: object, url: string, trigger: { ms: number } | { floor: number; rowsBeyond: number }): Promise<ChildRun & { rows: number }> {
  const { child, exited } = spawnChild(options);
  let done = false;
  void exited.then(() => (done = true));
  if ('ms' in trigger) {
    await new Promise((resolve) => setTimeout(resolve, trigger.ms));
  } else {
    while (!done && (await freezerRows(url)) < trigger.floor + trigger.rowsBeyond) await new Promise((resolve) => setTimeout(resolve, 25));
  }
  if (!done) child.kill('SIGKILL');
  const run = await exited;
  return { ...run, rows: await freezerRows(url) };
}

async function freezerRows(url: string): Promise<number> {
  let sum = 0;
  for (const table of ['clients', 'sessions', 'actions', 'jobs', 'backups']) sum += await tableCount(url, table);
  return sum;
}

for (const dialect of TEST_DIALECTS) {
  // SQLite keeps its state in a separate database file: the two-transaction path (target, then state).
  const separateState = dialect === 'sqlite';
  // The uninterrupted reference runs on one thread; the killed runs read, transform and encode in
  // two worker threads: kill -9 must not matter, and neither must where the pages were encoded.
  test.serial(`${dialect}: kill -9 at random points (2 batch workers), rerun until done: the target equals an uninterrupted one-thread run's${separateState ? ' (separate state database)' : ''}`, async (t) => {
    const reference = await createScratchDatabase(dialect, 'ref');
    const crashed = await createScratchDatabase(dialect, 'crash');
    const stateDir = mkdtempSync(join(tmpdir(), 'es2sql-state-'));
    const stateDb = separateState ? `sqlite:${join(stateDir, 'state.db')}` : undefined;
    const common = { source: { url: base, index }, slices: 3, batchSize: 200, migrationTime: MIGRATION_TIME };
    const crashing = { ...common, workers: 2 };
    const scratches: ScratchDatabase[] = [reference, crashed];
    try {
      const clean = await runChild({ ...common, target: reference.url });
      t.is(clean.code, 0, clean.stderr);

      // One kill during start-up, then kills triggered by progress so each lands mid-write.
      const kills: { at: string; rows: number }[] = [];
      const early = await runAndKill({ ...crashing, target: crashed.url, stateDb }, crashed.url, { ms: 150 + Math.floor(Math.random() * 400) });
      if (early.killed) kills.push({ at: 'start-up', rows: early.rows });
      let floor = early.rows;
      for (let attempt = 0; attempt < 12 && kills.length < 7; attempt++) {
        const rowsBeyond = 400 + Math.floor(Math.random() * 2500);
        const run = await runAndKill({ ...crashing, target: crashed.url, stateDb }, crashed.url, { floor, rowsBeyond });
        if (!run.killed) break;
        kills.push({ at: `+${rowsBeyond} rows`, rows: run.rows });
        floor = run.rows;
      }
      const final = await runChild({ ...crashing, target: crashed.url, stateDb });
      t.is(final.code, 0, final.stderr);
      t.log(`kills: ${kills.map((k) => `${k.at} → ${k.rows} rows`).join('; ')}`);
      const midWrite = kills.filter((k) => k.rows > 0 && k.rows < total);
      t.true(midWrite.length >= 5, `only ${midWrite.length} kills landed while rows were being written`);

      const [expected, actual] = await Promise.all([canonicalDump(reference.url), canonicalDump(crashed.url)]);
      t.is(actual.rows.backups, 20000);
      t.deepEqual(actual.rows, expected.rows);
      t.is(actual.sha256, expected.sha256, 'the crashed-and-resumed target differs from the uninterrupted one');
      t.is(Object.values(actual.rows).reduce((a, b) => a + b, 0) >= total, true);
    } finally {
      for (const s of scratches) await s.drop();
      rmSync(stateDir, { recursive: true, force: true });
    }
  });
}
