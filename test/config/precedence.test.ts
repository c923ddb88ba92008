import test from 'ava';
import { fixture, resolveWith, scratchDir, writeConf } from './helpers/config-fixtures.ts';

const ROCKY = fixture('freezer-api-7.0.0-rocky.conf');
const ROCKY_TARGET = 'mysql+pymysql://freezer:Db%23Pass%3Bword@db.rocky.example.com/freezer?charset=utf8';

async function es2sqlConf(text: string): Promise<string> {
  return writeConf(await scratchDir(), 'es2sql.conf', text);
}

test('a flag beats the environment', async (t) => {
  const config = await resolveWith({ target: 'postgres://flag@db/freezer', slices: 8 }, { ES2SQL_TARGET: 'postgres://env@db/freezer', ES2SQL_SLICES: '2' });
  t.is(config.target, 'postgres://flag@db/freezer');
  t.is(config.slices, 8);
  t.like(config.provenance, { target: 'flag', slices: 'flag' });
  t.like(config.origins, { target: '--target', slices: '--slices' });
});

test("the environment beats es2sql's config file", async (t) => {
  const own = await es2sqlConf('[target]\nconnection = postgres://file@db/freezer\n[migrate]\nslices = 3\n');
  const config = await resolveWith({ configFile: own }, { ES2SQL_TARGET: 'postgres://env@db/freezer' });
  t.is(config.target, 'postgres://env@db/freezer');
  t.is(config.slices, 3);
  t.like(config.provenance, { target: 'env', slices: 'es2sql-config' });
  t.like(config.origins, { target: 'ES2SQL_TARGET', slices: `[migrate] slices in ${own}` });
});

test("es2sql's config file beats freezer-api.conf", async (t) => {
  const own = await es2sqlConf(`[source]\nfreezer_api_config = ${ROCKY}\nindex = freezer_copy\n[target]\nconnection = postgres://file@db/freezer\n`);
  const config = await resolveWith({ configFile: own });
  t.is(config.target, 'postgres://file@db/freezer');
  t.like(config.source, { index: 'freezer_copy', urls: ['http://es1.rocky.example.com:9200', 'http://es2.rocky.example.com:9200'] });
  t.like(config.provenance, { target: 'es2sql-config', index: 'es2sql-config', source: 'freezer-api-config' });
  t.true(config.secrets.includes('Db#Pass;word'), 'the overridden target password is still known, for redaction');
});

test('freezer-api.conf beats the defaults, and defaults fill the rest', async (t) => {
  const newton = await resolveWith({ configFile: fixture('freezer-api-3.0.0-newton.conf') });
  t.like(newton.source, { index: 'freezer_newton', rejectUnauthorized: true });
  t.like(newton.provenance, { index: 'freezer-api-config', logFormat: 'default', quiet: 'default', debug: 'default' });
  const bare = await resolveWith({ source: 'http://es:9200' });
  t.like(bare.source, { index: 'freezer', rejectUnauthorized: true });
  t.like(bare.provenance, { index: 'default', sourceVerifyCerts: 'default' });
  t.like(bare, { logFormat: 'text', quiet: false, debug: false });
});

test('the state database falls back to the target and says so', async (t) => {
  const fallback = await resolveWith({ configFile: ROCKY });
  t.is(fallback.stateDb, ROCKY_TARGET);
  t.is(fallback.provenance.stateDb, 'target-fallback');
  t.is(fallback.origins.stateDb, `[database] connection in ${ROCKY} (no state database set: es2sql keeps its tables in the target)`);
  const separate = await resolveWith({ configFile: ROCKY }, { ES2SQL_STATE_DB: 'sqlite:state/es2sql.db' });
  t.is(separate.stateDb, 'sqlite:/srv/es2sql/state/es2sql.db');
  t.is(separate.provenance.stateDb, 'env');
  t.is(separate.target, ROCKY_TARGET);
  const none = await resolveWith({ source: 'http://es:9200' });
  t.is(none.stateDb, undefined);
  t.is(none.provenance.stateDb, undefined);
});

test('--config-file twice: es2sql\'s file and freezer-api.conf together', async (t) => {
  const own = await es2sqlConf('[migrate]\nbatch_size = 250\n');
  const config = await resolveWith({ configFile: [own, ROCKY] });
  t.is(config.batchSize, 250);
  t.is(config.target, ROCKY_TARGET);
  t.deepEqual(config.files, { es2sql: own, freezerApi: { path: ROCKY, shape: 'backend', section: 'elasticsearch', driver: 'elasticsearch' } });
});

test('which freezer-api.conf: --freezer-config > ES2SQL_FREEZER_CONFIG > [source] freezer_api_config', async (t) => {
  const zed = fixture('freezer-api-13.0.0-zed-devstack.conf');
  const mitaka = fixture('freezer-api-2.0.0-mitaka.conf');
  const own = await es2sqlConf(`[source]\nfreezer_api_config = ${mitaka}\n`);
  const pick = async (flags: Record<string, unknown>, env: Record<string, string>) => (await resolveWith({ configFile: own, ...flags }, env)).files.freezerApi?.path;
  t.is(await pick({ freezerConfig: ROCKY }, { ES2SQL_FREEZER_CONFIG: zed }), ROCKY);
  t.is(await pick({}, { ES2SQL_FREEZER_CONFIG: zed }), zed);
  t.is(await pick({}, {}), mitaka);
});

test('--config-file replaces ES2SQL_CONFIG_FILE rather than adding to it', async (t) => {
  const own = await es2sqlConf('[migrate]\nslices = 5\n');
  const config = await resolveWith({ configFile: own }, { ES2SQL_CONFIG_FILE: ROCKY });
  t.is(config.files.freezerApi, undefined);
  t.is(config.target, undefined);
  t.is(config.slices, 5);
});

test("freezer-api.conf's credentials and TLS settings never go to a source named elsewhere", async (t) => {
  const config = await resolveWith({ configFile: fixture('freezer-api-18.0.0-2026.1.conf'), source: 'https://other.example.com:9200' });
  t.deepEqual(config.source, { kind: 'elasticsearch', urls: ['https://other.example.com:9200'], index: 'freezer', rejectUnauthorized: true });
  const file = fixture('freezer-api-18.0.0-2026.1.conf');
  t.deepEqual(config.notes, [
    `not using [elasticsearch] http_auth in ${file}: it belongs to that file's own Elasticsearch hosts, and the source comes from --source`,
    `not using [elasticsearch] ca_certs in ${file}: it belongs to that file's own Elasticsearch hosts, and the source comes from --source`,
  ]);
  t.is(config.target, 'mysql+pymysql://root:Gazpacho-Db-pw@127.0.0.1/freezer?charset=utf8', 'the target still comes from the file');
});

test("higher layers may override freezer-api.conf's credentials for its own hosts", async (t) => {
  const config = await resolveWith({ configFile: ROCKY, sourceUser: 'migrator' }, { ES2SQL_ES_PASSWORD: 'Migr@tor pw' });
  t.like(config.source, { urls: ['http://es1.rocky.example.com:9200', 'http://es2.rocky.example.com:9200'], username: 'migrator', password: 'Migr@tor pw' });
  t.like(config.provenance, { source: 'freezer-api-config', sourceUser: 'flag', sourcePassword: 'env' });
});

test("es2sql's own settings apply to a source given on the command line", async (t) => {
  const own = await es2sqlConf('[source]\nusername = reader\npassword = file-pw\nca_file = ca.pem\n');
  const config = await resolveWith({ configFile: own, source: 'https://es:9200' });
  t.like(config.source, { username: 'reader', password: 'file-pw', caFile: own.replace(/es2sql\.conf$/, 'ca.pem') });
});

test('user info in a source URL counts as user and password of the same layer; explicit ones win', async (t) => {
  const fromUrl = await resolveWith({ source: 'http://ro%40freezer:p%40ss@es:9200' });
  t.like(fromUrl.source, { urls: ['http://es:9200'], username: 'ro@freezer', password: 'p@ss' });
  t.like(fromUrl.origins, { sourceUser: 'user info in --source', sourcePassword: 'user info in --source' });
  const explicit = await resolveWith({ source: 'http://ro:p%40ss@es:9200', sourceUser: 'admin' });
  t.like(explicit.source, { username: 'admin', password: 'p@ss' });
  const lower = await resolveWith({ source: 'http://ro:url-pw@es:9200' }, { ES2SQL_ES_PASSWORD: 'env-pw' });
  t.like(lower.source, { password: 'url-pw' }, 'the flag layer (URL) beats the environment');
});

test('file sources: file: prefix or a path, relative to the working directory or to the config file', async (t) => {
  t.deepEqual((await resolveWith({ source: 'file:dumps/freezer.ndjson' })).source, { kind: 'file', path: '/srv/es2sql/dumps/freezer.ndjson' });
  t.deepEqual((await resolveWith({}, { ES2SQL_SOURCE: './freezer.ndjson' })).source, { kind: 'file', path: '/srv/es2sql/freezer.ndjson' });
  t.deepEqual((await resolveWith({ source: 'file:///var/tmp/freezer.ndjson' })).source, { kind: 'file', path: '/var/tmp/freezer.ndjson' });
  const own = await es2sqlConf('[source]\nfile = freezer.ndjson\n');
  t.deepEqual((await resolveWith({ configFile: own })).source, { kind: 'file', path: own.replace(/es2sql\.conf$/, 'freezer.ndjson') });
});

test('flags as yargs delivers them: repeated flags keep the last, numbers and booleans typed, other keys ignored', async (t) => {
  const config = await resolveWith({ _: ['migrate'], $0: 'es2sql', 'batch-size': 9, batchSize: [100, 200], quiet: true, sourceVerifyCerts: false, freezerRelease: 13, source: 'http://es:9200' });
  t.like(config, { batchSize: 200, quiet: true, freezerRelease: '13' });
  t.like(config.source, { rejectUnauthorized: false });
});

test('--source repeated lists several nodes', async (t) => {
  const config = await resolveWith({ source: ['http://es1:9200', 'http://es2:9200,http://es3:9200'] });
  t.like(config.source, { urls: ['http://es1:9200', 'http://es2:9200', 'http://es3:9200'] });
});

test('empty environment variables and flags count as unset; unknown ES2SQL_ variables are noted', async (t) => {
  const config = await resolveWith({ target: '' }, { ES2SQL_TARGET: ' ', ES2SQL_TARGT: 'typo', ES2SQL_TEST_ES8: 'http://127.0.0.1:9208', PATH: '/bin' });
  t.is(config.target, undefined);
  t.deepEqual(config.notes, ['ignored unknown environment variable ES2SQL_TARGT']);
});

test("es2sql's file: booleans in oslo spellings, paths relative to the file, SQLite URLs made absolute", async (t) => {
  const config = await resolveWith({ configFile: fixture('es2sql.conf') });
  t.like(config, {
    stateDb: `sqlite:${fixture('es2sql-state.db')}`,
    freezerRelease: '13',
    slices: 4,
    batchSize: 500,
    defaultProjectId: '8b1f1c2e4d9a4b6c9f0e1d2c3b4a5968',
    reportPath: fixture('reports/rocky-run.json'),
    logFormat: 'json',
  });
  t.is(config.target, ROCKY_TARGET);
  const standalone = await resolveWith({ configFile: fixture('es2sql-standalone.conf') });
  t.like(standalone, { quiet: true, layout: 'b', slices: 2, slice: 1 });
  t.like(standalone.source, { urls: ['https://es.example.net:9200', 'https://es2.example.net:9200'], username: 'es2sql', password: '0wn:p@ss/word', caFile: fixture('certs/es-ca.pem'), rejectUnauthorized: true });
});
