import test from 'ava';
import { sql } from 'kysely';
import { introspectTarget, parseLayoutChoice, upgradeSchema } from '../../schema/index.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { contractTables, withoutCharsets } from './helpers/contract-tables.ts';
import { freezerDbSync, freezerMigrateVersion } from './helpers/freezer-api-oracle.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget, sqlalchemyUrl } from './helpers/scratch-target.ts';
import { tableRows } from './helpers/table-rows.ts';

const RELEASE_13 = parseLayoutChoice({ freezerRelease: '13' });

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: layout A made by es2sql has the contract's columns (§2.2), types, widths and nullability`, async (t) => {
    const target = await scratchTarget(t, dialect, 'a_contract');
    const lines: string[] = [];
    const result = await upgradeSchema(target.db, dialect, { choice: RELEASE_13, onProgress: (l) => lines.push(l) });
    t.deepEqual(result.stamp, { layout: 'A', revision: '3' });
    t.true(result.handOffReady);
    const schema = await introspectTarget(target.db, dialect);
    t.is(schema?.layout, 'A');
    t.is(schema?.revision, '3');
    for (const [table, columns] of Object.entries(contractTables('A', dialect))) {
      t.deepEqual(withoutCharsets(schema?.tables[table]), columns, `table ${table}`);
    }
    t.deepEqual(await tableRows(target.db, 'migrate_version', ['repository_id']), [
      { repository_id: 'freezer-api', repository_path: 'freezer_api/db/sqlalchemy/migrate_repo', version: 3 },
    ]);
    const raw = await rawCatalog(target.db, dialect);
    t.deepEqual(Object.keys(raw).sort(), ['action_reports', 'actions', 'backups', 'clients', 'jobs', 'migrate_version', 'sessions']);
    for (const table of Object.values(raw)) t.deepEqual(table.foreignKeys, []);
    if (dialect === 'mysql') {
      for (const name of ['clients', 'sessions', 'jobs', 'actions', 'action_reports', 'backups']) t.is(raw[name]?.options, 'InnoDB utf8mb3_general_ci', name);
    }
    if (dialect === 'postgres') {
      t.true(raw.action_reports?.columns.includes('log bytea'));
      t.true(lines.some((l) => l.startsWith('PostgreSQL: freezer-api cannot create its own schema here') && l.includes('bytea')));
    }
  });

  if (dialect === 'postgres') continue; // freezer-api itself cannot create layout A on PostgreSQL (BLOB)

  test(`${dialect}: layout A made by es2sql equals the one Debian's freezer-api 13.0.0 creates, column by column`, async (t) => {
    const ours = await scratchTarget(t, dialect, 'a_ours');
    const theirs = await scratchTarget(t, dialect, 'a_theirs');
    await upgradeSchema(ours.db, dialect, { choice: RELEASE_13 });
    t.is(await freezerDbSync(sqlalchemyUrl(theirs)), 3);
    t.deepEqual(await rawCatalog(ours.db, dialect), await rawCatalog(theirs.db, dialect));
    const [mine, reference] = [await introspectTarget(ours.db, dialect), await introspectTarget(theirs.db, dialect)];
    t.deepEqual(mine, reference);
  });

  test(`${dialect}: freezer-api 13.0.0's db sync finds an es2sql layout-A database up to date and changes nothing`, async (t) => {
    const target = await scratchTarget(t, dialect, 'a_handoff');
    await upgradeSchema(target.db, dialect, { choice: RELEASE_13 });
    const before = await rawCatalog(target.db, dialect);
    t.is(await freezerDbSync(sqlalchemyUrl(target)), 3);
    t.deepEqual(await rawCatalog(target.db, dialect), before);
    t.deepEqual(await tableRows(target.db, 'migrate_version', ['repository_id']), [
      { repository_id: 'freezer-api', repository_path: 'freezer_api/db/sqlalchemy/migrate_repo', version: 3 },
    ]);
  });

  test(`${dialect}: --phase expand leaves a real early sqlalchemy-migrate version that freezer-api 13.0.0 itself upgrades to the same layout A`, async (t) => {
    const expanded = await scratchTarget(t, dialect, 'a_v1');
    const complete = await scratchTarget(t, dialect, 'a_v3');
    const result = await upgradeSchema(expanded.db, dialect, { choice: RELEASE_13, phase: 'expand' });
    // On SQLite, 001 already names the column actionmode, so version 2 (a no-op there) is reached too.
    const version = dialect === 'sqlite' ? 2 : 1;
    t.deepEqual(result.stamp, { layout: 'A', revision: String(version) });
    t.false(result.handOffReady);
    t.is(await freezerMigrateVersion(sqlalchemyUrl(expanded)), version);
    t.is(await freezerDbSync(sqlalchemyUrl(expanded)), 3);
    await upgradeSchema(complete.db, dialect, { choice: RELEASE_13 });
    t.deepEqual(await rawCatalog(expanded.db, dialect), await rawCatalog(complete.db, dialect));
  });

  test(`${dialect}: a layout-A database left before version 3 is completed to version 3 when es2sql adopts it`, async (t) => {
    const target = await scratchTarget(t, dialect, 'a_complete');
    await upgradeSchema(target.db, dialect, { choice: RELEASE_13, phase: 'expand' });
    const lines: string[] = [];
    const result = await upgradeSchema(target.db, dialect, { onProgress: (l) => lines.push(l) });
    t.is(lines[0], `the target holds layout A (sqlalchemy-migrate version ${dialect === 'sqlite' ? 2 : 1}), left unfinished: completing it to layout A (sqlalchemy-migrate version 3)`);
    t.deepEqual(result.applied, dialect === 'sqlite' ? ['0003'] : ['0002', '0003']);
    t.true(result.handOffReady);
    t.is(await freezerMigrateVersion(sqlalchemyUrl(target)), 3);
  });

  test(`${dialect}: a layout-A database freezer-api created is adopted as it is: no DDL, bookkeeping untouched`, async (t) => {
    const target = await scratchTarget(t, dialect, 'a_adopt');
    await freezerDbSync(sqlalchemyUrl(target));
    const before = await rawCatalog(target.db, dialect);
    const bookkeeping = await tableRows(target.db, 'migrate_version', ['repository_id']);
    const lines: string[] = [];
    const result = await upgradeSchema(target.db, dialect, { onProgress: (l) => lines.push(l) });
    t.deepEqual(result.applied, []);
    t.is(result.target.source, 'existing');
    t.is(lines[0], 'the target already holds layout A (sqlalchemy-migrate version 3): using it');
    t.deepEqual(await rawCatalog(target.db, dialect), before);
    t.deepEqual(await tableRows(target.db, 'migrate_version', ['repository_id']), bookkeeping);
    const clients = result.schema.tables.clients?.columns;
    t.like(clients?.find((c) => c.name === 'hostname'), { type: 'varchar', length: 255, nullable: false });
    t.like(clients?.find((c) => c.name === 'user_id'), { type: 'varchar', length: 36, nullable: false });
    if (dialect === 'mysql') t.is(clients?.find((c) => c.name === 'hostname')?.charset, 'utf8mb3');
  });

  test(`${dialect}: a freezer-api 13.0.0 database upgraded by es2sql to layout B head equals an es2sql-made one, and freezer-api 13 sees it left alone`, async (t) => {
    const theirs = await scratchTarget(t, dialect, 'a_theirs_b');
    const ours = await scratchTarget(t, dialect, 'a_ours_b');
    await freezerDbSync(sqlalchemyUrl(theirs));
    await upgradeSchema(ours.db, dialect, { choice: RELEASE_13 });
    const head = parseLayoutChoice({ layout: 'b' });
    const [a, b] = [await upgradeSchema(theirs.db, dialect, { choice: head }), await upgradeSchema(ours.db, dialect, { choice: head })];
    t.deepEqual(a.applied, b.applied);
    t.true(a.handOffReady);
    t.deepEqual(await rawCatalog(theirs.db, dialect), await rawCatalog(ours.db, dialect));
    const { rows } = await sql<{ version_num: string }>`select version_num from alembic_version`.execute(theirs.db);
    t.deepEqual(rows, [{ version_num: '7a3b9c1d2e4f' }]);
    // migrate_version stays, as freezer-api's own takeover leaves it.
    t.is(await freezerMigrateVersion(sqlalchemyUrl(theirs)), 3);
  });
}
