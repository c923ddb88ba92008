import test from 'ava';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { MYSQL_ADMIN_URL, createScratchDatabase, type ScratchDatabase } from '../helpers/databases.ts';
import { esUrl } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';
import { startAuthProxy, type AuthProxy } from './helpers/auth-proxy.ts';
import { dumpAllTables } from './helpers/dump-tables.ts';
import { errorLine, runCli, type CliRun } from './helpers/run-cli.ts';
import { esMajor } from './helpers/es-major.ts';
import { seedIndex, type SeededIndex } from './helpers/seed-index.ts';
import { makeTestCa, type TestCa } from './helpers/test-ca.ts';

// Secrets with the characters that break naive handling: ':', '@', '/', '#', '%', spaces.
const ES_USER = 'es2sql';
const ES_PASSWORD = 'Es:p@ss/w0rd#7 ok';
const API_KEY_ID = 'VuaCfGcBCdbkQm-e5aOx';
const API_KEY_SECRET = 'ui2lp2axTNmsyakw9tvNnw';
const DB_PASSWORD = 'Db-S3cr3t%@:pw';

/** Every form a secret could leak in: as is, percent-encoded, base64 of the basic-auth pair and of the API key. */
const FORBIDDEN = [
  ES_PASSWORD,
  encodeURIComponent(ES_PASSWORD),
  Buffer.from(`${ES_USER}:${ES_PASSWORD}`).toString('base64'),
  API_KEY_SECRET,
  Buffer.from(`${API_KEY_ID}:${API_KEY_SECRET}`).toString('base64'),
  DB_PASSWORD,
  encodeURIComponent(DB_PASSWORD),
];

const work = mkdtempSync(join(tmpdir(), 'es2sql-cli-secrets-'));
let seeded: SeededIndex;
let ca: TestCa;
let proxy: AuthProxy;
let target: ScratchDatabase;
let targetUrl: string;
const dbUser = `es2sql_sec_${process.pid}`;

test.before(async () => {
  const major = esMajor(8);
  const es = esUrl(major);
  seeded = await seedIndex(es, major, smallFreezerDocs({ backups: 30, jobs: 8 }));
  ca = makeTestCa();
  proxy = await startAuthProxy(es, { users: { [ES_USER]: ES_PASSWORD }, apiKeys: [`${API_KEY_ID}:${API_KEY_SECRET}`] }, { key: ca.serverKey, cert: ca.serverCert });
  target = await createScratchDatabase('mysql', 'sec');
  const admin = await createConnection(MYSQL_ADMIN_URL);
  try {
    await admin.query(`CREATE USER '${dbUser}'@'%' IDENTIFIED BY ?`, [DB_PASSWORD]);
    await admin.query(`GRANT ALL ON \`${new URL(target.url).pathname.slice(1)}\`.* TO '${dbUser}'@'%'`);
  } finally {
    await admin.end();
  }
  const url = new URL(target.url);
  url.username = dbUser;
  url.password = encodeURIComponent(DB_PASSWORD);
  targetUrl = url.toString();
});

test.after.always(async () => {
  await proxy?.close();
  ca?.remove();
  await seeded?.drop();
  await target?.drop();
  const admin = await createConnection(MYSQL_ADMIN_URL);
  await admin.query(`DROP USER IF EXISTS '${dbUser}'@'%'`);
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

function leaks(text: string): string[] {
  return FORBIDDEN.filter((secret) => text.includes(secret));
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

test('passwords and API keys from flags, URLs and the environment appear in no output, report or table', async (t) => {
  const reports = join(work, 'reports');
  const runs: Array<[string, CliRun]> = [];
  const source = ['--source-ca', ca.caFile, '--index', seeded.index];
  const record = async (name: string, argv: string[], env: Record<string, string> = {}) => {
    const run = await runCli(argv, { env, cwd: work });
    runs.push([name, run]);
    return run;
  };

  // Password as a flag, target password in the URL, with --debug (prints every resolved setting).
  const first = await record('migrate (flags, --debug)', ['migrate', '--source', proxy.url, ...source, '--source-user', ES_USER, '--source-password', ES_PASSWORD, '--target', targetUrl, '--report', join(reports, 'migrate.json'), '--debug', '--progress-interval', '0.05']);
  t.is(first.code, EXIT_CODES.ok, first.stderr);
  t.regex(first.stderr, /^debug: source password: \*\*\* {2}\(--source-password\)$/m);
  t.regex(first.stderr, new RegExp(`^debug: target: mysql://${dbUser}:\\*\\*\\*@127\\.0\\.0\\.1:3306/`, 'm'));

  // Credentials as user info in the source URL (percent-encoded), target from the environment.
  const inUrl = `https://${ES_USER}:${encodeURIComponent(ES_PASSWORD)}@127.0.0.1:${proxy.port}`;
  const second = await record('migrate --restart (user info)', ['migrate', '--source', inUrl, ...source, '--restart', '--debug'], { ES2SQL_TARGET: targetUrl });
  t.is(second.code, EXIT_CODES.ok, second.stderr);

  // Password from the environment, validate with its HTML + JSON report.
  const third = await record('validate (env password)', ['validate', '--source', proxy.url, ...source, '--source-user', ES_USER, '--target', targetUrl, '--report', join(reports, 'validate.html')], { ES2SQL_ES_PASSWORD: ES_PASSWORD });
  t.is(third.code, EXIT_CODES.ok, third.stderr);

  // API key from the environment, sync.
  const fourth = await record('sync (API key)', ['sync', '--source', proxy.url, ...source, '--target', targetUrl, '--debug', '--report', join(reports, 'sync.json')], { ES2SQL_ES_API_KEY: `${API_KEY_ID}:${API_KEY_SECRET}` });
  t.is(fourth.code, EXIT_CODES.ok, fourth.stderr);

  // Failures: a wrong ES password (the right one elsewhere in the environment) and a wrong database password.
  const fifth = await record('migrate (wrong password)', ['migrate', '--source', proxy.url, ...source, '--source-user', ES_USER, '--source-password', `${ES_PASSWORD}x`, '--target', targetUrl, '--debug']);
  t.is(fifth.code, EXIT_CODES.error);
  t.regex(errorLine(fifth) ?? '', /rejected the credentials \(HTTP 401 Unauthorized\)/);
  const badDb = targetUrl.replace(encodeURIComponent(DB_PASSWORD), encodeURIComponent(`${DB_PASSWORD}x`));
  const sixth = await record('migrate (wrong database password)', ['migrate', '--source', proxy.url, ...source, '--source-user', ES_USER, '--source-password', ES_PASSWORD, '--target', badDb, '--debug']);
  t.is(sixth.code, EXIT_CODES.error);
  t.regex(errorLine(sixth) ?? '', /refused the login of user/);
  // A usage error that echoes the URL back.
  const seventh = await record('usage error echoing a URL', ['migrate', `--sorce=https://${ES_USER}:${encodeURIComponent(ES_PASSWORD)}@es:9200`]);
  t.is(seventh.code, EXIT_CODES.usage);

  // status in every form.
  for (const extra of [[], ['--json'], ['--rejects'], ['--rejects', '--json']]) {
    const run = await record(`status ${extra.join(' ')}`, ['status', '--target', targetUrl, ...extra]);
    t.is(run.code, EXIT_CODES.ok, run.stderr);
  }

  for (const [name, run] of runs) {
    t.deepEqual(leaks(run.stdout), [], `stdout of ${name}`);
    t.deepEqual(leaks(run.stderr), [], `stderr of ${name}`);
  }
  const files = filesUnder(reports);
  t.deepEqual(files.map((file) => file.slice(reports.length + 1)).sort(), ['migrate.json', 'sync.json', 'validate.html', 'validate.json']);
  for (const file of files) t.deepEqual(leaks(readFileSync(file, 'utf8')), [], file);
  const tables = await dumpAllTables(target.url);
  t.regex(tables, /^es2sql_runs: /m);
  t.regex(tables, /^es2sql_checkpoints: /m);
  t.deepEqual(leaks(tables), [], 'every table of the target (es2sql_* and freezer-api\'s)');
  // The credentials did reach Elasticsearch (through the proxy): the runs above were authenticated.
  t.true(proxy.authorizations.some((header) => header === `Basic ${Buffer.from(`${ES_USER}:${ES_PASSWORD}`).toString('base64')}`));
  t.true(proxy.authorizations.some((header) => header === `ApiKey ${Buffer.from(`${API_KEY_ID}:${API_KEY_SECRET}`).toString('base64')}`));
});
