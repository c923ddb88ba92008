import test from 'ava';
import { sync, type SyncEvent } from '../../pipeline/run/sync.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { SweepIncompleteError } from '../../pipeline/sync/sync-errors.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { esError, injectShardFailure, type FaultAction, type FaultPlan, type ProxiedRequest } from '../helpers/fault-proxy.ts';
import { errorLine, runCli } from '../cli/helpers/run-cli.ts';
import { sqlIdOf } from './helpers/freezer-edits.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows } from './helpers/fresh-migration.ts';
import { documentMap } from './helpers/state-tables.ts';
import { MIGRATION_TIME, MigratedPair } from './helpers/synced-pair.ts';

const PAIRS: Array<[number, Dialect]> = ([[1, 'mysql'], [2, 'sqlite'], [6, 'postgres'], [8, 'postgres'], [7, 'mysql']] as Array<[number, Dialect]>).filter(
  ([major, dialect]) => TEST_ES_MAJORS.includes(major) && TEST_DIALECTS.includes(dialect),
);

/** `viaCli`: also run the command line into the fault (it retries transient failures with its default, slow backoff, so only for errors that are not retried). */
const FAULTS: Array<{ name: string; action: () => FaultAction; viaCli: boolean }> = [
  { name: 'shards failing', action: () => ({ do: 'rewrite', rewrite: (text) => injectShardFailure(text) }), viaCli: false },
  { name: 'HTTP 500', action: () => ({ do: 'respond', ...esError(500, 'search_phase_execution_exception', 'all shards failed (injected)') }), viaCli: true },
];

/** A page of the id sweep: the scroll that follows a sweep's first page, or a `_source: false` search. */
function isSweepPage(request: ProxiedRequest): boolean {
  return request.kind === 'scroll' || (request.kind === 'search' && request.body.includes('"_source":false'));
}

/** Lets the first pages of the sweep through, then fails every further one until the sweep phase ends. */
function failingSweep(fault: () => FaultAction, phase: { sweeping: boolean }): FaultPlan {
  let pages = 0;
  return (request) => (phase.sweeping && isSweepPage(request) && ++pages > 2 ? fault() : { do: 'forward' });
}

const FAST_RETRIES = { maxRetries: 1, retryBaseDelayMs: 5, retryMaxDelayMs: 20 };

for (const [major, dialect] of PAIRS) {
  for (const fault of FAULTS) {
    test(`ES ${major} → ${dialect}: a sweep interrupted by ${fault.name} deletes nothing; the next complete sweep does`, async (t) => {
      const pair = await MigratedPair.create(esUrl(major), major, dialect);
      const tables = new FreezerTables(pair.scratch.url);
      try {
        const deleted = await pair.edit();
        const phase = { sweeping: true };
        pair.plan = failingSweep(fault.action, phase);
        const source = { ...pair.source, ...FAST_RETRIES };
        const result = await sync({
          source,
          target: pair.scratch.url,
          slices: 1,
          sweepPageSize: 2,
          onEvent: (event: SyncEvent) => {
            if (event.type === 'found') phase.sweeping = false;
          },
        });
        t.true(result.error instanceof SweepIncompleteError, String(result.error));
        t.notRegex(result.error!.message, /\n/);
        t.regex(result.error!.message, /^the sweep of \w+ did not complete \(.+\); no deletes were applied, only new and changed documents; rerun sync$/);
        t.false(result.stats.sweepComplete);
        t.true(result.stats.workRemains);
        for (const p of Object.values(result.stats.partitions)) t.is(p.deleted, 0);
        for (const gone of deleted) {
          const row = await tables.row(gone._type, sqlIdOf(gone));
          t.is(Number(row?.deleted), 0, `${gone._type} ${gone._id} still visible`);
          t.is(row?.deleted_at, null);
        }
        const states = await documentMap(pair.scratch.url, result.stats.pipelineId);
        t.true(deleted.every((gone) => states.get(`${gone._type}/${gone._id}`) === 'loaded'), 'the document map still has them loaded');

        if (fault.viaCli) {
          // The same failure through the command line: one line, exit 2, still nothing deleted.
          phase.sweeping = true;
          pair.plan = failingSweep(fault.action, phase);
          const cli = await runCli(['sync', '--source', pair.source.url, '--index', pair.source.index, '--target', pair.scratch.url, '--slices', '1']);
          t.is(cli.code, EXIT_CODES.error);
          t.regex(errorLine(cli) ?? '', /did not complete .*no deletes were applied/);
          for (const gone of deleted) t.is((await tables.row(gone._type, sqlIdOf(gone)))?.deleted_at, null);
        }

        pair.plan = () => ({ do: 'forward' });
        const rerun = await sync({ source: pair.source, target: pair.scratch.url, slices: 2 });
        t.is(rerun.error, undefined, rerun.error?.message);
        t.true(rerun.stats.sweepComplete);
        t.is(Object.values(rerun.stats.partitions).reduce((n, p) => n + p.deleted, 0), deleted.length);
        for (const gone of deleted) t.truthy((await tables.row(gone._type, sqlIdOf(gone)))?.deleted_at, `${gone._type} ${gone._id} soft-deleted now`);
        t.deepEqual(liveRows(await tables.dump()), await freshMigrationDump(pair.directSource, dialect, MIGRATION_TIME));
      } finally {
        await tables.close();
        await pair.close();
      }
    });
  }
}
