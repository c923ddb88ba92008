import { cutover, type CutoverOptions } from '../../pipeline/run/cutover.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { differenceLines } from '../../pipeline/sync/difference-summary.ts';
import { syncReportLines } from '../../pipeline/sync/sync-report.ts';
import { describeDatabase, describeSource } from '../config/index.ts';
import { InterruptedError } from '../errors/interrupted-error.ts';
import { createProgress } from '../output/create-progress.ts';
import type { CommandRunner } from './command-context.ts';
import { sourceSpecFrom } from './source-spec-from.ts';
import { separateStateDb } from './state-db.ts';
import { syncEventHandler } from './sync-event-progress.ts';
import { mappingFrom } from './mapping-from.ts';

/**
 * `es2sql cutover`: final sync, verification gate, cutover marker; prints the freezer-api.conf
 * change to make. Exit 0 cut over (or already), 4 refused because SQL differs from Elasticsearch
 * (the first differences are printed, the report has them all), 2 failed, 130 interrupted.
 */
export const runCutoverCommand: CommandRunner = async ({ args, config, output, io, signal }) => {
  const { spec, note } = sourceSpecFrom(config.source!);
  if (note) output.info(`note: ${note}`);
  const progress = createProgress(output, { isTTY: io.isTTY, intervalMs: args.progressIntervalMs });
  const options: CutoverOptions = { source: spec, mapping: await mappingFrom(config, spec), target: config.target!, signal, onEvent: syncEventHandler(output, progress) };
  const stateDb = separateStateDb(config);
  if (stateDb !== undefined) options.stateDb = stateDb;
  if (config.slices !== undefined) options.slices = config.slices;
  if (config.batchSize !== undefined) options.batchSize = config.batchSize;
  if (config.reportPath !== undefined) options.reportPath = config.reportPath;
  if (args.deleteMode !== undefined) options.deleteMode = args.deleteMode;
  if (args.wait) options.wait = true;
  output.info(`cutting over ${describeSource(config.source!)} → ${describeDatabase(config.target!, config.cwd, config.secrets)}: final sync, then verify`);
  let result;
  try {
    result = await cutover(options);
    for (const entity of Object.keys(result.stats.finalSync?.partitions ?? {})) progress.finish(entity);
  } finally {
    progress.stop();
  }
  if (result.stats.finalSync) output.summary(syncReportLines(result.stats.finalSync).join('\n'));
  if (signal.aborted) throw new InterruptedError('interrupted; nothing was cut over, rerun cutover');
  if (result.error) {
    if (result.report && !result.report.clean) output.summary(['First differences:', ...differenceLines(result.report)].join('\n'));
    throw result.error;
  }
  const change = result.config!;
  output.summary(
    [
      result.stats.alreadyCutOver
        ? `Already cut over at ${result.stats.cutOverAt}; freezer-api.conf should read:`
        : `Cut over at ${result.stats.cutOverAt}: SQL matches Elasticsearch. Set this in freezer-api.conf, then restart freezer-api:`,
      '',
      change.text,
      '',
      ...change.notes.map((line) => `note: ${line}`),
    ].join('\n').trimEnd(),
  );
  return EXIT_CODES.ok;
};
