import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { sync, type SyncOptions } from '../../pipeline/run/sync.ts';
import { syncEvery } from '../../pipeline/run/sync-every.ts';
import { syncReportLines, syncSummaryLine } from '../../pipeline/sync/sync-report.ts';
import { describeDatabase, describeSource } from '../config/index.ts';
import { describeFailure } from '../errors/describe-failure.ts';
import { InterruptedError } from '../errors/interrupted-error.ts';
import { createProgress } from '../output/create-progress.ts';
import { NO_PROGRESS } from '../output/progress.ts';
import { writeJsonReport } from '../output/write-json-report.ts';
import type { CommandContext, CommandRunner } from './command-context.ts';
import { sourceSpecFrom } from './source-spec-from.ts';
import { separateStateDb } from './state-db.ts';
import { syncEventHandler } from './sync-event-progress.ts';
import { mappingFrom } from './mapping-from.ts';

/** The library options of `es2sql sync` (and of cutover's final sync) from the resolved configuration. */
export function syncOptionsFrom(context: CommandContext): SyncOptions {
  const { config, args, signal, output } = context;
  const { spec, note } = sourceSpecFrom(config.source!);
  if (note) output.info(`note: ${note}`);
  const options: SyncOptions = { source: spec, target: config.target!, signal };
  const stateDb = separateStateDb(config);
  if (stateDb !== undefined) options.stateDb = stateDb;
  if (config.slices !== undefined) options.slices = config.slices;
  if (config.batchSize !== undefined) options.batchSize = config.batchSize;
  if (args.maxCount !== undefined) options.maxCount = args.maxCount;
  if (args.deleteMode !== undefined) options.deleteMode = args.deleteMode;
  if (args.force) options.force = true;
  if (args.wait) options.wait = true;
  return options;
}

async function syncLoop(context: CommandContext, options: SyncOptions, everyMs: number): Promise<number> {
  const { output, signal } = context;
  const handle = syncEventHandler(output, NO_PROGRESS);
  let lastFailed = false;
  const looped = await syncEvery({
    ...options,
    everyMs,
    onEvent: (event) => {
      if (event.type !== 'run-done') return handle(event);
      lastFailed = event.error !== undefined || event.stats.workRemains;
      const at = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
      if (event.error) output.warn(`${at} sync run ${event.run} failed: ${describeFailure(event.error, { databases: [] }).message}; retrying in the next period`);
      else output.summary(`${at} sync run ${event.run}: found ${event.stats.found}, done ${event.stats.done}; ${syncSummaryLine(event.stats)}`);
    },
  });
  if (looped.error) throw looped.error;
  if (signal.aborted) {
    if (lastFailed) throw new InterruptedError();
    output.info(`stopped after ${looped.runs} sync run${looped.runs === 1 ? '' : 's'}; SQL was in step with the source after the last one`);
  }
  return EXIT_CODES.ok;
}

/**
 * `es2sql sync`: applies new, changed and deleted documents since the last migrate or sync, with a
 * progress bar per entity; prints found/done/remaining per entity. Exit 0 when SQL is in step,
 * 1 when `--max-count` left changes (run it again). With `--every`, keeps syncing at that period
 * (one line per run) until interrupted.
 */
export const runSyncCommand: CommandRunner = async (context) => {
  const { args, config, output, io, signal } = context;
  const options = syncOptionsFrom(context);
  options.mapping = await mappingFrom(context.config, options.source);
  output.info(`syncing ${describeSource(config.source!)} into ${describeDatabase(config.target!, config.cwd, config.secrets)}`);
  if (args.everyMs !== undefined) return syncLoop(context, options, args.everyMs);
  const progress = createProgress(output, { isTTY: io.isTTY, intervalMs: args.progressIntervalMs });
  let result;
  try {
    result = await sync({ ...options, onEvent: syncEventHandler(output, progress) });
    if (!result.error) for (const entity of Object.keys(result.stats.partitions)) progress.finish(entity);
  } finally {
    progress.stop();
  }
  if (config.reportPath !== undefined) {
    await writeJsonReport(config.reportPath, { command: 'sync', finishedAt: new Date().toISOString(), stats: result.stats, error: result.error?.message ?? null }, output.redactor);
  }
  if (result.stats.sweepMs > 0 || result.stats.found > 0) output.summary(syncReportLines(result.stats).join('\n'));
  if (signal.aborted) throw new InterruptedError();
  if (result.error) throw result.error;
  return result.stats.workRemains ? EXIT_CODES.workRemains : EXIT_CODES.ok;
};
