import yargs, { type Argv } from 'yargs';
import type { ConfigFlags } from './config/index.ts';
import { COMMAND_HELP, exitCodeEpilogue } from './command-help.ts';
import { COMMAND_NAMES, COMMAND_OPTIONS, allOptionNames, commandsAccepting, type CliOptionSpec, type CommandName } from './cli-options.ts';
import { checkArgs } from './check-args.ts';
import type { Es2sqlArgs } from './es2sql-args.ts';
import { closestName } from './closest-name.ts';
import { packageVersion } from './package-version.ts';
import { UsageError } from './usage-error.ts';

/** What the command line asks for: help text, the version, or a command to run. */
export type ParsedArgv = { kind: 'help'; text: string } | { kind: 'version'; text: string } | { kind: 'run'; args: Es2sqlArgs };

const TOP_COMMANDS = ['schema', 'mapping', 'migrate', 'validate', 'verify', 'sync', 'cutover', 'status'];
const CONFIG_KEYS = new Set(['configFile', 'freezerConfig', 'source', 'index', 'mapping', 'scan', 'sourceUser', 'sourcePassword', 'sourceApiKey', 'sourceCa', 'sourceVerifyCerts', 'target', 'stateDb', 'layout', 'freezerRelease', 'slices', 'slice', 'batchSize', 'workers', 'defaultProjectId', 'report', 'logFormat', 'quiet', 'debug']);

function addOptions(y: Argv, options: readonly CliOptionSpec[]): Argv {
  for (const option of options) {
    y.option(option.name, { type: option.type, describe: option.describe, requiresArg: option.type === 'string', ...(option.alias ? { alias: option.alias } : {}) });
  }
  const groups = new Map<string, string[]>();
  for (const option of options) groups.set(option.group, [...(groups.get(option.group) ?? []), option.name]);
  for (const [group, names] of groups) y.group(names, `${group}:`);
  return y;
}

function commandBuilder(command: CommandName) {
  return (y: Argv): Argv => {
    addOptions(y, COMMAND_OPTIONS[command]);
    for (const [line, what] of COMMAND_HELP[command].examples) y.example(line, what);
    return y;
  };
}

function commandName(token: string): string {
  return `"${token}"`;
}

/** The flag tokens of `args` that `command` does not know, without dashes and values. */
function unknownFlags(args: readonly string[], command: CommandName | undefined): string[] {
  const options = command ? COMMAND_OPTIONS[command] : [];
  const known = new Set([...options.map((option) => option.name), ...options.flatMap((option) => (option.alias ? [option.alias] : [])), 'help', 'version', 'h']);
  const unknown: string[] = [];
  for (const token of args) {
    if (token === '--') break;
    if (!token.startsWith('-') || /^-\d/.test(token)) continue;
    const name = token.replace(/^-+/, '').split('=')[0] ?? '';
    const base = name.startsWith('no-') && known.has(name.slice(3)) ? name.slice(3) : name;
    if (!known.has(base)) unknown.push(name);
  }
  return unknown;
}

function unknownFlagMessage(name: string, command: CommandName | undefined): string {
  const display = name.length === 1 ? `-${name}` : `--${name}`;
  const where = command ? `es2sql ${command}` : 'es2sql';
  const elsewhere = commandsAccepting(name);
  if (command && elsewhere.length > 0) {
    return `${display} is not an option of ${where} (it applies to ${elsewhere.join(', ')}); remove it, or see ${where} --help`;
  }
  const mine = command ? COMMAND_OPTIONS[command].map((option) => option.name) : [];
  const suggestion = closestName(name, mine) ?? (command ? undefined : closestName(name, allOptionNames()));
  return `unknown option ${display}${suggestion ? `; did you mean --${suggestion}?` : ''} (${where} --help lists the options)`;
}

function commandOf(args: readonly string[]): CommandName | undefined {
  const positionals = args.filter((token) => !token.startsWith('-'));
  const [first, second] = positionals;
  if (first === 'schema') return second === 'upgrade' || second === 'status' ? (`schema ${second}` as CommandName) : undefined;
  if (first === 'mapping') return second === 'generate' ? 'mapping generate' : undefined;
  return (COMMAND_NAMES as readonly string[]).includes(first ?? '') ? (first as CommandName) : undefined;
}

function precheck(args: readonly string[]): void {
  const wantsHelp = args.some((token) => token === '--help' || token === '-h' || token === '--version');
  const first = args.find((token) => !token.startsWith('-'));
  if (first === undefined) {
    if (wantsHelp) return;
    const flag = args[0];
    if (flag !== undefined) throw new UsageError(`${flag} needs a command first, e.g. es2sql migrate ${flag}; commands: ${TOP_COMMANDS.join(', ')} (es2sql --help explains them)`);
    throw new UsageError(`no command given; use one of ${TOP_COMMANDS.join(', ')} (es2sql --help explains them)`);
  }
  // A value of a leading flag (`--config-file x migrate`) is not a command: let yargs decide then.
  if (args[0] !== first) return;
  if (!TOP_COMMANDS.includes(first)) {
    const guess = closestName(first, TOP_COMMANDS);
    throw new UsageError(`unknown command ${commandName(first)}${guess ? `; did you mean ${guess}?` : ''} (commands: ${TOP_COMMANDS.join(', ')})`);
  }
  if (first === 'schema' && !wantsHelp) {
    const next = args[1];
    const sub = next !== undefined && !next.startsWith('-') ? next : undefined;
    if (sub !== 'upgrade' && sub !== 'status') {
      const guess = sub ? closestName(sub, ['upgrade', 'status']) : undefined;
      throw new UsageError(`${sub ? `unknown schema command ${commandName(sub)}` : 'es2sql schema needs a sub-command'}; use es2sql schema ${guess ?? 'upgrade'} or es2sql schema status`);
    }
  }
  if (first === 'mapping' && !wantsHelp && args[1] !== 'generate') {
    throw new UsageError(`${args[1] && !args[1].startsWith('-') ? `unknown mapping command ${commandName(args[1])}` : 'es2sql mapping needs a sub-command'}; use es2sql mapping generate`);
  }
}

function configFlagsOf(parsed: Record<string, unknown>): ConfigFlags {
  const flags: ConfigFlags = {};
  for (const [key, value] of Object.entries(parsed)) if (CONFIG_KEYS.has(key) && value !== undefined) flags[key] = value;
  return flags;
}

/**
 * yargs lays the whole help text out after it runs a command's handler (its default one included),
 * to show it should the command fail later; es2sql runs commands itself and answers failures with
 * one line, so that layout (70–90 ms of a command's start: cliui, wrap-ansi, string-width) is
 * never shown. Help asked for with --help is laid out as before.
 */
function skipHelpCache(cli: object): void {
  // Not in yargs' typings; should a later yargs move it, commands only start as slowly as before.
  const internals = cli as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } };
  const usage = internals.getInternalMethods?.().getUsageInstance?.();
  if (usage?.cacheHelpMessage !== undefined) usage.cacheHelpMessage = () => {};
}

/**
 * Parses and checks the command line (never reads `process.argv`). Returns plain data: help text,
 * the version, or the command with its options.
 *
 * @param width columns to wrap help text at (the terminal's; 100 otherwise)
 * @throws UsageError with a one-line message for unknown commands and options, missing values and
 *   contradicting flags.
 */
export function buildArgv(argv: readonly string[], width = 100): ParsedArgv {
  const args = [...argv];
  precheck(args);
  const command = commandOf(args);
  let output = '';
  let failure: string | undefined;
  const cli = yargs(args)
    .scriptName('es2sql')
    .locale('en')
    .usage('$0 <command> [options]\n\nMigrate OpenStack Freezer\'s Elasticsearch data into freezer-api\'s SQL schema (PostgreSQL, MySQL/MariaDB, SQLite).')
    .command('schema', 'Create, upgrade or inspect freezer-api\'s schema in the target database', (y) =>
      y
        .command('upgrade', COMMAND_HELP['schema upgrade'].summary, commandBuilder('schema upgrade'))
        .command('status', COMMAND_HELP['schema status'].summary, commandBuilder('schema status'))
        .example('$0 schema upgrade --target sqlite:freezer.db --freezer-release 13', 'create layout A')
        .example('$0 schema status --target sqlite:freezer.db', 'show what is there')
        .demandCommand(1, 1),
    )
    .command('mapping', 'Derive an editable mapping file from any index (--mapping auto, written down)', (y) =>
      y.command('generate', COMMAND_HELP['mapping generate'].summary, commandBuilder('mapping generate')).demandCommand(1, 1),
    )
    .command('migrate', COMMAND_HELP.migrate.summary, commandBuilder('migrate'))
    .command('validate', COMMAND_HELP.validate.summary, commandBuilder('validate'))
    .command('verify', COMMAND_HELP.verify.summary, commandBuilder('verify'))
    .command('sync', COMMAND_HELP.sync.summary, commandBuilder('sync'))
    .command('cutover', COMMAND_HELP.cutover.summary, commandBuilder('cutover'))
    .command('status', COMMAND_HELP.status.summary, commandBuilder('status'))
    .example('$0 migrate --source fixtures/freezer-sample.ndjson', 'quick start: the sample dump into ./es2sql.db')
    .example('$0 migrate --config-file /etc/freezer/freezer-api.conf', "everything from freezer-api's configuration")
    .epilogue(exitCodeEpilogue())
    .strict()
    .help('help')
    .alias('help', 'h')
    .version('version', 'show the es2sql version', packageVersion())
    .exitProcess(false)
    .wrap(Math.max(60, Math.min(width, 120)))
    .fail((message: string | null, error: Error | undefined) => {
      failure = message ?? error?.message ?? 'invalid command line';
    });
  skipHelpCache(cli);
  const parsed = cli.parse(args, {}, (_error: Error | undefined, _argv: unknown, text: string) => {
    output = text;
  }) as Record<string, unknown>;

  if (failure !== undefined) {
    const unknown = unknownFlags(args, command);
    if (unknown[0] !== undefined) throw new UsageError(unknownFlagMessage(unknown[0], command));
    const extra = /^Unknown arguments?: (.*)$/.exec(failure);
    if (extra) throw new UsageError(`unexpected argument "${extra[1]?.split(', ')[0]}"; es2sql ${command ?? ''} takes --options only (see es2sql ${command ?? ''} --help)`.replace(/\s+/g, ' '));
    const missing = /^Not enough arguments following: (.*)$/.exec(failure);
    if (missing) throw new UsageError(`--${missing[1]} needs a value (see es2sql ${command ?? ''} --help)`.replace(/ \(see es2sql  --help\)/, ' (see es2sql --help)'));
    throw new UsageError(`${failure.replace(/\s*\n\s*/g, ' ')} (see es2sql ${command ?? ''} --help)`.replace(/es2sql  --help/, 'es2sql --help'));
  }
  if (parsed.help === true) return { kind: 'help', text: output };
  if (parsed.version === true) return { kind: 'version', text: output || packageVersion() };
  if (!command) throw new UsageError(`no command given; use one of ${TOP_COMMANDS.join(', ')} (es2sql --help explains them)`);
  return { kind: 'run', args: checkArgs(command, configFlagsOf(parsed), parsed) };
}
