import type { Es2sqlArgs } from '../es2sql-args.ts';
import type { CliIo } from '../cli-io.ts';
import type { ResolvedConfig } from '../config/index.ts';
import type { CliOutput } from '../output/cli-output.ts';

/** What every command runner gets: its checked options, the resolved configuration, output and the interrupt signal. */
export interface CommandContext {
  args: Es2sqlArgs;
  config: ResolvedConfig;
  output: CliOutput;
  io: CliIo;
  /** Aborted by the first SIGINT/SIGTERM: the run stops after its current batch. */
  signal: AbortSignal;
}

/**
 * Runs one command and returns its exit code. Failures are thrown (the CLI maps them to a one-line
 * message and an exit code in one place, cli/errors/describe-failure.ts).
 */
export type CommandRunner = (context: CommandContext) => Promise<number>;
