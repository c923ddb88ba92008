import { EXIT_CODES, type ExitCode } from '../../pipeline/run/exit-codes.ts';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runSchemaCommand } from '../../schema/index.ts';
import type { CommandRunner } from './command-context.ts';

/**
 * schema/'s runner keeps its own codes (0 done, 1 failed, 2 bad input); the CLI answers with the
 * codes every command shares.
 */
const CODES: Record<number, ExitCode> = { [EXIT_OK]: EXIT_CODES.ok, [EXIT_FAILED]: EXIT_CODES.error, [EXIT_USAGE]: EXIT_CODES.usage };

/**
 * `es2sql schema upgrade|status`: the schema layer's own command runner, with the target from the
 * resolved configuration (flags, environment, es2sql.conf or freezer-api.conf) and its output
 * going through the CLI's redacting output.
 */
export const runSchemaSubcommand: CommandRunner = async ({ args, config, output }) => {
  const input = {
    command: args.command === 'schema upgrade' ? ('upgrade' as const) : ('status' as const),
    target: config.target!,
    ...(config.layout !== undefined ? { layout: config.layout } : {}),
    ...(config.freezerRelease !== undefined ? { freezerRelease: config.freezerRelease } : {}),
    ...(args.phase !== undefined ? { phase: args.phase } : {}),
  };
  const code = await runSchemaCommand(input, {
    out: (line) => (input.command === 'status' ? output.result(line) : output.summary(line)),
    err: (line) => output.error(line.replace(/^error: /, '')),
  });
  return CODES[code] ?? EXIT_CODES.error;
};
