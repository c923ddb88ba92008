import { CONFIG_OPTIONS, FILE_OPTIONS, type ConfigKey } from './config/index.ts';

/** The commands of the es2sql CLI (`schema` has two sub-commands). */
export type CommandName = 'schema upgrade' | 'schema status' | 'mapping generate' | 'migrate' | 'validate' | 'verify' | 'sync' | 'cutover' | 'status';

export const COMMAND_NAMES: readonly CommandName[] = ['schema upgrade', 'schema status', 'mapping generate', 'migrate', 'validate', 'verify', 'sync', 'cutover', 'status'];

/** One command-line option as yargs is told about it. */
export interface CliOptionSpec {
  /** Flag name without dashes, kebab-case (`source-user`). */
  name: string;
  type: 'string' | 'boolean';
  describe: string;
  group: OptionGroup;
  /** Placeholder shown in help (`<url>`). */
  placeholder?: string;
  /** One-letter alias (`q` for `--quiet`). */
  alias?: string;
}

export type OptionGroup = 'Source' | 'Target' | 'Run' | 'Output' | 'Config files' | 'Command';

const GROUP_OF: Record<ConfigKey, OptionGroup> = {
  source: 'Source',
  index: 'Source',
  mapping: 'Source',
  scan: 'Source',
  sourceUser: 'Source',
  sourcePassword: 'Source',
  sourceApiKey: 'Source',
  sourceCa: 'Source',
  sourceVerifyCerts: 'Source',
  target: 'Target',
  stateDb: 'Target',
  layout: 'Target',
  freezerRelease: 'Target',
  slices: 'Run',
  slice: 'Run',
  batchSize: 'Run',
  workers: 'Run',
  defaultProjectId: 'Run',
  report: 'Output',
  logFormat: 'Output',
  quiet: 'Output',
  debug: 'Output',
};

const PLACEHOLDER: Partial<Record<ConfigKey, string>> = {
  source: '<url|file>',
  index: '<name>',
  mapping: '<freezer|auto|file>',
  sourceUser: '<user>',
  sourcePassword: '<password>',
  sourceApiKey: '<key>',
  sourceCa: '<pem file>',
  target: '<db url>',
  stateDb: '<db url>',
  layout: '<a|b|b@rev>',
  freezerRelease: '<release>',
  slices: '<n>',
  slice: '<i>',
  batchSize: '<n>',
  workers: '<n>',
  defaultProjectId: '<id>',
  report: '<file>',
  logFormat: '<text|json>',
};

function fromConfig(key: ConfigKey): CliOptionSpec {
  const spec = CONFIG_OPTIONS.find((option) => option.key === key)!;
  const env = `[env ${spec.env}]`;
  return {
    name: spec.flag.slice(2),
    type: spec.type === 'boolean' ? 'boolean' : 'string',
    describe: `${spec.summary} ${env}`,
    group: GROUP_OF[key],
    placeholder: PLACEHOLDER[key],
  };
}

const FILES: CliOptionSpec[] = [
  { name: 'config-file', type: 'string', describe: `${FILE_OPTIONS.configFile.summary} [env ${FILE_OPTIONS.configFile.env}]`, group: 'Config files', placeholder: '<file>' },
  { name: 'freezer-config', type: 'string', describe: `${FILE_OPTIONS.freezerConfig.summary} [env ${FILE_OPTIONS.freezerConfig.env}]`, group: 'Config files', placeholder: '<file>' },
];

const SOURCE = (['source', 'index', 'mapping', 'scan', 'sourceUser', 'sourcePassword', 'sourceApiKey', 'sourceCa', 'sourceVerifyCerts'] as const).map(fromConfig);
const TARGET = (['target', 'stateDb', 'layout', 'freezerRelease'] as const).map(fromConfig);
const SLICING = (['slices', 'slice', 'batchSize'] as const).map(fromConfig);
const WORKERS = fromConfig('workers');
const PROJECT = fromConfig('defaultProjectId');
const REPORT = fromConfig('report');
const LOGGING = (['logFormat', 'quiet', 'debug'] as const).map(fromConfig).map((option) => (option.name === 'quiet' ? { ...option, alias: 'q' } : option));

const PROGRESS: CliOptionSpec = {
  name: 'progress-interval',
  type: 'string',
  describe: 'seconds between JSON progress lines when stderr is not a terminal (default 10)',
  group: 'Output',
  placeholder: '<seconds>',
};

const own = (name: string, type: 'string' | 'boolean', describe: string, placeholder?: string): CliOptionSpec => ({ name, type, describe, group: 'Command', placeholder });

/** The options each command accepts; anything else is an unknown option (strict mode). */
export const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly CliOptionSpec[]>> = {
  'schema upgrade': [TARGET[0]!, TARGET[2]!, TARGET[3]!, own('phase', 'string', 'expand, contract or all (default): expand only adds, contract renames, drops and moves data', '<phase>'), ...LOGGING, ...FILES],
  'schema status': [TARGET[0]!, TARGET[2]!, TARGET[3]!, ...LOGGING, ...FILES],
  'mapping generate': [
    ...SOURCE.filter((option) => option.name !== 'mapping'),
    own('dialect', 'string', 'show the DDL of this dialect only (postgres, mysql, sqlite; default all three)', '<dialect>'),
    own('out', 'string', 'write the mapping file here (default: print it)', '<file>'),
    ...LOGGING,
    ...FILES,
  ],
  migrate: [
    ...SOURCE,
    ...TARGET,
    ...SLICING,
    WORKERS,
    PROJECT,
    own('restart', 'boolean', 'start a new run even if the same migration completed before (rows are upserted again)'),
    own('wait', 'boolean', 'when another migrate, sync or cutover of the same pipeline runs, wait for it instead of failing'),
    REPORT,
    ...LOGGING,
    PROGRESS,
    ...FILES,
  ],
  validate: [
    ...SOURCE,
    TARGET[0]!,
    TARGET[2]!,
    TARGET[3]!,
    own('dialect', 'string', 'without --target: check against this dialect (postgres, mysql, sqlite) and the layout alone', '<dialect>'),
    ...SLICING,
    PROJECT,
    { ...REPORT, describe: 'write the HTML report here, and the JSON beside it [env ES2SQL_REPORT]' },
    ...LOGGING,
    PROGRESS,
    ...FILES,
  ],
  verify: [...SOURCE, TARGET[0]!, TARGET[1]!, ...SLICING, PROJECT, { ...REPORT, describe: 'write the HTML report here, and the JSON beside it [env ES2SQL_REPORT]' }, ...LOGGING, PROGRESS, ...FILES],
  sync: [
    ...SOURCE,
    ...TARGET,
    ...SLICING,
    PROJECT,
    own('max-count', 'string', 'apply at most <n> changes, then exit 1 if more remain', '<n>'),
    own('every', 'string', 'keep running: sync again every <duration> (30s, 15m, 1h) until interrupted', '<duration>'),
    own('delete-mode', 'string', 'what a document deleted in Elasticsearch does to its rows: soft (default: deleted = true, as freezer-api does) or hard', '<soft|hard>'),
    own('wait', 'boolean', 'when another migrate, sync or cutover of the same pipeline runs, wait for it instead of failing'),
    own('force', 'boolean', 'sync even though the pipeline was cut over (only if freezer-api still uses Elasticsearch)'),
    REPORT,
    ...LOGGING,
    PROGRESS,
    ...FILES,
  ],
  cutover: [
    ...SOURCE,
    ...TARGET,
    ...SLICING,
    own('delete-mode', 'string', 'deletes in the final sync: soft (default) or hard', '<soft|hard>'),
    own('wait', 'boolean', 'when a migrate or sync of the same pipeline runs, wait for it instead of failing'),
    { ...REPORT, describe: "write verify's HTML report here, and the JSON beside it [env ES2SQL_REPORT]" },
    ...LOGGING,
    PROGRESS,
    ...FILES,
  ],
  status: [
    TARGET[0]!,
    TARGET[1]!,
    { ...SOURCE[2]!, describe: 'only the runs of this mapping, by name (freezer, auto, or the name a mapping file gives itself) [env ES2SQL_MAPPING]', placeholder: '<name>' },
    own('json', 'boolean', 'print the status as one JSON document (for scripts)'),
    own('rejects', 'boolean', 'list the rejected documents (id, reason, field, detail) instead of the overview'),
    own('entity', 'string', 'with --rejects: only this entity (clients, actions, jobs, sessions, backups, unclassified)', '<entity>'),
    own('limit', 'string', 'how many runs (or rejects) to show (default 10 runs, 50 rejects)', '<n>'),
    ...LOGGING,
    ...FILES,
  ],
};

/** Every flag name of any command (for suggestions and "applies to other commands" hints). */
export function allOptionNames(): string[] {
  return [...new Set(Object.values(COMMAND_OPTIONS).flatMap((options) => options.map((option) => option.name)))];
}

/** The commands that accept `name`. */
export function commandsAccepting(name: string): CommandName[] {
  return COMMAND_NAMES.filter((command) => COMMAND_OPTIONS[command].some((option) => option.name === name));
}
