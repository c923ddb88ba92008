import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { migrate, type MigrateOptions } from '../../pipeline/run/migrate.ts';
import { describeDatabase, describeSource } from '../config/index.ts';
import { InterruptedError } from '../errors/interrupted-error.ts';
import { createProgress } from '../output/create-progress.ts';
import { migrateSummary } from '../output/migrate-summary.ts';
import { writeJsonReport } from '../output/write-json-report.ts';
import type { CommandContext, CommandRunner } from './command-context.ts';
import { layoutChoiceFrom } from './layout-choice-from.ts';
import { mappingFrom } from './mapping-from.ts';
import { runEventHandler } from './run-event-progress.ts';
import { sourceSpecFrom } from './source-spec-from.ts';
import { separateStateDb } from './state-db.ts';
import { defaultWorkers } from './default-workers.ts';
import { binBundlePreload } from '../bin-bundle.ts';

/** The library options of `es2sql migrate` from the resolved configuration. */
export function migrateOptionsFrom(context: CommandContext, onEvent: MigrateOptions['onEvent']): MigrateOptions {
  const { config, args, signal } = context;
  const { spec, note } = sourceSpecFrom(config.source!);
  if (note) context.output.info(`note: ${note}`);
  const options: MigrateOptions = { source: spec, target: config.target!, restart: args.restart, signal, onEvent };
  const stateDb = separateStateDb(config);
  if (stateDb !== undefined) options.stateDb = stateDb;
  const layout = layoutChoiceFrom(config);
  if (layout) options.layout = layout;
  if (config.slices !== undefined) options.slices = config.slices;
  if (config.slice !== undefined && config.slices !== undefined) options.process = { index: config.slice, count: config.slices };
  if (config.batchSize !== undefined) options.batchSize = config.batchSize;
  options.workers = config.workers ?? defaultWorkers();
  options.workerPreload = binBundlePreload();
  if (config.defaultProjectId !== undefined) options.defaultProjectId = config.defaultProjectId;
  if (args.wait) options.wait = true;
  return options;
}

/**
 * `es2sql migrate`: runs the library's `migrate` with live progress, prints the summary table and
 * writes the report. Exit 0 when every document was migrated, 3 when some were rejected.
 */
export const runMigrateCommand: CommandRunner = async (context) => {
  const { config, output, io, args } = context;
  const source = describeSource(config.source!);
  const target = describeDatabase(config.target!, config.cwd, config.secrets);
  const progress = createProgress(output, { isTTY: io.isTTY, intervalMs: args.progressIntervalMs });
  const options = migrateOptionsFrom(context, runEventHandler(output, progress));
  options.mapping = await mappingFrom(config, options.source);
  output.info(`migrating ${source} into ${target}`);
  let result;
  try {
    result = await migrate(options);
  } finally {
    progress.stop();
  }
  const interrupted = context.signal.aborted;
  if (config.reportPath !== undefined) {
    await writeJsonReport(config.reportPath, { command: 'migrate', source, target, finishedAt: new Date().toISOString(), stats: result.stats, error: result.error?.message ?? null }, output.redactor);
  }
  if (result.stats.runId && (!result.error || interrupted)) {
    output.summary(migrateSummary(result.stats, { source, target, stopped: interrupted }));
  }
  if (interrupted) throw new InterruptedError();
  if (result.error) throw result.error;
  if (config.reportPath !== undefined) output.info(`report: ${config.reportPath}`);
  return result.stats.rejected > 0 ? EXIT_CODES.rejects : EXIT_CODES.ok;
};
