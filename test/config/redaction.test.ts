import { readdirSync, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import test from 'ava';
import { configProblems, COMMAND_NEEDS, type ConfigCommand } from '../../cli/config/check-config.ts';
import { describeConfig, describeDatabase, describeSource } from '../../cli/config/config-display.ts';
import type { ConfigFlags } from '../../cli/config/flag-config.ts';
import { RedactingStream } from '../../cli/config/redacting-stream.ts';
import type { ResolvedConfig } from '../../cli/config/resolved-config.ts';
import { redactSecrets, SecretRedactor } from '../../cli/config/secret-redactor.ts';
import { FIXTURES, fixture, messageOf, resolveWith, scratchDir, writeConf } from './helpers/config-fixtures.ts';

test('known secrets are hidden wherever and however they occur', (t) => {
  const redactor = new SecretRedactor(['p@ss', 'a.b*c+?(x)[y]{z}|^$\\', 'tiger', '', 'S p"ace/']);
  t.is(redactor.redact('pw p@ss, encoded p%40ss and p%40ss, lower hex p%4a? no: p%40ss'), 'pw ***, encoded *** and ***, lower hex p%4a? no: ***');
  t.is(redactor.redact('every byte encoded: %70%40%73%73'), 'every byte encoded: ***');
  t.is(redactor.redact('regex chars a.b*c+?(x)[y]{z}|^$\\ but not aXbbc+?(x)'), 'regex chars *** but not aXbbc+?(x)');
  t.is(redactor.redact('inside words: scotttiger, tigers'), 'inside words: scott***, ***s');
  t.is(redactor.redact('JSON {"pw":"S p\\"ace\\/"} form S+p%22ace%2F'), 'JSON {"pw":"***"} form ***');
  t.is(redactor.redact('case matters: P@SS TIGER'), 'case matters: P@SS TIGER');
  t.deepEqual(redactor.secrets.includes(''), false, 'empty strings are never secrets');
});

test('a secret inside a longer secret leaves nothing behind', (t) => {
  t.is(redactSecrets('abcdef and abc', ['abc', 'abcdef']), '*** and ***');
});

test('unknown passwords in URLs, password= pairs and auth headers are hidden by pattern', (t) => {
  const redactor = new SecretRedactor();
  t.is(redactor.redact('mysql+pymysql://freezer:unkn0wn@db/freezer?charset=utf8'), 'mysql+pymysql://freezer:***@db/freezer?charset=utf8');
  t.is(redactor.redact('raw @ in it: postgres://u:p@ss@w0rd@db:5432/x and http://es:9200/'), 'raw @ in it: postgres://u:***@db:5432/x and http://es:9200/');
  t.is(redactor.redact('no user: redis://:s3cret@cache:6379'), 'no user: redis://:***@cache:6379');
  t.is(redactor.redact('dsn host=db password=s3cret user=x; ES2SQL_ES_PASSWORD=hunter2'), 'dsn host=db password=*** user=x; ES2SQL_ES_PASSWORD=***');
  t.is(redactor.redact('{"sourcePassword":"a\\"b","apiKey":"k1","password": "x"}'), '{"sourcePassword":"***","apiKey":"***","password": "***"}');
  t.is(redactor.redact('Authorization: Basic ZnJlZXplcjpzM2NyZXQ='), 'Authorization: Basic ***');
  t.is(redactor.redact('a user only: http://reader@es:9200, and mail me@example.com'), 'a user only: http://reader@es:9200, and mail me@example.com');
});

test('redactDeep copies objects with every string redacted', (t) => {
  const redactor = new SecretRedactor(['s3cret']);
  const input = { error: 'login s3cret failed', nested: [{ s3cret: 1, url: 'http://u:s3cret@h' }], count: 2, when: new Date(0) };
  const output = redactor.redactDeep(input);
  t.deepEqual(output, { error: 'login *** failed', nested: [{ '***': 1, url: 'http://u:***@h' }], count: 2, when: new Date(0) });
  t.is(input.error, 'login s3cret failed', 'the input is not changed');
});

test('RedactingStream catches secrets split across writes and multi-byte characters', async (t) => {
  const redactor = new SecretRedactor(['s3cr€t']);
  const bytes = Buffer.from('first s3cr€t\rsecond s3cr€t\nlast s3cr€t');
  const chunks = [bytes.subarray(0, 9), bytes.subarray(9, 12), bytes.subarray(12, 30), bytes.subarray(30)];
  t.is(await text(Readable.from(chunks).pipe(new RedactingStream(redactor))), 'first ***\rsecond ***\nlast ***');
});

// Every string configuration hands to people: display lines, notes, origins, problems of every
// command. The resolved values themselves (password, target URL) are data for the library.
function producedText(config: ResolvedConfig): string[] {
  const commands = Object.keys(COMMAND_NEEDS) as ConfigCommand[];
  return [
    ...describeConfig(config),
    ...config.notes,
    ...Object.values(config.origins),
    config.sourceUnavailable ?? '',
    config.source ? describeSource(config.source) : '',
    config.target ? describeDatabase(config.target, config.cwd) : '',
    config.stateDb ? describeDatabase(config.stateDb, config.cwd) : '',
    ...commands.flatMap((command) => configProblems(config, command).map((problem) => problem.message)),
  ];
}

const FIXTURE_SECRETS: Record<string, string[]> = {
  'freezer-api-2.0.0-mitaka.conf': ['m1taka%2Fpw', 'm1taka/pw'],
  'freezer-api-7.0.0-rocky.conf': ['r0cky%40pw', 'r0cky@pw', 'Db%23Pass%3Bword', 'Db#Pass;word'],
  'freezer-api-13.0.0-zed-devstack.conf': ['Devstack-Db-pw'],
  'freezer-api-16.0.0-2025.1.conf': ['pa$w0rd'],
  'freezer-api-18.0.0-2026.1.conf': ['Sup3r#Secret;pw', 'Gazpacho-Db-pw'],
  'freezer-api-kolla-sqlalchemy.conf': ['K0lla-Db-pw'],
  'es2sql.conf': ['r0cky%40pw', 'Db#Pass;word'],
  'es2sql-standalone.conf': ['0wn:p@ss/word', 'T@rget%2Fpw', 'T@rget/pw'],
};

for (const file of readdirSync(FIXTURES).filter((name) => name.endsWith('.conf'))) {
  test(`no secret of ${file} survives in any text configuration produces`, async (t) => {
    const config = await resolveWith({ configFile: fixture(file), debug: true });
    for (const secret of FIXTURE_SECRETS[file] ?? []) t.true(config.secrets.includes(secret), `${secret} is known`);
    const produced = producedText(config).join('\n');
    for (const secret of config.secrets) t.false(produced.includes(secret), `${secret} leaked`);
    // Passwords es2sql has no use for (Keystone's, RabbitMQ's) are never even read into output.
    const unused = [...readFileSync(fixture(file), 'utf8').matchAll(/^\w*(?:password|secret_key)\s*=\s*(.+)$/gm)].map((match) => match[1] ?? '');
    for (const secret of unused) t.false(produced.includes(secret), `${secret} leaked`);
    t.true(produced.length > 0);
  });
}

const LEAKY_INPUTS: Array<[string, ConfigFlags, Record<string, string>, string[]]> = [
  ['a target URL with a raw @ in the password that fails to parse', { source: 'http://es:9200', target: 'mysql://freezer:p@ss@/freezer' }, {}, ['p@ss', 'ss@']],
  ['a wrong scheme with credentials', {}, { ES2SQL_SOURCE: 'ftp://u:Ftp-s3cret@files/x' }, ['Ftp-s3cret']],
  ['a bad source URL with credentials', { source: 'http://u:Bad-s3cret@es:99999' }, {}, ['Bad-s3cret']],
  ['an API key next to a password', { source: 'http://es:9200', target: 'sqlite:x.db', sourceUser: 'u', sourcePassword: 'Basic-s3cret' }, { ES2SQL_ES_API_KEY: 'Key-1d:Key-s3cret' }, ['Basic-s3cret', 'Key-s3cret']],
  ['a password without a user', { source: 'http://es:9200' }, { ES2SQL_ES_PASSWORD: 'Lonely-s3cret' }, ['Lonely-s3cret']],
  ['secrets typed into the wrong option', { slices: 'Slice-s3cret' }, { ES2SQL_ES_PASSWORD: 'Slice-s3cret' }, ['Slice-s3cret']],
];

for (const [name, flags, env, secrets] of LEAKY_INPUTS) {
  test(`error messages hide secrets: ${name}`, async (t) => {
    let messages: string[];
    try {
      const config = await resolveWith(flags, env);
      messages = producedText(config);
    } catch (error) {
      messages = [(error as Error).message];
    }
    t.true(messages.some((message) => message.length > 0));
    for (const secret of secrets) t.false(messages.join('\n').includes(secret), `${secret} leaked: ${messages.join(' | ')}`);
  });
}

test('secrets in lines of a malformed or wrong file are never quoted', async (t) => {
  const dir = await scratchDir();
  for (const body of ['[database]\nconnection mysql+pymysql\n  \n[x', 'connection = mysql://u:File-s3cret@db/x\n', '[target]\nconnection = mysql://u:File-s3cret@db/x\npassword = File-s3cret\n']) {
    const path = await writeConf(dir, 'bad.conf', body);
    const message = await messageOf(resolveWith({ configFile: path }));
    t.false(message.includes('File-s3cret'), message);
  }
});

test('basic-auth headers and API keys in their encoded forms are known secrets', async (t) => {
  const basic = await resolveWith({ source: 'http://es:9200', sourceUser: 'freezer', sourcePassword: 's3cret' });
  t.true(basic.secrets.includes(Buffer.from('freezer:s3cret').toString('base64')));
  const encodedKey = Buffer.from('VuaCfGcBCdbkQm-e5aOx:ui2lp2axTNmsyakw9tvNnw').toString('base64');
  const key = await resolveWith({ source: 'http://es:9200', sourceApiKey: encodedKey });
  t.true(key.secrets.includes(encodedKey));
  t.true(key.secrets.includes('ui2lp2axTNmsyakw9tvNnw'), 'the key part of a base64 id:key is known too');
});
