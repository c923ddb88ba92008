import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { MYSQL_ADMIN_URL, createScratchDatabase, type ScratchDatabase } from '../helpers/databases.ts';
import { esUrl, uniqueIndex } from '../helpers/elasticsearch.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';
import { startAuthProxy, type AuthProxy } from './helpers/auth-proxy.ts';
import { runCli } from './helpers/run-cli.ts';
import { esMajor } from './helpers/es-major.ts';
import { seedIndex } from './helpers/seed-index.ts';
import { makeTestCa } from './helpers/test-ca.ts';

const FIXTURES = new URL('../../fixtures/config/', import.meta.url).pathname;
const DOCS = smallFreezerDocs({ clients: 3, actions: 6, sessions: 2, jobs: 5, backups: 24 });

/** A MariaDB scratch database reachable with `user`/`password` (as a freezer-api.conf names its own). */
async function mysqlWithUser(prefix: string, user: string, password: string): Promise<ScratchDatabase & { database: string }> {
  const scratch = await createScratchDatabase('mysql', prefix);
  const database = new URL(scratch.url).pathname.slice(1);
  const admin = await createConnection(MYSQL_ADMIN_URL);
  try {
    await admin.query(`CREATE USER IF NOT EXISTS '${user}'@'%' IDENTIFIED BY ?`, [password]);
    await admin.query(`GRANT ALL ON \`${database}\`.* TO '${user}'@'%'`);
  } finally {
    await admin.end();
  }
  return {
    ...scratch,
    database,
    drop: async () => {
      await scratch.drop();
      const cleanup = await createConnection(MYSQL_ADMIN_URL);
      await cleanup.query(`DROP USER IF EXISTS '${user}'@'%'`);
      await cleanup.end();
    },
  };
}

async function rowCounts(url: string): Promise<Record<string, number>> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const counts: Record<string, number> = {};
    for (const table of ['clients', 'actions', 'sessions', 'jobs', 'backups']) {
      counts[table] = Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    }
    return counts;
  } finally {
    await db.destroy();
  }
}

/** Writes the fixture with its hosts, index and database moved to the test servers; every other line as the release shipped it. */
function confFrom(fixture: string, replacements: Array<[string | RegExp, string]>, dir: string): string {
  let text = readFileSync(join(FIXTURES, fixture), 'utf8');
  for (const [from, to] of replacements) {
    const before = text;
    text = text.replace(from, to);
    if (text === before) throw new Error(`${fixture}: ${String(from)} not found`);
  }
  const path = join(dir, fixture);
  writeFileSync(path, text);
  return path;
}

const EXPECTED = { clients: 3, actions: 6, sessions: 2, jobs: 5, backups: 24 };

test('7.0.0 (Rocky): [elasticsearch] hosts with user info on two nodes, [database] mysql+pymysql with an escaped password', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-conf-'));
  const major = esMajor(2);
  const es = esUrl(major);
  const seeded = await seedIndex(es, major, DOCS, uniqueIndex('freezer-rocky'));
  // elasticsearch-py 2 used user info as written: the password is literally "r0cky%40pw".
  const proxy: AuthProxy = await startAuthProxy(es, { users: { freezer: 'r0cky%40pw' } });
  const db = await mysqlWithUser('rocky', `freezer_r${process.pid}`, 'Db#Pass;word');
  try {
    const conf = confFrom('freezer-api-7.0.0-rocky.conf', [
      [/es1\.rocky\.example\.com:9200/, `127.0.0.1:${proxy.port}`],
      [/es2\.rocky\.example\.com:9200/, `127.0.0.1:${proxy.port}`],
      [/^index = freezer$/m, `index = ${seeded.index}`],
      ['mysql+pymysql://freezer:Db%23Pass%3Bword@db.rocky.example.com/freezer?charset=utf8', `mysql+pymysql://freezer_r${process.pid}:Db%23Pass%3Bword@127.0.0.1/${db.database}?charset=utf8`],
    ], dir);
    const run = await runCli(['migrate', '--config-file', conf], { cwd: dir });
    t.is(run.code, EXIT_CODES.ok, run.stderr);
    t.regex(run.stdout, new RegExp(`^Migrated http://127\\.0\\.0\\.1:${proxy.port}, http://127\\.0\\.0\\.1:${proxy.port} \\(index ${seeded.index}, user freezer\\) into mysql://freezer_r${process.pid}:\\*\\*\\*@127\\.0\\.0\\.1/${db.database}`, 'm'));
    t.deepEqual(await rowCounts(db.url), EXPECTED);
    t.false(`${run.stdout}${run.stderr}`.includes('r0cky%40pw'));
    t.false(`${run.stdout}${run.stderr}`.includes('Db#Pass;word'));
    t.true(proxy.authorizations.length > 0);
  } finally {
    await proxy.close();
    await seeded.drop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('13.0.0 (Zed, devstack): [storage] backend = elasticsearch, [database] with &plugin=dbcounter; the release (not in the file) picks layout A', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-conf-'));
  const major = esMajor(2);
  const es = esUrl(major);
  const seeded = await seedIndex(es, major, DOCS, uniqueIndex('freezer-zed'));
  const db = await mysqlWithUser('zed', `freezer_z${process.pid}`, 'Devstack-Db-pw');
  try {
    const conf = confFrom('freezer-api-13.0.0-zed-devstack.conf', [
      ['hosts = http://10.0.0.5:9200', `hosts = ${es}`],
      [/^index = freezer$/m, `index = ${seeded.index}`],
      ['mysql+pymysql://root:Devstack-Db-pw@127.0.0.1/freezer?', `mysql+pymysql://freezer_z${process.pid}:Devstack-Db-pw@127.0.0.1/${db.database}?`],
    ], dir);
    const run = await runCli(['migrate', '--config-file', conf, '--freezer-release', '13'], { cwd: dir });
    t.is(run.code, EXIT_CODES.ok, run.stderr);
    t.regex(run.stdout, /\(layout A@3\)/);
    t.deepEqual(await rowCounts(db.url), EXPECTED);
    t.false(`${run.stdout}${run.stderr}`.includes('Devstack-Db-pw'));
  } finally {
    await seeded.drop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('16.0.0 (2025.1): [storage] backend names [ES_Cluster], hosts continued on the next line, PostgreSQL with $$ in the password', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-conf-'));
  const major = esMajor(5);
  const es = esUrl(major);
  const seeded = await seedIndex(es, major, DOCS, uniqueIndex('freezer-epoxy'));
  const db = await createScratchDatabase('postgres', 'epoxy');
  try {
    const database = new URL(db.url).pathname.slice(1);
    const conf = confFrom('freezer-api-16.0.0-2025.1.conf', [
      ['http://[fd00:10::11]:9200', es],
      ['http://[fd00:10::12]:9200', es],
      ['index = freezer_epoxy', `index = ${seeded.index}`],
      // The test server speaks no TLS: sslmode=require becomes disable; user, $$-escaped password and driver stay.
      ['postgresql+psycopg2://freezer:pa$$w0rd@[fd00:10::20]:5432/freezer?sslmode=require', `postgresql+psycopg2://postgres:pa$$w0rd@127.0.0.1:5432/${database}?sslmode=disable`],
    ], dir);
    const run = await runCli(['migrate', '--config-file', conf], { cwd: dir });
    t.is(run.code, EXIT_CODES.ok, run.stderr);
    t.regex(run.stdout, new RegExp(`into postgres://postgres:\\*\\*\\*@127\\.0\\.0\\.1:5432/${database} \\(layout B@23c8ad2655a6\\)`));
    t.deepEqual(await rowCounts(db.url), EXPECTED);
    t.false(`${run.stdout}${run.stderr}`.includes('pa$w0rd'));
  } finally {
    await seeded.drop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('18.0.0 (2026.1): https hosts with use_ssl, verify_certs, ca_certs and http_auth', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-conf-'));
  const major = esMajor(8);
  const es = esUrl(major);
  const seeded = await seedIndex(es, major, DOCS, uniqueIndex('freezer-gazpacho'));
  const ca = makeTestCa();
  const proxy = await startAuthProxy(es, { users: { freezer: 'Sup3r#Secret;pw' } }, { key: ca.serverKey, cert: ca.serverCert });
  const db = await mysqlWithUser('gazpacho', `freezer_g${process.pid}`, 'Gazpacho-Db-pw');
  try {
    const conf = confFrom('freezer-api-18.0.0-2026.1.conf', [
      ['hosts = https://10.0.0.7:9200', `hosts = https://127.0.0.1:${proxy.port}`],
      [/^index = freezer$/m, `index = ${seeded.index}`],
      ['ca_certs = /etc/elasticsearch/certs/http_ca.crt', `ca_certs = ${ca.caFile}`],
      ['mysql+pymysql://root:Gazpacho-Db-pw@127.0.0.1/freezer?', `mysql+pymysql://freezer_g${process.pid}:Gazpacho-Db-pw@127.0.0.1/${db.database}?`],
    ], dir);
    const run = await runCli(['migrate', '--config-file', conf, '--debug'], { cwd: dir });
    t.is(run.code, EXIT_CODES.ok, run.stderr);
    t.regex(run.stderr, new RegExp(`^debug: source CA file: ${ca.caFile.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} {2}\\(\\[elasticsearch\\] ca_certs in ${conf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\\)$`, 'm'));
    t.deepEqual(await rowCounts(db.url), EXPECTED);
    for (const secret of ['Sup3r#Secret;pw', 'Gazpacho-Db-pw', 'Gazpacho-Rabbit', 'Gazpacho-Service-pw']) t.false(`${run.stdout}${run.stderr}`.includes(secret), secret);
  } finally {
    await proxy.close();
    ca.remove();
    await seeded.drop();
    await db.drop();
    rmSync(dir, { recursive: true, force: true });
  }
});
