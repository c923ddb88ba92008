import { validate, validateExitCode, type ValidateOptions } from '../../pipeline/run/validate.ts';
import { describeSource } from '../config/index.ts';
import { InterruptedError } from '../errors/interrupted-error.ts';
import { createProgress } from '../output/create-progress.ts';
import { validateSummary } from '../output/validate-summary.ts';
import type { CommandRunner } from './command-context.ts';
import { layoutChoiceFrom } from './layout-choice-from.ts';
import { mappingFrom } from './mapping-from.ts';
import { runEventHandler } from './run-event-progress.ts';
import { sourceSpecFrom } from './source-spec-from.ts';

/**
 * `es2sql validate`: the dry run. Reads every document, checks it against the target's schema (or
 * a layout's definition with --dialect), writes nothing to the target; prints what would be
 * migrated and rejected, and writes the HTML + JSON report with --report. Exit 0 clean, 3 when
 * documents would be rejected or references would dangle.
 */
export const runValidateCommand: CommandRunner = async ({ args, config, output, io, signal }) => {
  const { spec, note } = sourceSpecFrom(config.source!);
  if (note) output.info(`note: ${note}`);
  const progress = createProgress(output, { isTTY: io.isTTY, intervalMs: args.progressIntervalMs });
  const options: ValidateOptions = { source: spec, mapping: await mappingFrom(config, spec), signal, onEvent: runEventHandler(output, progress) };
  if (config.target !== undefined) options.target = config.target;
  if (args.dialect !== undefined) options.dialect = args.dialect;
  const layout = layoutChoiceFrom(config);
  if (layout) options.layout = layout;
  if (config.slices !== undefined) options.slices = config.slices;
  if (config.batchSize !== undefined) options.batchSize = config.batchSize;
  if (config.defaultProjectId !== undefined) options.defaultProjectId = config.defaultProjectId;
  if (config.reportPath !== undefined) options.reportPath = config.reportPath;
  output.info(`validating ${describeSource(config.source!)} (dry run: nothing is written to the target)`);
  let result;
  try {
    result = await validate(options);
  } finally {
    progress.stop();
  }
  if (signal.aborted) throw new InterruptedError('interrupted; nothing was written, run validate again');
  if (result.error) throw result.error;
  output.summary(validateSummary(result.report));
  if (result.files) output.info(`report: ${result.files.html} (and ${result.files.json})`);
  return validateExitCode(result);
};
