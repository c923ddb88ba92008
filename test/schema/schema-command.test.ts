import test from 'ava';
import { sql } from 'kysely';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, runSchemaCommand, type SchemaCommandInput } from '../../schema/index.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget, sqlalchemyUrl } from './helpers/scratch-target.ts';

async function run(input: SchemaCommandInput) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runSchemaCommand(input, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

/** A URL to the same kind of server that nothing listens on, carrying a password that must never show. */
function unreachableUrl(dialect: Dialect): string {
  if (dialect === 'postgres') return 'postgres://freezer:s3cret-pw@127.0.0.1:1/freezer';
  if (dialect === 'mysql') return 'mysql+pymysql://freezer:s3cret-pw@127.0.0.1:1/freezer?charset=utf8';
  return 'sqlite:/nonexistent-es2sql-dir/deeper/freezer.db';
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: schema upgrade then status: the operator sees what was done, and status shows nothing pending`, async (t) => {
    const target = await scratchTarget(t, dialect, 'cmd');
    // The URL as freezer-api.conf writes it (mysql+pymysql://…?charset=utf8, sqlite:////abs, postgresql://).
    const url = sqlalchemyUrl(target);
    const upgrade = await run({ command: 'upgrade', target: url, freezerRelease: '13' });
    t.is(upgrade.code, EXIT_OK);
    t.deepEqual(upgrade.err, []);
    t.is(upgrade.out[0], `target: ${target.location.display}`);
    t.is(upgrade.out[1], 'creating layout A (sqlalchemy-migrate version 3) (--freezer-release 13)');
    // sqlalchemy-migrate's 001 already names the column actionmode on SQLite, so 002 has nothing to do there.
    const applied = dialect === 'sqlite' ? 2 : 3;
    t.is(upgrade.out.at(-1), `done: ${applied} migration(s) applied; bookkeeping layout A (sqlalchemy-migrate version 3); hand-off ready`);
    const status = await run({ command: 'status', target: url });
    t.is(status.code, EXIT_OK);
    t.deepEqual(status.out.slice(1, 4), ['found: layout A (sqlalchemy-migrate version 3)', 'target schema: layout A (sqlalchemy-migrate version 3) (existing)', 'bookkeeping: layout A (sqlalchemy-migrate version 3)']);
    t.deepEqual(status.out.slice(4, 7), ['0001 expand   applied  a-init → 1', '0002 contract applied  a-actions-mode-to-actionmode → 2', '0003 contract applied  a-actions-src-file-to-path-to-backup → 3']);
    t.is(status.out[7], '0004 expand   reserved reserved-0004');
    t.deepEqual(status.out.slice(-2), ['pending: none', "hand-off: ready (freezer-api's db sync finds nothing to do)"]);
    const again = await run({ command: 'upgrade', target: url });
    t.true(again.out.includes('nothing to apply: the schema is up to date'));
  });

  test(`${dialect}: an unknown layout or phase is one clear line, exit 2, and the database is not touched`, async (t) => {
    const target = await scratchTarget(t, dialect, 'cmd_bad');
    for (const [input, message] of [
      [{ layout: 'c' }, 'error: unknown layout "c"; use --layout a, --layout b or --layout b@<alembic revision>, or name the release with --freezer-release'],
      [{ layout: 'b@deadbeef' }, 'error: "deadbeef" is not a freezer-api alembic revision es2sql knows (1333cef214d9, e74c32f034c5, 23c8ad2655a6, 29a2fd19eb86, 30a3fd20ec97, 4f8c679a1d3b, a1b2c3d4e5f6, 5c9d21e87f34, 7a3b9c1d2e4f); use --layout a, --layout b or --layout b@<alembic revision>'],
      [{ freezerRelease: '7.2.0' }, 'error: freezer-api 7.x uses sqlalchemy-migrate version 1–2 (actions.mode, actions.src_file), which es2sql does not create; upgrade freezer-api to 8.0.0 or later, or target --freezer-release 13'],
      [{ layout: 'a', freezerRelease: '18' }, 'error: --layout a means layout A (sqlalchemy-migrate version 3) but --freezer-release 18 means layout B (alembic 23c8ad2655a6); give only one of them'],
      [{ phase: 'both' }, 'error: unknown phase "both"; use --phase expand, --phase contract or --phase all'],
    ] as const) {
      const result = await run({ command: 'upgrade', target: target.scratch.url, ...input });
      t.is(result.code, EXIT_USAGE);
      t.deepEqual([result.out, result.err], [[], [message]]);
    }
    t.deepEqual(await rawCatalog(target.db, dialect), {});
  });

  test(`${dialect}: an unreachable database is one line naming it without its password, exit 1`, async (t) => {
    const result = await run({ command: 'upgrade', target: unreachableUrl(dialect) });
    t.is(result.code, EXIT_FAILED);
    t.is(result.err.length, 1);
    const line = result.err[0] ?? '';
    t.false(line.includes('s3cret-pw'));
    t.false(line.includes('\n'));
    const display = dialect === 'sqlite' ? 'sqlite:/nonexistent-es2sql-dir/deeper/freezer.db' : `${dialect}://freezer:***@127.0.0.1:1/freezer`;
    t.true(line.startsWith(`error: cannot reach the target database ${display}: `), line);
    t.true(line.endsWith('Check host, port, database name and credentials, and that the server is running.'), line);
  });

  test(`${dialect}: someone else's tables named like freezer-api's are refused in one line and left as they are`, async (t) => {
    const target = await scratchTarget(t, dialect, 'cmd_foreign');
    await sql`create table clients (id integer primary key, name varchar(40))`.execute(target.db);
    await sql`insert into clients (id, name) values (1, 'acme')`.execute(target.db);
    const before = await rawCatalog(target.db, dialect);
    const result = await run({ command: 'upgrade', target: target.scratch.url, layout: 'b' });
    t.is(result.code, EXIT_FAILED);
    t.deepEqual(result.err, [
      "error: the target holds tables named like freezer-api's (clients) but neither migrate_version nor alembic_version, so freezer-api did not create them: point es2sql at an empty database or at one freezer-api created",
    ]);
    t.deepEqual(await rawCatalog(target.db, dialect), before);
    const { rows } = await sql<{ name: string }>`select name from clients`.execute(target.db);
    t.deepEqual(rows, [{ name: 'acme' }]);
  });

  test(`${dialect}: bookkeeping that claims freezer-api over tables of another shape is refused, nothing changed`, async (t) => {
    const target = await scratchTarget(t, dialect, 'cmd_shape');
    await run({ command: 'upgrade', target: target.scratch.url, freezerRelease: '18' });
    await sql`drop table backups`.execute(target.db);
    await sql`create table backups (id varchar(36) primary key, payload text)`.execute(target.db);
    const before = await rawCatalog(target.db, dialect);
    const result = await run({ command: 'upgrade', target: target.scratch.url, layout: 'b' });
    t.is(result.code, EXIT_FAILED);
    t.deepEqual(result.err, ["error: table backups is not freezer-api's: column job_id is missing; es2sql changes nothing in it: point es2sql at an empty database or at one freezer-api created"]);
    t.deepEqual(await rawCatalog(target.db, dialect), before);
  });

  test(`${dialect}: another application's alembic_version is refused, and es2sql's own es2sql_* tables are never mistaken for freezer's`, async (t) => {
    const target = await scratchTarget(t, dialect, 'cmd_alembic');
    await sql`create table es2sql_runs (run_id varchar(36) primary key)`.execute(target.db);
    await sql`create table alembic_version (version_num varchar(32) not null primary key)`.execute(target.db);
    await sql`insert into alembic_version (version_num) values ('0f00ba4c0ffe')`.execute(target.db);
    const refused = await run({ command: 'status', target: target.scratch.url });
    t.is(refused.code, EXIT_FAILED);
    t.deepEqual(refused.err, ['error: alembic_version says 0f00ba4c0ffe, which is not a freezer-api revision, and there are no freezer tables: the database belongs to another application; point es2sql at an empty database or at one freezer-api created']);
    await sql`drop table alembic_version`.execute(target.db);
    const created = await run({ command: 'upgrade', target: target.scratch.url });
    t.is(created.code, EXIT_OK);
    t.is(created.out[1], "no target schema named: using freezer-api 18.0.0's schema, layout B (alembic 23c8ad2655a6); name another with --freezer-release <release> or --layout a|b");
    t.deepEqual(Object.keys(await rawCatalog(target.db, dialect)).sort(), ['action_reports', 'actions', 'alembic_version', 'backups', 'clients', 'es2sql_runs', 'jobs', 'sessions']);
  });
}
