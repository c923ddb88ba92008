import test, { type ExecutionContext } from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createConnection } from 'mysql2/promise';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { MYSQL_ADMIN_URL, createScratchDatabase } from '../helpers/databases.ts';
import { esUrl } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';
import { startAuthProxy, type AuthProxy } from './helpers/auth-proxy.ts';
import { closedPort } from './helpers/closed-port.ts';
import { errorLine, runCli, type CliRun } from './helpers/run-cli.ts';
import { esMajor } from './helpers/es-major.ts';
import { seedIndex, type SeededIndex } from './helpers/seed-index.ts';
import { makeTestCa, type TestCa } from './helpers/test-ca.ts';

const SAMPLE = new URL('../../fixtures/freezer-sample.ndjson', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'es2sql-cli-errors-'));
const scratchTarget = (name: string) => `sqlite:${join(work, `${name}.db`)}`;

let es: string;
let seeded: SeededIndex;
let ca: TestCa;
let proxy: AuthProxy;

test.before(async () => {
  const major = esMajor(7);
  es = esUrl(major);
  seeded = await seedIndex(es, major, smallFreezerDocs());
  ca = makeTestCa();
  proxy = await startAuthProxy(es, { users: { es2sql: 'Right-pw-42' }, forbiddenUsers: { reader: 'Reader-pw-42' } }, { key: ca.serverKey, cert: ca.serverCert });
});

test.after.always(async () => {
  await proxy?.close();
  ca?.remove();
  await seeded?.drop();
  rmSync(work, { recursive: true, force: true });
});

/** The user's view of a failure: exactly one line on stderr, no stack, nothing on stdout. */
function assertFailure(t: ExecutionContext, run: CliRun, message: string, code: number): void {
  t.is(errorLine(run), message, run.stderr);
  t.is(run.code, code);
  t.false(/^\s+at /m.test(run.stderr), 'no stack without --debug');
  t.is(run.stderr.split('\n').filter((line) => line.startsWith('error: ')).length, 1);
}

const quiet = ['--quiet'];

test('Elasticsearch unreachable → connection refused, exit 2', async (t) => {
  const port = await closedPort();
  const run = await runCli(['migrate', '--source', `http://127.0.0.1:${port}`, '--target', scratchTarget('unreachable'), ...quiet]);
  assertFailure(t, run, `cannot reach Elasticsearch at http://127.0.0.1:${port}: connection refused; check --source and that the cluster is up`, EXIT_CODES.error);
});

test('TLS certificate not trusted (no --source-ca) → TLS one-liner, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', proxy.url, '--index', seeded.index, '--source-user', 'es2sql', '--source-password', 'Right-pw-42', '--target', scratchTarget('tls'), ...quiet]);
  assertFailure(t, run, `TLS connection to Elasticsearch at ${proxy.url} failed: unable to verify the first certificate; give the cluster's CA certificate with --source-ca, or check that the URL's scheme (http/https) is right`, EXIT_CODES.error);
});

test('wrong Elasticsearch password → HTTP 401 one-liner, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', proxy.url, '--source-ca', ca.caFile, '--index', seeded.index, '--source-user', 'es2sql', '--source-password', 'Wrong-pw-42', '--target', scratchTarget('401'), ...quiet]);
  assertFailure(t, run, `Elasticsearch at ${proxy.url} rejected the credentials (HTTP 401 Unauthorized); check the user name and password or API key given with --source-user/--source-password or --source-api-key`, EXIT_CODES.error);
});

test('no Elasticsearch credentials on a secured cluster → HTTP 401 one-liner, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', proxy.url, '--source-ca', ca.caFile, '--index', seeded.index, '--target', scratchTarget('401-none'), ...quiet]);
  assertFailure(t, run, `Elasticsearch at ${proxy.url} requires authentication (HTTP 401 Unauthorized); give a user name and password or an API key with --source-user/--source-password or --source-api-key`, EXIT_CODES.error);
});

test('Elasticsearch user without privileges → HTTP 403 one-liner, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', proxy.url, '--source-ca', ca.caFile, '--index', seeded.index, '--source-user', 'reader', '--source-password', 'Reader-pw-42', '--target', scratchTarget('403'), ...quiet]);
  assertFailure(t, run, `Elasticsearch at ${proxy.url} refused to read the server version (GET /) (HTTP 403 Forbidden); grant the source user the "monitor" cluster privilege and "read" and "view_index_metadata" on index "${seeded.index}"`, EXIT_CODES.error);
});

test('unknown index → names the existing indices and --index, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', es, '--index', 'freezer-nope', '--target', scratchTarget('index'), ...quiet]);
  t.is(run.code, EXIT_CODES.error);
  const line = errorLine(run) ?? '';
  // The other indices on the shared test node vary; the sentence around them does not.
  t.true(line.startsWith(`index "freezer-nope" not found on Elasticsearch at ${es} (nor freezer-nope-<entity> or freezer-nope_<entity>); existing indices: `), line);
  t.true(line.includes(seeded.index) || line.includes('in all)'), line);
  t.true(line.endsWith('; pass the right name with --index'), line);
  t.is(run.stderr.trim().split('\n').length, 1);
});

test('missing dump file → one-liner, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', join(work, 'nope.ndjson'), '--target', scratchTarget('nofile'), ...quiet]);
  assertFailure(t, run, `cannot read NDJSON file ${join(work, 'nope.ndjson')}: no such file; check --source`, EXIT_CODES.error);
});

test('target database does not exist (PostgreSQL 3D000) → create it, exit 2', async (t) => {
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', 'postgres://postgres@127.0.0.1:5432/es2sql_no_such_db', ...quiet]);
  assertFailure(t, run, 'database "es2sql_no_such_db" does not exist on 127.0.0.1; create it (CREATE DATABASE es2sql_no_such_db) or fix the name in --target', EXIT_CODES.error);
});

test('target database server down (ECONNREFUSED) → check host and port, exit 2', async (t) => {
  const port = await closedPort();
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', `postgres://postgres@127.0.0.1:${port}/freezer`, ...quiet]);
  assertFailure(t, run, `cannot connect to the target database postgres://postgres@127.0.0.1:${port}/freezer: connection refused; check the host and port in --target, and that the server is running`, EXIT_CODES.error);
});

test('wrong database password (MariaDB ER_ACCESS_DENIED_ERROR) → check user and password, exit 2', async (t) => {
  const user = `es2sql_pw_${process.pid}`;
  const admin = await createConnection(MYSQL_ADMIN_URL);
  const scratch = await createScratchDatabase('mysql', 'pw');
  try {
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'Right-Db-pw1'`);
    await admin.query(`GRANT ALL ON \`${new URL(scratch.url).pathname.slice(1)}\`.* TO '${user}'@'%'`);
    const url = new URL(scratch.url);
    url.username = user;
    url.password = 'Wrong-Db-pw1';
    const run = await runCli(['migrate', '--source', SAMPLE, '--target', url.toString(), ...quiet]);
    assertFailure(t, run, `the target database mysql://${user}:***@127.0.0.1:3306${url.pathname} refused the login of user "${user}" (wrong password, or the user may not connect from this host); check the user and password in --target`, EXIT_CODES.error);
    t.false(run.stderr.includes('Wrong-Db-pw1'));
  } finally {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.end();
    await scratch.drop();
  }
});

test('permission denied in the target (PostgreSQL 42501) → grant or use another user, exit 2', async (t) => {
  const role = `es2sql_ro_${process.pid}`;
  const scratch = await createScratchDatabase('postgres', 'perm');
  const admin = new pg.Client({ connectionString: scratch.url });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'Ro-pw-123'`);
    await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    const url = new URL(scratch.url);
    url.username = role;
    url.password = 'Ro-pw-123';
    const run = await runCli(['migrate', '--source', SAMPLE, '--target', url.toString(), ...quiet]);
    assertFailure(t, run, `permission denied in the target database postgres://${role}:***@127.0.0.1:5432${url.pathname} for user "${role}" (permission denied for schema public); grant that user the right to create and write tables there, or use one that has it (--target)`, EXIT_CODES.error);
  } finally {
    await admin.end();
    await scratch.drop();
    const cleanup = new pg.Client({ connectionString: scratch.url.replace(/\/[^/]+$/, '/postgres') });
    await cleanup.connect();
    await cleanup.query(`DROP ROLE IF EXISTS ${role}`);
    await cleanup.end();
  }
});

test('permission denied in the target (MariaDB ER_DBACCESS_DENIED_ERROR) → grant or use another user, exit 2', async (t) => {
  const user = `es2sql_np_${process.pid}`;
  const admin = await createConnection(MYSQL_ADMIN_URL);
  const scratch = await createScratchDatabase('mysql', 'perm');
  try {
    await admin.query(`CREATE USER '${user}'@'%' IDENTIFIED BY 'No-priv-pw1'`);
    const url = new URL(scratch.url);
    url.username = user;
    url.password = 'No-priv-pw1';
    const database = url.pathname.slice(1);
    const run = await runCli(['migrate', '--source', SAMPLE, '--target', url.toString(), ...quiet]);
    assertFailure(t, run, `permission denied in the target database mysql://${user}:***@127.0.0.1:3306/${database} for user "${user}" (Access denied for user '${user}'@'%' to database '${database}'); grant that user the right to create and write tables there, or use one that has it (--target)`, EXIT_CODES.error);
  } finally {
    await admin.query(`DROP USER IF EXISTS '${user}'@'%'`);
    await admin.end();
    await scratch.drop();
  }
});

test('SQLite target in a directory that does not exist → mkdir hint, exit 2', async (t) => {
  const dir = join(work, 'missing', 'dir');
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', `sqlite:${dir}/freezer.db`, ...quiet]);
  assertFailure(t, run, `cannot create the SQLite database ${dir}/freezer.db: directory ${dir} does not exist; create it (mkdir -p ${dir}) or fix the path in --target`, EXIT_CODES.error);
});

test('schema mismatch: tables freezer-api did not create → one-liner, exit 2', async (t) => {
  const file = join(work, 'foreign.db');
  const db = new DatabaseSync(file);
  db.exec('CREATE TABLE clients (id INTEGER PRIMARY KEY, name TEXT)');
  db.close();
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', `sqlite:${file}`, ...quiet]);
  assertFailure(t, run, "the target holds tables named like freezer-api's (clients) but neither migrate_version nor alembic_version, so freezer-api did not create them: point es2sql at an empty database or at one freezer-api created", EXIT_CODES.error);
});

test('schema mismatch: layout A asked of a layout B database → one-liner, exit 2', async (t) => {
  const target = scratchTarget('layout-b');
  t.is((await runCli(['migrate', '--source', SAMPLE, '--target', target, ...quiet])).code, EXIT_CODES.rejects);
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', target, '--freezer-release', '13', ...quiet]);
  assertFailure(t, run, "the target already holds layout B (alembic 23c8ad2655a6), but --freezer-release 13 asks for layout A; es2sql never turns layout B back into A: name the freezer-api release you run (16 or later), or omit the option to use the database's own layout", EXIT_CODES.error);
});

test('full disk (SQLite target on a 2 MB tmpfs) → free space and rerun, exit 2', async (t) => {
  const mountPoint = join(work, 'full');
  mkdirSync(mountPoint);
  const dump = join(work, 'big.ndjson');
  const docs = smallFreezerDocs({ backups: 3000 });
  for (const doc of docs) if (doc._type === 'backups') (doc._source.backup_metadata as Record<string, unknown>).notes = 'x'.repeat(2000);
  writeNdjson(dump, docs);
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint]);
  try {
    const run = await runCli(['migrate', '--source', dump, '--target', `sqlite:${mountPoint}/freezer.db`, ...quiet]);
    assertFailure(t, run, `disk full while writing to the target database sqlite:${mountPoint}/freezer.db; free space or grow the volume, then rerun the same command: it resumes from the last checkpoint`, EXIT_CODES.error);
  } finally {
    execFileSync('umount', [mountPoint]);
  }
});

test('--debug adds the stack (and causes) after the one-line error', async (t) => {
  const port = await closedPort();
  const run = await runCli(['migrate', '--source', SAMPLE, '--target', `postgres://postgres@127.0.0.1:${port}/freezer`, '--debug']);
  t.is(run.code, EXIT_CODES.error);
  const after = run.stderr.slice(run.stderr.indexOf('error: '));
  t.regex(after, /^error: cannot connect to the target database .*\n\S*Error: .*\n\s+at /);
  t.regex(run.stderr, /^debug: target: postgres:\/\/postgres@127\.0\.0\.1:\d+\/freezer {2}\(--target\)$/m);
});
