import { BarProgress } from './bar-progress.ts';
import type { CliOutput } from './cli-output.ts';
import { JsonProgress } from './json-progress.ts';
import { NO_PROGRESS, type Progress } from './progress.ts';

/** Bars on a terminal, JSON lines every `intervalMs` otherwise, nothing with --quiet. */
export function createProgress(output: CliOutput, options: { isTTY: boolean; intervalMs: number }): Progress {
  if (output.quiet) return NO_PROGRESS;
  return options.isTTY ? new BarProgress(output) : new JsonProgress(output, options.intervalMs);
}
