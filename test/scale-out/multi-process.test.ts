import test from 'ava';
import { setTimeout as sleep } from 'node:timers/promises';
import { bulkLoad, generateCorpus, prepareIndices, restoreRefreshInterval } from '../../fixtures/corpus/index.ts';
import { canonicalDump } from '../helpers/canonical-dump.ts';
import { TEST_DIALECTS, createScratchDatabase, type ScratchDatabase } from '../helpers/databases.ts';
import { deleteIndex, esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';
import { finished, startCli, startNode, type ProcessExit } from './helpers/cli-process.ts';
import { StateView } from './helpers/state-view.ts';

const SLICES = 3;
const BATCH = 25;
let base = '';
let index = '';

test.before(async () => {
  base = esUrl(8);
  index = uniqueIndex('scale');
  const names = await prepareIndices({ url: base, index, layout: 'typeless', major: 8 }, false);
  await bulkLoad(generateCorpus({ docs: 1500, seed: 23, index, layout: 'typeless', allowVersionInSource: false }), { url: base, major: 8 });
  await restoreRefreshInterval(base, names, 8);
});

test.after.always(async () => {
  if (index) await deleteIndex(base, index);
});

function migrateArgs(target: string, slice: number): string[] {
  return ['migrate', '--source', base, '--index', index, '--target', target, '--slices', String(SLICES), '--slice', String(slice), '--batch-size', String(BATCH), '--quiet'];
}

function describeExit(run: ProcessExit): string {
  return `exit ${run.code}${run.killed ? ' (killed)' : ''}: ${run.stderr.trim() || run.stdout.trim().slice(-500)}`;
}

/** One process, all slices, the given migration time: what the processes together must have written. */
async function singleProcessDump(dialect: ScratchDatabase['dialect'], migrationTime: string) {
  const single = await createScratchDatabase(dialect, 'single');
  try {
    const options = { source: { url: base, index }, target: single.url, slices: SLICES, batchSize: BATCH, migrationTime };
    const run = await startNode('test/helpers/migrate-child.ts', [JSON.stringify(options)]).exited;
    if (!finished(run)) throw new Error(`single-process migrate failed: ${describeExit(run)}`);
    const state = new StateView(single.url);
    try {
      return { dump: await canonicalDump(single.url), bookkeeping: await state.bookkeeping() };
    } finally {
      await state.close();
    }
  } finally {
    await single.drop();
  }
}

/** The run record a scale-out migration left: exactly one, completed. */
async function onlyRun(state: StateView) {
  const runs = await state.runs();
  if (runs.length !== 1) throw new Error(`expected one run record, found ${runs.length}: ${JSON.stringify(runs)}`);
  return runs[0]!;
}

for (const dialect of TEST_DIALECTS) {
  test.serial(`${dialect}: three processes (--slice 0..2 --slices 3) write what one process writes`, async (t) => {
    const scaled = await createScratchDatabase(dialect, 'scaled');
    const state = new StateView(scaled.url);
    try {
      const runs = await Promise.all([0, 1, 2].map((slice) => startCli(migrateArgs(scaled.url, slice)).exited));
      for (const run of runs) t.true(finished(run), describeExit(run));
      const run = await onlyRun(state);
      t.is(run.status, 'completed');

      const expected = await singleProcessDump(dialect, run.migrationTime);
      const actual = await canonicalDump(scaled.url);
      t.deepEqual(actual.rows, expected.dump.rows);
      t.is(actual.sha256, expected.dump.sha256, 'three processes wrote other rows than one process');
      t.is(await state.bookkeeping(), expected.bookkeeping, 'document map or rejects differ from one process');
    } finally {
      await state.close();
      await scaled.drop();
    }
  });

  test.serial(`${dialect}: kill -9 one of three processes mid-run, rerun it alone: the run completes with the same rows`, async (t) => {
    const target = await createScratchDatabase(dialect, 'killed');
    const state = new StateView(target.url);
    try {
      const processes = [0, 1, 2].map((slice) => startCli(migrateArgs(target.url, slice)));
      const victim = processes[1]!;
      let victimEnded = false;
      void victim.exited.then(() => (victimEnded = true));
      // Kill once slice 1 has committed batches of three partitions (clients, sessions, actions),
      // before it has written its jobs and backups.
      while (!victimEnded && (await state.sliceProgress(1)).started < 3) await sleep(20);
      victim.child.kill('SIGKILL');
      const [first, killed, third] = await Promise.all(processes.map((p) => p.exited));
      t.true(killed!.killed, `slice 1 ended before the kill: ${describeExit(killed!)}`);
      t.true(finished(first!), describeExit(first!));
      t.true(finished(third!), describeExit(third!));
      const progress = await state.sliceProgress(1);
      t.log(`slice 1 at the kill: ${progress.started} partitions started, ${progress.done} done`);
      t.not((await onlyRun(state)).status, 'completed', 'the run completed without the killed process');

      const rerun = await startCli(migrateArgs(target.url, 1)).exited;
      t.true(finished(rerun), describeExit(rerun));
      const run = await onlyRun(state);
      t.is(run.status, 'completed');

      const expected = await singleProcessDump(dialect, run.migrationTime);
      const actual = await canonicalDump(target.url);
      t.deepEqual(actual.rows, expected.dump.rows);
      t.is(actual.sha256, expected.dump.sha256, 'killed-and-rerun processes wrote other rows than one process');
      t.is(await state.bookkeeping(), expected.bookkeeping, 'document map or rejects differ from one process');
    } finally {
      await state.close();
      await target.drop();
    }
  });
}
