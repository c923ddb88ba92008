import test from 'ava';
import { readCatalog } from '../../schema/catalog/read-catalog.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { MIGRATIONS, parseLayoutChoice, schemaStatus, upgradeSchema, type Migration } from '../../schema/index.ts';
import { defineMigration } from '../../schema/migrations/migration.ts';
import { migrationContext, planTarget } from '../../schema/plan-target.ts';
import { applyMigration } from '../../schema/upgrade-schema.ts';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { openDatabase } from '../../schema/connect.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget } from './helpers/scratch-target.ts';
import { seedLayoutA } from './helpers/seed-layout-a.ts';
import { tableRows } from './helpers/table-rows.ts';

const run = promisify(execFile);
const CHILD = fileURLToPath(new URL('./helpers/upgrade-in-child.ts', import.meta.url));
const HEAD = parseLayoutChoice({ freezerRelease: 'head' });
const RELEASE_18 = parseLayoutChoice({ freezerRelease: '18' });

async function everything(db: AnyKysely, dialect: Dialect) {
  const catalog = await rawCatalog(db, dialect);
  const rows: Record<string, unknown> = {};
  const keys: Record<string, string> = { alembic_version: 'version_num', migrate_version: 'repository_id' };
  for (const name of Object.keys(catalog)) rows[name] = await tableRows(db, name, [keys[name] ?? 'id']);
  return { catalog, rows };
}

/** Runs `up` of every migration of the plan once more, straight, as a backported twin or a rerun would. */
async function rerunEveryMigration(db: AnyKysely, dialect: Dialect, choice = HEAD): Promise<string[]> {
  const { adapter, plan } = await planTarget(db, dialect, { choice });
  for (const migration of plan) await applyMigration(db, adapter, await readCatalog(db, adapter), migration, undefined, () => {});
  return plan.map((m) => m.id);
}

/** A copy of a later migration put into a reserved slot, as a backport to an older release line would be. */
function backportInto(slot: string, original: Migration): Migration {
  return defineMigration({ ...original, id: slot, name: `${original.name}-backport`, reaches: undefined, reserved: false, backportSlot: true, changes: original.changes, dataMove: original.dataMove });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: every migration can run again after the upgrade (layout A taken over into B) with no error and no change`, async (t) => {
    const target = await scratchTarget(t, dialect, 'rerun_a');
    await upgradeSchema(target.db, dialect, { choice: parseLayoutChoice({ layout: 'a' }) });
    await seedLayoutA(target.db);
    await upgradeSchema(target.db, dialect, { choice: HEAD });
    const before = await everything(target.db, dialect);
    t.deepEqual(await rerunEveryMigration(target.db, dialect), [
      '0001', '0002', '0003', '0004', '0005', '0006', '0007', '0008', '0011', '0012', '0013', '0014', '0015', '0016', '0017', '0018',
      '0019', '0020', '0021', '0022', '0023', '0024', '0025', '0026', '0027', '0028', '0029', '0030',
    ]);
    t.deepEqual(await everything(target.db, dialect), before);
  });

  test(`${dialect}: every migration can run again on a fresh layout B, and upgrade twice in a row is a no-op`, async (t) => {
    const target = await scratchTarget(t, dialect, 'rerun_b');
    const first = await upgradeSchema(target.db, dialect, { choice: HEAD });
    const before = await everything(target.db, dialect);
    const second = await upgradeSchema(target.db, dialect, { choice: HEAD });
    t.true(first.applied.length > 0);
    t.deepEqual(second.applied, []);
    t.deepEqual(await everything(target.db, dialect), before);
    t.deepEqual((await rerunEveryMigration(target.db, dialect)).slice(0, 2), ['0009', '0010']);
    t.deepEqual(await everything(target.db, dialect), before);
    const status = await schemaStatus(target.db, dialect);
    t.true(status.migrations.every((m) => m.state === 'applied'));
  });

  test(`${dialect}: a migration backported into a reserved slot before 18.0.0's head makes the later original a no-op`, async (t) => {
    const backported = await scratchTarget(t, dialect, 'twin');
    const straight = await scratchTarget(t, dialect, 'twin_ref');
    const original = (id: string) => MIGRATIONS.find((m) => m.id === id)!;
    const withTwins = MIGRATIONS.map((m) => (m.id === '0014' ? backportInto('0014', original('0020')) : m.id === '0015' ? backportInto('0015', original('0024')) : m));

    const onReleaseLine = await upgradeSchema(backported.db, dialect, { choice: RELEASE_18, migrations: withTwins });
    t.deepEqual(onReleaseLine.applied, ['0009', '0010', '0012', '0014', '0015']);
    t.deepEqual(onReleaseLine.stamp, { layout: 'B', revision: '23c8ad2655a6' });
    const { adapter, plan } = await planTarget(backported.db, dialect, { choice: HEAD });
    const catalog = await readCatalog(backported.db, adapter);
    t.true(await plan.find((m) => m.id === '0020')!.isApplied(migrationContext(backported.db, adapter, catalog)));

    const toHead = await upgradeSchema(backported.db, dialect, { choice: HEAD });
    t.deepEqual(toHead.applied, ['0019', '0021', '0022', '0023', '0025']);
    t.true(toHead.handOffReady);
    await upgradeSchema(straight.db, dialect, { choice: HEAD });
    t.deepEqual(await rawCatalog(backported.db, dialect), await rawCatalog(straight.db, dialect));
  });

  test(`${dialect}: two upgrades of one database at the same time run one after the other; the second finds nothing to do`, async (t) => {
    const target = await scratchTarget(t, dialect, 'concurrent');
    const inChild = async () => {
      const { stdout } = await run(process.execPath, ['--disable-warning=ExperimentalWarning', CHILD, target.scratch.url, 'b'], { timeout: 120_000 });
      return JSON.parse(stdout.trim()) as { applied: string[]; handOffReady: boolean };
    };
    const inProcess = async () => {
      const other = openDatabase(target.location, { poolSize: 1 });
      try {
        return await upgradeSchema(other, dialect, { choice: HEAD });
      } finally {
        await other.destroy();
      }
    };
    // node:sqlite waits for a lock synchronously (blocking its whole process), so SQLite's two
    // writers are processes of their own.
    const results = dialect === 'sqlite'
      ? await Promise.all([inChild(), inChild()])
      : await Promise.all([upgradeSchema(target.db, dialect, { choice: HEAD }), inProcess()]);
    t.deepEqual(results.map((r) => r.applied.length).sort((a, b) => a - b), [0, 10]);
    t.true(results.every((r) => r.handOffReady));
  });
}
