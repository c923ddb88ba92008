import test from 'ava';
import { checkConfig, configProblems, type ConfigCommand } from '../../cli/config/check-config.ts';
import { ConfigError } from '../../cli/config/config-error.ts';
import type { ConfigFlags } from '../../cli/config/flag-config.ts';
import { messageOf, resolveWith, scratchDir, writeConf } from './helpers/config-fixtures.ts';

const ES = 'http://es.example.com:9200';
const PG = 'postgres://freezer@db.example.com/freezer';

async function problem(command: ConfigCommand, flags: ConfigFlags, env: Record<string, string> = {}): Promise<string> {
  const config = await resolveWith(flags, env);
  return messageOf(() => checkConfig(config, command));
}

const CASES: Array<[string, ConfigCommand, ConfigFlags, Record<string, string>, string]> = [
  ['no source', 'migrate', { target: PG }, {}, 'no source: pass --source http://host:9200 (or an elasticdump file), set ES2SQL_SOURCE, or give freezer-api.conf with --config-file /etc/freezer/freezer-api.conf'],
  ['no target', 'migrate', { source: ES }, {}, 'no target database: pass --target postgres://…, set ES2SQL_TARGET, or set [database] connection in freezer-api.conf'],
  ['status without any database', 'status', {}, {}, 'no state database to read: pass --state-db or --target (postgres://…), or set ES2SQL_STATE_DB or ES2SQL_TARGET'],
  ['target is not a database URL', 'migrate', { source: ES, target: 'oracle://scott:tiger@db/orcl' }, {}, '--target: "oracle://scott:***@db/orcl" is not a database URL es2sql understands; use one of: postgres://user@host/db, mysql://user:***@host/db, mysql+pymysql://…, sqlite:path/to/file.db'],
  ['state database without a name', 'migrate', { source: ES, target: PG }, { ES2SQL_STATE_DB: 'postgres://state.example.com' }, 'ES2SQL_STATE_DB: database URL "postgres://state.example.com" names no database; add it after the host, e.g. …@state.example.com/freezer'],
  ['a file source with Elasticsearch options', 'migrate', { source: 'file:dump.ndjson', target: PG, index: 'freezer2' }, { ES2SQL_ES_CA_FILE: '/etc/ca.pem' }, '--index, ES2SQL_ES_CA_FILE apply to an Elasticsearch source, but the source is the file /srv/es2sql/dump.ndjson (--source); remove them'],
  ['API key and password together', 'migrate', { source: ES, target: PG, sourceUser: 'u', sourcePassword: 'pw' }, { ES2SQL_ES_API_KEY: 'VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw' }, 'both an API key (ES2SQL_ES_API_KEY) and a user/password (--source-password) are set for Elasticsearch; keep one of them'],
  ['password without user', 'validate', { source: ES }, { ES2SQL_ES_PASSWORD: 'pw' }, 'an Elasticsearch password is set (ES2SQL_ES_PASSWORD) but no user; add --source-user or ES2SQL_ES_USERNAME'],
  ['index with a trailing comment', 'validate', { source: ES }, { ES2SQL_INDEX: 'freezer # prod' }, 'ES2SQL_INDEX = "freezer # prod" is not an index name (spaces, \'#\' and \',\' are not allowed) (a comment after a value is part of it in config files; move it to its own line)'],
  ['slice without slices', 'migrate', { source: ES, target: PG, slice: 2 }, {}, '--slice 2 needs --slices (how many slices the run is split into), e.g. --slices 3'],
  ['slice out of range', 'migrate', { source: ES, target: PG, slice: 4, slices: 4 }, {}, '--slice 4 is out of range for --slices 4: slices are numbered 0 to 3'],
  ['slice out of range, from the environment', 'sync', { source: ES, target: PG, slices: 2 }, { ES2SQL_SLICE: '2' }, 'ES2SQL_SLICE = 2 is out of range for --slices 2: slices are numbered 0 to 1'],
  ['quiet and debug', 'verify', { source: ES, target: PG, quiet: true }, { ES2SQL_DEBUG: 'on' }, '--quiet and ES2SQL_DEBUG contradict each other; turn one of them off'],
];

for (const [name, command, flags, env, message] of CASES) {
  test(`${command}: ${name}`, async (t) => {
    t.is(await problem(command, flags, env), message);
  });
}

test('checkConfig throws a ConfigError with a one-line message; configProblems lists them all', async (t) => {
  const config = await resolveWith({ slice: 3, slices: 2, quiet: true, debug: true });
  const error = t.throws(() => checkConfig(config, 'migrate'), { instanceOf: ConfigError });
  t.is(error?.name, 'ConfigError');
  t.is(error?.key, 'source');
  const problems = configProblems(config, 'migrate');
  t.deepEqual(problems.map((p) => p.key), ['source', 'target', 'slice', 'quiet']);
  for (const p of problems) t.false(/[\r\n]/.test(p.message));
});

test('complete configurations pass for every command that they satisfy', async (t) => {
  const full = await resolveWith({ source: ES, target: PG, slices: 4, slice: 3, sourceUser: 'u', sourcePassword: 'p' });
  for (const command of ['migrate', 'sync', 'validate', 'verify', 'cutover', 'status'] as const) t.notThrows(() => checkConfig(full, command), command);
  const validateOnly = await resolveWith({ source: 'file:dump.ndjson' });
  t.notThrows(() => checkConfig(validateOnly, 'validate'));
  const statusOnly = await resolveWith({ stateDb: 'sqlite:state.db' });
  t.notThrows(() => checkConfig(statusOnly, 'status'));
});

test('an unknown command is a ConfigError too', async (t) => {
  const config = await resolveWith({});
  t.is(await messageOf(() => checkConfig(config, 'frobnicate' as ConfigCommand)), 'unknown command "frobnicate"; use one of migrate, sync, verify, cutover, validate, status');
});

test('options of a file source set in es2sql\'s file are named by their place in it', async (t) => {
  const own = await writeConf(await scratchDir(), 'es2sql.conf', '[source]\nfile = dump.ndjson\nusername = u\n[target]\nconnection = sqlite:t.db\n');
  const config = await resolveWith({ configFile: own });
  t.is(await messageOf(() => checkConfig(config, 'migrate')), `[source] username in ${own} applies to an Elasticsearch source, but the source is the file ${own.replace(/es2sql\.conf$/, 'dump.ndjson')} ([source] file in ${own}); remove it`);
});
