import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import test from 'ava';
import { configFileReadError } from '../../cli/config/config-file.ts';
import { ConfigError } from '../../cli/config/config-error.ts';
import type { ConfigFlags } from '../../cli/config/flag-config.ts';
import { fixture, messageOf, resolveWith, scratchDir, writeConf } from './helpers/config-fixtures.ts';

test('a missing config file', async (t) => {
  t.is(await messageOf(resolveWith({ configFile: 'nope.conf' })), 'config file /srv/es2sql/nope.conf (--config-file) does not exist; check the path');
  t.is(await messageOf(resolveWith({}, { ES2SQL_FREEZER_CONFIG: '/etc/freezer/missing.conf' })), 'config file /etc/freezer/missing.conf (ES2SQL_FREEZER_CONFIG) does not exist; check the path');
});

test('a directory, a path through a file, an unreadable file', async (t) => {
  const dir = await scratchDir();
  t.is(await messageOf(resolveWith({ configFile: dir })), `config file ${dir} (--config-file) is a directory, not a file; name the file itself, e.g. /etc/freezer/freezer-api.conf`);
  const file = await writeConf(dir, 'plain.conf', '[migrate]\n');
  t.is(await messageOf(resolveWith({ freezerConfig: join(file, 'x') })), `config file ${join(file, 'x')} (--freezer-config) does not exist (a part of the path is not a directory); check the path`);
  // Tests run as root here, so permissions cannot be taken away for real: feed the fs error in.
  const denied = configFileReadError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }), '/etc/freezer/freezer-api.conf', '--config-file');
  t.true(denied instanceof ConfigError);
  t.is(denied.message, 'config file /etc/freezer/freezer-api.conf (--config-file) cannot be read (permission denied); run es2sql as a user that can read it, or copy the settings into flags or environment variables');
  t.is(configFileReadError(Object.assign(new Error('x'), { code: 'EIO' }), '/c.conf', '--config-file').message, 'config file /c.conf (--config-file) cannot be read (EIO); check the file');
});

test('a referenced freezer-api.conf that is missing names the file that referenced it', async (t) => {
  const own = await writeConf(await scratchDir(), 'es2sql.conf', '[source]\nfreezer_api_config = freezer/freezer-api.conf\n');
  const expected = own.replace(/es2sql\.conf$/, 'freezer/freezer-api.conf');
  t.is(await messageOf(resolveWith({ configFile: own })), `config file ${expected} ([source] freezer_api_config in ${own}) does not exist; check the path`);
});

test('malformed INI', async (t) => {
  const path = await writeConf(await scratchDir(), 'freezer-api.conf', '[DEFAULT]\ndebug = true\n[storage] ; elasticsearch\nhosts = http://u:s3cret@es:9200\n');
  t.is(await messageOf(resolveWith({ configFile: path })), `${path} line 3 is not valid INI: section header does not end with ']' (a comment after it is not allowed)`);
});

test('files that are neither kind or both', async (t) => {
  const dir = await scratchDir();
  const neither = await writeConf(dir, 'neither.conf', '[DEFAULT]\nx = 1\n[logging]\nlevel = info\n');
  t.is(await messageOf(resolveWith({ configFile: neither })), `${neither} has none of es2sql's sections ([source], [target], [state_database], [migrate], [output]) and none of freezer-api's ([storage], [database]); check that this is the right file`);
  const both = await writeConf(dir, 'both.conf', '[source]\nindex = freezer\n[storage]\nbackend = elasticsearch\n[database]\nconnection = sqlite:x.db\n');
  t.is(await messageOf(resolveWith({ configFile: both })), `${both} mixes es2sql sections ([source]) with freezer-api ones ([storage], [database]); keep es2sql's settings in a file of their own and point it at freezer-api.conf with [source] freezer_api_config`);
});

test('a file of the wrong kind where a freezer-api.conf is expected', async (t) => {
  const own = fixture('es2sql.conf');
  t.is(await messageOf(resolveWith({ freezerConfig: own })), `${own} (--freezer-config) is es2sql's own config file, not a freezer-api.conf; pass it with --config-file`);
});

test('two files of the same kind', async (t) => {
  const rocky = fixture('freezer-api-7.0.0-rocky.conf');
  const zed = fixture('freezer-api-13.0.0-zed-devstack.conf');
  t.is(await messageOf(resolveWith({ configFile: rocky, freezerConfig: zed })), `two freezer-api.conf files were given: ${zed} (--freezer-config) and ${rocky} (--config-file); give one`);
  const own = fixture('es2sql.conf');
  const other = fixture('es2sql-standalone.conf');
  t.is(await messageOf(resolveWith({ configFile: [own, other] })), `two es2sql config files (es2sql reads one file of its own) were given: ${own} (--config-file) and ${other} (--config-file); give one`);
  await t.notThrowsAsync(resolveWith({ configFile: [rocky, rocky] }), 'the same file twice is one file');
});

test("es2sql's file: unknown sections and options, url and file together", async (t) => {
  const dir = await scratchDir();
  const section = await writeConf(dir, 'a.conf', '[source]\nindex = f\n[sorce]\nurl = http://es:9200\n');
  t.is(await messageOf(resolveWith({ configFile: section })), `${section}: unknown section [sorce]; es2sql's sections are [source], [target], [state_database], [migrate], [output]`);
  const option = await writeConf(dir, 'b.conf', '[target]\nconection = sqlite:x.db\n');
  t.is(await messageOf(resolveWith({ configFile: option })), `${option}: unknown option conection in [target]; [target] takes connection`);
  const twice = await writeConf(dir, 'c.conf', '[source]\nurl = http://es:9200\nfile = dump.ndjson\n');
  t.is(await messageOf(resolveWith({ configFile: twice })), `${twice}: [source] sets both url and file; keep one (url for Elasticsearch, file for a dump)`);
  const notUrl = await writeConf(dir, 'd.conf', '[source]\nurl = dump.ndjson\n');
  t.is(await messageOf(resolveWith({ configFile: notUrl })), `[source] url in ${notUrl}: "dump.ndjson" is not a URL; write e.g. http://127.0.0.1:9200`);
});

const VALUE_ERRORS: Array<[string, ConfigFlags, Record<string, string>, string]> = [
  ['integer from the environment', {}, { ES2SQL_SLICES: 'four' }, 'ES2SQL_SLICES is "four", not a whole number; write e.g. 4'],
  ['integer below its minimum', { batchSize: 0 }, {}, '--batch-size is 0, but it must be at least 1'],
  ['fractional number flag', { slices: 1.5 }, {}, '--slices is 1.5, not a whole number; write e.g. 4'],
  ['integer with an inline comment', {}, { ES2SQL_SLICE: '2 # second host' }, 'ES2SQL_SLICE is "2 # second host", not a whole number; write e.g. 4 (config files take everything after \'=\' up to the end of the line, so a trailing comment becomes part of the value; move it to its own line)'],
  ['boolean', {}, { ES2SQL_QUIET: 'maybe' }, 'ES2SQL_QUIET is "maybe", not a boolean; write true or false'],
  ['log format', { logFormat: 'xml' }, {}, '--log-format is "xml", not a log format; write text or json'],
  ['host:port source', { source: 'es.example.com:9200' }, {}, '--source: "es.example.com:9200" looks like host:port; write http://es.example.com:9200 for an Elasticsearch cluster, or file:es.example.com:9200 if it really is a file'],
  ['other scheme', {}, { ES2SQL_SOURCE: 'ftp://u:s3cret@files/dump.ndjson' }, 'ES2SQL_SOURCE: "ftp://u:***@files/dump.ndjson" is neither an http(s) URL nor a file; write http://… for Elasticsearch or file:path for a dump'],
  ['URL with a query', { source: 'http://es:9200/?pretty' }, {}, '--source: "http://es:9200/?pretty" has a query or fragment; give the cluster\'s base URL, e.g. http://127.0.0.1:9200'],
  ['bad URL', { source: 'http://es:99999' }, {}, '--source: "http://es:99999" is not a URL; write e.g. http://127.0.0.1:9200'],
  ['different credentials per URL', { source: 'http://a:pw-1@es1:9200,http://b:pw-2@es2:9200' }, {}, '--source: the URLs carry different credentials; es2sql uses one user for the whole cluster, so give it once with --source-user and --source-password'],
  ['object flag', { target: { a: 1 } as unknown as string }, {}, '--target was given a value of type object; give it text'],
];

for (const [name, flags, env, message] of VALUE_ERRORS) {
  test(`value error: ${name}`, async (t) => {
    t.is(await messageOf(resolveWith(flags, env)), message);
  });
}

test('errors from a freezer-api.conf are ConfigErrors naming the file', async (t) => {
  const dir = await scratchDir();
  await mkdir(join(dir, 'sub'));
  const path = await writeConf(join(dir, 'sub'), 'freezer-api.conf', 'password = early\n');
  const error = await resolveWith({ configFile: path }).catch((caught: unknown) => caught);
  t.true(error instanceof ConfigError);
  t.is((error as ConfigError).file, path);
  t.is((error as ConfigError).message, `${path} line 1 is not valid INI: option before the first [section] header`);
});
