import { verify, verifyExitCode, type VerifyOptions } from '../../pipeline/run/verify.ts';
import { describeDatabase, describeSource } from '../config/index.ts';
import { InterruptedError } from '../errors/interrupted-error.ts';
import { createProgress } from '../output/create-progress.ts';
import { verifySummary } from '../output/verify-summary.ts';
import type { CommandRunner } from './command-context.ts';
import { runEventHandler } from './run-event-progress.ts';
import { sourceSpecFrom } from './source-spec-from.ts';
import { separateStateDb } from './state-db.ts';
import { mappingFrom } from './mapping-from.ts';

/**
 * `es2sql verify`: compares Elasticsearch with SQL document by document (read-only on both sides),
 * prints per entity what matched and what differs, writes the HTML + JSON report with --report.
 * Exit 0 when they match, 4 when they differ.
 */
export const runVerifyCommand: CommandRunner = async ({ args, config, output, io, signal }) => {
  const { spec, note } = sourceSpecFrom(config.source!);
  if (note) output.info(`note: ${note}`);
  const progress = createProgress(output, { isTTY: io.isTTY, intervalMs: args.progressIntervalMs });
  const options: VerifyOptions = { source: spec, mapping: await mappingFrom(config, spec), target: config.target!, signal, onEvent: runEventHandler(output, progress) };
  const stateDb = separateStateDb(config);
  if (stateDb !== undefined) options.stateDb = stateDb;
  if (config.slices !== undefined) options.slices = config.slices;
  if (config.batchSize !== undefined) options.batchSize = config.batchSize;
  if (config.defaultProjectId !== undefined) options.defaultProjectId = config.defaultProjectId;
  if (config.reportPath !== undefined) options.reportPath = config.reportPath;
  output.info(`verifying ${describeSource(config.source!)} against ${describeDatabase(config.target!, config.cwd, config.secrets)} (read-only)`);
  let result;
  try {
    result = await verify(options);
  } finally {
    progress.stop();
  }
  if (signal.aborted) throw new InterruptedError('interrupted; nothing was written, run verify again');
  if (result.error) throw result.error;
  output.summary(verifySummary(result.report));
  if (result.files) output.info(`report: ${result.files.html} (and ${result.files.json})`);
  return verifyExitCode(result);
};
