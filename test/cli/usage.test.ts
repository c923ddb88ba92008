import test from 'ava';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { buildArgv } from '../../cli/build-argv.ts';
import { errorLine, runCli } from './helpers/run-cli.ts';

const COMMANDS = ['schema upgrade', 'schema status', 'migrate', 'validate', 'verify', 'sync', 'cutover', 'status'];

for (const command of COMMANDS) {
  test(`es2sql ${command} --help shows its options and at least two examples`, async (t) => {
    const run = await runCli([...command.split(' '), '--help']);
    t.is(run.code, EXIT_CODES.ok);
    t.is(run.stderr, '');
    const examples = run.stdout.slice(run.stdout.indexOf('Examples:'));
    t.true(run.stdout.includes('Examples:'), run.stdout);
    t.true(examples.split('\n').filter((line) => line.trimStart().startsWith(`es2sql ${command}`) || /^\s+until es2sql sync/.test(line)).length >= 2, examples);
    t.regex(run.stdout, /--config-file/);
  });
}

test('es2sql --help lists every command and the exit codes', async (t) => {
  const run = await runCli(['--help']);
  t.is(run.code, EXIT_CODES.ok);
  for (const command of ['schema', 'migrate', 'validate', 'verify', 'sync', 'cutover', 'status']) t.regex(run.stdout, new RegExp(`es2sql ${command} `));
  t.regex(run.stdout, /Exit codes:\n\s+0 {2}done/);
  t.regex(run.stdout, /130 {2}interrupted/);
  t.regex(run.stdout, /64 {2}invalid command line or configuration/);
});

test('--version prints the package version', async (t) => {
  const run = await runCli(['--version']);
  t.is(run.code, EXIT_CODES.ok);
  t.is(run.stdout, '0.1.0\n');
});

const USAGE_CASES: Array<[string, string[], string]> = [
  ['a misspelled flag', ['migrate', '--sliecs', '4'], 'unknown option --sliecs; did you mean --slices? (es2sql migrate --help lists the options)'],
  ['a misspelled flag with =', ['migrate', '--bacth-size=10'], 'unknown option --bacth-size; did you mean --batch-size? (es2sql migrate --help lists the options)'],
  ['an unknown flag without a near miss', ['status', '--frobnicate'], 'unknown option --frobnicate (es2sql status --help lists the options)'],
  ['a flag of another command', ['status', '--slices', '4'], '--slices is not an option of es2sql status (it applies to migrate, validate, verify, sync, cutover); remove it, or see es2sql status --help'],
  ['a misspelled command', ['migarte', '--source', 'x'], 'unknown command "migarte"; did you mean migrate? (commands: schema, mapping, migrate, validate, verify, sync, cutover, status)'],
  ['no command', [], 'no command given; use one of schema, mapping, migrate, validate, verify, sync, cutover, status (es2sql --help explains them)'],
  ['schema without a sub-command', ['schema', '--target', 'sqlite:x.db'], 'es2sql schema needs a sub-command; use es2sql schema upgrade or es2sql schema status'],
  ['a flag without its value', ['migrate', '--slices'], '--slices needs a value (see es2sql migrate --help)'],
  ['a stray argument', ['migrate', 'fixtures/freezer-sample.ndjson'], 'unexpected argument "fixtures/freezer-sample.ndjson"; es2sql migrate takes --options only (see es2sql migrate --help)'],
  ['--entity without --rejects', ['status', '--entity', 'jobs'], '--entity jobs filters the reject list; add --rejects (es2sql status --rejects --entity jobs)'],
  ['a bad --every', ['sync', '--every', 'often'], '--every is "often", not a duration; write e.g. --every 15m (units: s, m, h, d)'],
  ['a bad --delete-mode', ['sync', '--delete-mode', 'purge'], '--delete-mode is "purge"; use soft (rows keep deleted = true, as freezer-api does) or hard'],
  ['--slice without --slices', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'sqlite:x.db', '--slice', '1'], '--slice 1 needs --slices (how many slices the run is split into), e.g. --slices 2'],
  ['--slice out of range', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'sqlite:x.db', '--slices', '2', '--slice', '2'], '--slice 2 is out of range for --slices 2: slices are numbered 0 to 1'],
  ['--quiet with --debug', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'sqlite:x.db', '--quiet', '--debug'], '--quiet and --debug contradict each other; turn one of them off'],
  ['an API key and a password', ['migrate', '--source', 'http://127.0.0.1:9', '--target', 'sqlite:x.db', '--source-api-key', 'VnVhQ2ZHY0JDZGJrUW0tZTVhT3g6dWkybHAyYXhUTm1zeWFrdzl0dk5udw==', '--source-user', 'es2sql', '--source-password', 'S3cret-pw'], 'both an API key (--source-api-key) and a user/password (--source-password) are set for Elasticsearch; keep one of them'],
  ['a source URL without http', ['migrate', '--source', 'htp://es:9200', '--target', 'sqlite:x.db'], '--source: "htp://es:9200" is neither an http(s) URL nor a file; write http://… for Elasticsearch or file:path for a dump'],
  ['host:port as source', ['migrate', '--source', 'es1:9200', '--target', 'sqlite:x.db'], '--source: "es1:9200" looks like host:port; write http://es1:9200 for an Elasticsearch cluster, or file:es1:9200 if it really is a file'],
  ['a target URL es2sql does not know', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'oracle://db/freezer'], '--target: "oracle://db/freezer" is not a database URL es2sql understands; use one of: postgres://user@host/db, mysql://user:***@host/db, mysql+pymysql://…, sqlite:path/to/file.db'],
  ['two layouts that disagree', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'sqlite:/tmp/es2sql-never.db', '--layout', 'a', '--freezer-release', '18'], '--layout a means layout A (sqlalchemy-migrate version 3) but --freezer-release 18 means layout B (alembic 23c8ad2655a6); give only one of them'],
  ['an unknown release', ['migrate', '--source', 'fixtures/freezer-sample.ndjson', '--target', 'sqlite:/tmp/es2sql-never.db', '--freezer-release', '6'], "freezer-api 6.x has no SQL schema (its SQL backend arrived in 7.0.0); es2sql writes the schemas of 8.0.0 and later: use a freezer-api release such as 13, 15.0.0, 18 or head"],
];

for (const [what, argv, message] of USAGE_CASES) {
  test(`usage error: ${what} → one line, exit 64`, async (t) => {
    const run = await runCli(argv, { cwd: process.cwd() });
    t.is(errorLine(run), message);
    t.is(run.code, EXIT_CODES.usage);
    // --debug first prints the resolved settings; everything else is the one line alone.
    if (!argv.includes('--debug')) t.is(run.stderr.trim().split('\n').length, 1, run.stderr);
    t.is(run.stdout, '');
  });
}

test('buildArgv returns plain data and never reads process.argv', (t) => {
  const parsed = buildArgv(['sync', '--source', 'http://es:9200', '--source', 'http://es2:9200', '--max-count', '500', '--every', '15m', '--no-source-verify-certs', '-q']);
  t.deepEqual(parsed, {
    kind: 'run',
    args: {
      command: 'sync',
      configFlags: { source: ['http://es:9200', 'http://es2:9200'], sourceVerifyCerts: false, quiet: true },
      restart: false,
      progressIntervalMs: 10_000,
      json: false,
      wait: false,
      force: false,
      rejects: false,
      maxCount: 500,
      everyMs: 900_000,
    },
  });
});
