import { EXIT_CODES } from '../pipeline/run/exit-codes.ts';
import { parseDatabaseUrl } from '../schema/database-url.ts';
import { buildArgv } from './build-argv.ts';
import type { CliIo } from './cli-io.ts';
import type { CommandName } from './cli-options.ts';
import { COMMAND_RUNNERS } from './command-runners.ts';
import { applyDefaultTarget } from './commands/default-target.ts';
import { checkConfig, ConfigError, describeConfig, resolveConfig, SecretRedactor, type ResolvedConfig } from './config/index.ts';
import type { DatabaseRef } from './errors/database-ref.ts';
import { describeFailure } from './errors/describe-failure.ts';
import { errorChain } from './errors/error-chain.ts';
import { inputSecrets } from './input-secrets.ts';
import { CliOutput } from './output/cli-output.ts';

const NO_TARGET = 'no target database: pass --target postgres://… (or mysql://…, sqlite:path), set ES2SQL_TARGET, or give freezer-api.conf with [database] connection via --config-file';

function checkCommandConfig(config: ResolvedConfig, command: CommandName): void {
  if (command === 'mapping generate') {
    if (config.source === undefined) throw new ConfigError('no source: pass --source http://… (or an elasticdump file) and --index', { key: 'source' });
    return;
  }
  if (command === 'schema upgrade' || command === 'schema status') {
    if (config.target === undefined) throw new ConfigError(NO_TARGET, { key: 'target' });
    // The target alone: status's rules check its URL and the options every command shares.
    checkConfig(config, 'status');
    return;
  }
  checkConfig(config, command);
}

function databaseRefs(config: ResolvedConfig): DatabaseRef[] {
  const refs: DatabaseRef[] = [];
  const add = (role: DatabaseRef['role'], url: string | undefined, origin: string | undefined) => {
    if (url === undefined) return;
    try {
      refs.push({ role, location: parseDatabaseUrl(url, config.cwd), origin: origin ?? (role === 'target' ? '--target' : '--state-db') });
    } catch {
      // An unusable URL was already reported by checkConfig.
    }
  };
  add('target', config.target, config.origins.target);
  if (config.provenance.stateDb !== 'target-fallback') add('state', config.stateDb, config.origins.stateDb);
  return refs;
}

function debugTrace(error: unknown): string | undefined {
  const stacks = errorChain(error)
    .filter((link): link is Error => link instanceof Error)
    .map((link, i) => `${i === 0 ? '' : 'caused by: '}${link.stack ?? `${link.name}: ${link.message}`}`);
  return stacks.length > 0 ? stacks.join('\n') : undefined;
}

function listenForSignals(io: CliIo, controller: AbortController, output: CliOutput): () => void {
  const signals = io.signals;
  if (!signals) return () => {};
  let received = 0;
  const onSignal = () => {
    received++;
    if (received === 1) {
      output.warn('interrupt received: stopping after the current batch (press Ctrl-C again to stop at once)');
      controller.abort(new Error('interrupted'));
    } else {
      io.exit?.(EXIT_CODES.interrupted);
    }
  };
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  return () => {
    signals.off('SIGINT', onSignal);
    signals.off('SIGTERM', onSignal);
  };
}

/**
 * The es2sql command line: parses `argv` (without `node` and the script), resolves the
 * configuration, runs the command and returns the process exit code (see EXIT_CODES). Everything
 * it writes goes through a secret redactor; a failure is one line on stderr (its stack only with
 * --debug). Tests call it in-process with their own `io`.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const redactor = new SecretRedactor(inputSecrets(argv, io.env));
  const output = new CliOutput(io.stdout, io.stderr, redactor);
  const controller = new AbortController();
  const stopListening = listenForSignals(io, controller, output);
  let debug = argv.includes('--debug');
  let databases: DatabaseRef[] = [];
  try {
    const parsed = buildArgv(argv, io.stdout.columns ?? 100);
    if (parsed.kind !== 'run') {
      output.result(parsed.text);
      return EXIT_CODES.ok;
    }
    const { args } = parsed;
    const config = await resolveConfig({ flags: args.configFlags, env: io.env, cwd: io.cwd });
    redactor.add(...config.secrets);
    output.quiet = config.quiet;
    output.debugEnabled = debug = config.debug;
    output.format = config.logFormat;
    const defaultTarget = applyDefaultTarget(config, args.command);
    if (config.debug) for (const line of describeConfig(config)) output.debug(line);
    checkCommandConfig(config, args.command);
    for (const note of config.notes) output.info(`note: ${note}`);
    if (defaultTarget) output.info(`note: ${defaultTarget}`);
    databases = databaseRefs(config);
    const runner = await COMMAND_RUNNERS[args.command]();
    return await runner({ args, config, output, io, signal: controller.signal });
  } catch (error) {
    const failure = describeFailure(error, { databases });
    // Usage and configuration errors are fully described by their message; a stack adds nothing.
    const withStack = debug && failure.code !== EXIT_CODES.usage;
    output.error(failure.message, withStack ? debugTrace(error) : undefined);
    return failure.code;
  } finally {
    stopListening();
  }
}
