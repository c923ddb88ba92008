import test from 'ava';
import type { SyncEvent, SyncStats } from '../../pipeline/run/sync.ts';
import { syncEvery } from '../../pipeline/run/sync-every.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';
import { MIGRATION_TIME, MigratedPair } from './helpers/synced-pair.ts';

test('syncEvery keeps syncing while Elasticsearch changes, applies every change, reports every run with its lag, and stops on the signal', async (t) => {
  const major = TEST_ES_MAJORS.includes(7) ? 7 : TEST_ES_MAJORS[0]!;
  const dialect: Dialect = TEST_DIALECTS.includes('postgres') ? 'postgres' : TEST_DIALECTS[0]!;
  const pair = await MigratedPair.create(esUrl(major), major, dialect);
  const tables = new FreezerTables(pair.scratch.url);
  try {
    const controller = new AbortController();
    const runs: SyncStats[] = [];
    let edits: Promise<unknown> | undefined;
    // The run in progress when the edits finished may have swept before the last of them; only a
    // run started after that one is sure to see them all.
    let lastRunBeforeEditsDone: number | undefined;
    let lastRun = 0;
    const looped = await syncEvery({
      source: pair.source,
      target: pair.scratch.url,
      everyMs: 300,
      maxRuns: 30,
      signal: controller.signal,
      onEvent: (event: SyncEvent) => {
        if (event.type !== 'run-done') return;
        t.is(event.error, undefined, event.error?.message);
        runs.push(event.stats);
        lastRun = event.run;
        // Elasticsearch changes while the loop runs; stop once a run started after the edits found nothing.
        if (event.run === 1) edits = pair.edit().then(() => (lastRunBeforeEditsDone = lastRun));
        else if (lastRunBeforeEditsDone !== undefined && event.run > lastRunBeforeEditsDone + 1 && event.stats.found === 0) controller.abort();
      },
    });
    await edits;
    t.is(looped.error, undefined);
    t.is(looped.runs, runs.length);
    t.true(runs.length >= 3 && runs.length < 30, `${runs.length} runs`);
    for (const [i, stats] of runs.entries()) t.log(`run ${i + 1}: found ${stats.found}, done ${stats.done}`);
    // Runs overlap the edits, so a document may be written by two of them (writes are idempotent);
    // the exact counts of syncs without concurrent edits are test/sync/sync-changes' business.
    const done = runs.reduce((n, s) => n + s.done, 0);
    t.true(done >= 15 && done <= 20, `${done} documents applied over the runs for 15 changes`);
    t.is(runs.at(-1)!.found, 0, 'the last run found nothing left');
    for (const stats of runs) {
      t.false(stats.workRemains);
      t.true(typeof stats.lagMs === 'number' && stats.lagMs >= 0 && stats.lagMs <= stats.elapsedMs, `lag ${stats.lagMs} within the run's ${stats.elapsedMs} ms`);
    }
    t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(pair.directSource, dialect, MIGRATION_TIME));
  } finally {
    await tables.close();
    await pair.close();
  }
});
