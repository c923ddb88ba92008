import test from 'ava';
import { checkConfig } from '../../cli/config/check-config.ts';
import { messageOf, resolveWith, scratchDir, writeConf } from './helpers/config-fixtures.ts';

async function fromFreezerConf(text: string, flags: Record<string, unknown> = {}) {
  const path = await writeConf(await scratchDir(), 'freezer-api.conf', text);
  return { path, config: await resolveWith({ freezerConfig: path, ...flags }) };
}

const HOSTS: Array<[string, boolean, string[]]> = [
  ['es.example.com', false, ['http://es.example.com:9200']],
  ['es.example.com:9201', false, ['http://es.example.com:9201']],
  ['http://es.example.com', false, ['http://es.example.com:9200']],
  ['https://es.example.com', false, ['https://es.example.com:443']],
  ['http://es.example.com:80', false, ['http://es.example.com:80']],
  ['https://es.example.com:9200/search/', false, ['https://es.example.com:9200/search']],
  ['HTTP://ES.Example.COM:9200', false, ['http://es.example.com:9200']],
  ['[fd00::1]:9200', false, ['http://[fd00::1]:9200']],
  ['http://es1:9200, es2 ,', false, ['http://es1:9200', 'http://es2:9200']],
  ['http://es1:9200,es2:9200', true, ['https://es1:9200', 'https://es2:9200']],
];

for (const [hosts, useSsl, urls] of HOSTS) {
  test(`hosts = ${hosts}${useSsl ? ' with use_ssl' : ''}`, async (t) => {
    const { config } = await fromFreezerConf(`[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = ${hosts}\nuse_ssl = ${useSsl ? 'True' : 'false'}\n`);
    t.deepEqual(config.source?.kind === 'elasticsearch' ? config.source.urls : undefined, urls);
  });
}

test('credentials: user info in hosts beats http_auth; http_auth without ":" is a user only', async (t) => {
  const both = await fromFreezerConf('[storage]\nbackend = es\n[es]\nhosts = http://a:p@w@es:9200\nhttp_auth = b:other\n');
  t.like(both.config.source, { username: 'a', password: 'p@w' });
  t.deepEqual(both.config.secrets.filter((secret) => secret === 'other'), ['other'], 'the unused http_auth password is still redacted');
  const userOnly = await fromFreezerConf('[storage]\nbackend = es\n[es]\nhosts = es:9200\nhttp_auth = reader\n');
  t.like(userOnly.config.source, { username: 'reader' });
  t.false(userOnly.config.source !== undefined && 'password' in userOnly.config.source);
});

test('a relative ca_certs is taken from the directory of freezer-api.conf; an empty one is none', async (t) => {
  const { path, config } = await fromFreezerConf('[storage]\nhosts = https://es:9200\nverify_certs = yes\nca_certs = certs/ca.pem\n');
  t.like(config.source, { caFile: path.replace(/freezer-api\.conf$/, 'certs/ca.pem'), rejectUnauthorized: true });
  const empty = await fromFreezerConf("[storage]\nhosts = https://es:9200\nca_certs = ''\n");
  t.false(empty.config.source !== undefined && 'caFile' in empty.config.source);
});

test('unverified https from freezer-api.conf is used as freezer-api used it, with a note', async (t) => {
  const { path, config } = await fromFreezerConf('[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = https://es:9200\n');
  t.like(config.source, { rejectUnauthorized: false });
  t.deepEqual(config.notes, [`TLS certificates of https://es:9200 are not verified, as freezer-api did not verify them ([elasticsearch] verify_certs in ${path} is false or unset); pass --source-verify-certs to verify them`]);
  const verified = await fromFreezerConf('[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = https://es:9200\n', { sourceVerifyCerts: true });
  t.like(verified.config.source, { rejectUnauthorized: true });
  t.is(verified.config.provenance.sourceVerifyCerts, 'flag');
});

test('a backend section without hosts means freezer-api default host, noted; stale [storage] hosts are ignored, noted', async (t) => {
  const { path, config } = await fromFreezerConf('[storage]\nbackend = elasticsearch\nhosts = http://old:9200\n[elasticsearch]\nindex = freezer\n');
  t.like(config.source, { urls: ['http://127.0.0.1:9200'] });
  t.deepEqual(config.notes, [
    `${path}: ignored [storage] hosts/endpoint: since 5.0.0 freezer-api reads its hosts from [elasticsearch]`,
    `${path}: [elasticsearch] sets no hosts; using freezer-api's default http://127.0.0.1:9200`,
  ]);
});

test('a driver but no backend name before 7.0 conventions: [storage] driver as class path with backend', async (t) => {
  const { config } = await fromFreezerConf('[storage]\nbackend = elasticsearch\ndriver = freezer_api.storage.elastic.ElasticSearchEngine\n[elasticsearch]\nhosts = es:9200\n');
  t.like(config.source, { urls: ['http://es:9200'] });
  t.like(config.files.freezerApi, { shape: 'backend', driver: 'freezer_api.storage.elastic.ElasticSearchEngine' });
});

test('oslo.db connection names from before oslo.db 10.0 are read when [database] connection is absent', async (t) => {
  for (const [section, key] of [['DEFAULT', 'sql_connection'], ['DATABASE', 'sql_connection'], ['sql', 'connection']]) {
    const { path, config } = await fromFreezerConf(`[storage]\nhosts = es:9200\n[${section}]\n${key} = postgresql://freezer:old-pw@pg/freezer\n`);
    t.is(config.target, 'postgresql://freezer:old-pw@pg/freezer');
    t.is(config.origins.target, `[${section === 'DATABASE' ? 'database' : section}] ${key} in ${path}`);
  }
});

const SOURCE_ERRORS: Array<[string, string, (path: string) => string]> = [
  ['backend names a missing section', '[storage]\nbackend = elastic\n[elasticsearch]\nhosts = es:9200\n', (path) => `[storage] backend = elastic in ${path} names a section [elastic] that the file does not have; add it (with hosts = http://host:9200), correct the name, or pass --source http://host:9200`],
  ['driver without backend', '[storage]\ndriver = elasticsearch\n[elasticsearch]\nhosts = es:9200\n', (path) => `[storage] backend is not set in ${path}, so freezer-api has no section to read its Elasticsearch options from; set backend = elasticsearch and add an [elasticsearch] section with hosts, or pass --source http://host:9200`],
  ['unknown driver', '[storage]\nbackend = elasticsearch\ndriver = mongodb\n', (path) => `[storage] driver = mongodb in ${path} is not a storage driver freezer-api knows (elasticsearch, sqlalchemy, or a freezer_api.storage.elastic… / freezer_api.db.elasticsearch… class); fix the file or pass --source http://host:9200`],
  ['backend = sqlalchemy (the defaults after 18.0.0)', '[storage]\nbackend = sqlalchemy\n[database]\nconnection = sqlite:////var/lib/freezer/freezer.db\n', (path) => `${path} says freezer-api already keeps its data in SQL ([storage] backend = sqlalchemy), so it names no Elasticsearch cluster to read; pass the old cluster with --source http://host:9200 (the target can still come from its [database] connection)`],
  ['driver is a sqlalchemy class', '[storage]\nbackend = db\ndriver = freezer_api.db.sqlalchemy.driver.SQLDriver\n', (path) => `${path} says freezer-api already keeps its data in SQL ([storage] driver = freezer_api.db.sqlalchemy.driver.SQLDriver), so it names no Elasticsearch cluster to read; pass the old cluster with --source http://host:9200 (the target can still come from its [database] connection)`],
  ['no storage settings at all', '[DEFAULT]\ndebug = true\n[keystone_authtoken]\npassword = ks\n', (path) => `${path} has no Elasticsearch settings ([storage] sets neither backend nor hosts); pass --source http://host:9200`],
  ['≤ 4.x db other than elasticsearch', '[storage]\ndb = mongodb\nhosts = es:9200\n', (path) => `[storage] db = mongodb in ${path} is not elasticsearch, the only database freezer-api 4.x and older supported; fix the file or pass --source http://host:9200`],
  ['use_ssl not a boolean', '[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = es:9200\nuse_ssl = maybe\n', (path) => `[elasticsearch] use_ssl in ${path} is "maybe", not a boolean; write true or false`],
  ['inline comment after a host', '[storage]\nhosts = http://es:9200 # primary\n', (path) => `[storage] hosts in ${path}: "http://es:9200 # primary" is not a host or URL; write host:9200 or http://host:9200 (a trailing comment is part of the value in oslo.config files; move it to its own line)`],
  ['hosts with different credentials', '[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = http://a:pw-1@es1:9200,http://b:pw-2@es2:9200\n', (path) => `[elasticsearch] hosts in ${path}: the hosts carry different credentials; es2sql uses one user for the cluster: pass --source-user and --source-password`],
  ['a host with another scheme', '[storage]\nhosts = ftp://es:9200\n', (path) => `[storage] hosts in ${path}: "ftp://es:9200" is not an http(s) host; write host:9200 or http://host:9200`],
  ['empty hosts', '[storage]\nbackend = elasticsearch\n[elasticsearch]\nhosts = ,\n', (path) => `[elasticsearch] hosts in ${path} is empty; write hosts = http://host:9200`],
];

for (const [name, text, message] of SOURCE_ERRORS) {
  test(`source problem: ${name}`, async (t) => {
    const { path, config } = await fromFreezerConf(text);
    t.is(config.source, undefined);
    t.is(await messageOf(() => checkConfig(config, 'validate')), message(path));
    const overridden = await fromFreezerConf(text, { source: 'http://es.example.com:9200' });
    t.notThrows(() => checkConfig(overridden.config, 'validate'), 'a source given elsewhere makes the problem irrelevant');
  });
}
