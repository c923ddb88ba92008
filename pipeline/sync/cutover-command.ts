import { cutover, type CutoverOptions } from '../run/cutover.ts';
import { EXIT_CODES } from '../run/exit-codes.ts';
import { differenceLines } from './difference-summary.ts';
import { eventLine, exitCodeOfError, oneLineError, type CommandIo } from './sync-command.ts';
import { syncReportLines } from './sync-report.ts';

/** `es2sql cutover` as the CLI parsed it. */
export type CutoverCommandInput = Omit<CutoverOptions, 'onEvent' | 'signal'>;

/**
 * Runs `es2sql cutover` and returns its exit code: 0 cut over (prints the final sync, then the exact
 * freezer-api.conf change and its notes), 4 refused because SQL differs from Elasticsearch (prints
 * the first differences; the report file has them all), 2 failed, 64 usage, 130 interrupted.
 */
export async function runCutoverCommand(input: CutoverCommandInput, io: CommandIo, signal?: AbortSignal): Promise<number> {
  const result = await cutover({
    ...input,
    signal,
    onEvent: (event) => {
      const line = eventLine(event);
      if (line !== undefined) io.err(line);
    },
  });
  if (result.stats.finalSync) for (const line of syncReportLines(result.stats.finalSync)) io.out(line);
  if (result.error) {
    if (result.report && !result.report.clean) for (const line of differenceLines(result.report)) io.out(line);
    io.err(`es2sql cutover: ${oneLineError(result.error)}`);
    return exitCodeOfError(result.error, signal);
  }
  const config = result.config!;
  io.out(result.stats.alreadyCutOver ? `already cut over at ${result.stats.cutOverAt}; freezer-api.conf should read:` : `cut over at ${result.stats.cutOverAt}: SQL matches Elasticsearch. Set in freezer-api.conf, then restart freezer-api:`);
  io.out('');
  for (const line of config.text.split('\n')) io.out(line);
  io.out('');
  for (const note of config.notes) io.out(`note: ${note}`);
  return EXIT_CODES.ok;
}
