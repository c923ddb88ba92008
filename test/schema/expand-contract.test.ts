import test, { type ExecutionContext } from 'ava';
import { readCatalog } from '../../schema/catalog/read-catalog.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { schemaAdapterFor } from '../../schema/ddl/schema-adapter-for.ts';
import { MIGRATIONS, parseLayoutChoice, schemaStatus, upgradeSchema, type LayoutChoice, type TargetSchema } from '../../schema/index.ts';
import { expandViolation } from '../../schema/migrations/schema-change.ts';
import { migrationContext, planTarget } from '../../schema/plan-target.ts';
import { applyMigration } from '../../schema/upgrade-schema.ts';
import { introspectTarget } from '../../schema/introspect/introspect-target.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget } from './helpers/scratch-target.ts';
import { seedLayoutA } from './helpers/seed-layout-a.ts';
import { tableRows } from './helpers/table-rows.ts';

const HEAD = parseLayoutChoice({ layout: 'b' });

test('every expand migration is additive only and moves no data; every contract migration drops, renames or moves data', (t) => {
  for (const dialect of ['postgres', 'mysql', 'sqlite'] as const) {
    const adapter = schemaAdapterFor(dialect);
    for (const m of MIGRATIONS) {
      const violations = m.changes(adapter).map(expandViolation).filter(Boolean);
      if (m.phase === 'expand') {
        t.deepEqual(violations, [], `${m.id} ${m.name} on ${dialect}`);
        t.is(m.dataMove, undefined, `${m.id} ${m.name} moves data but is expand`);
      } else {
        t.true(violations.length > 0 || m.dataMove !== undefined, `${m.id} ${m.name} is contract but only adds`);
      }
    }
  }
});

test('ids are permanent four-digit numbers in order, with five reserved no-op slots after each head', (t) => {
  t.deepEqual(MIGRATIONS.map((m) => m.id), Array.from({ length: 30 }, (_, i) => String(i + 1).padStart(4, '0')));
  t.deepEqual(MIGRATIONS.filter((m) => m.reserved).map((m) => m.id), ['0004', '0005', '0006', '0007', '0008', '0014', '0015', '0016', '0017', '0018', '0026', '0027', '0028', '0029', '0030']);
  t.deepEqual([MIGRATIONS[2]?.reaches, MIGRATIONS[12]?.reaches, MIGRATIONS[24]?.reaches], [
    { layout: 'A', revision: '3' }, { layout: 'B', revision: '23c8ad2655a6' }, { layout: 'B', revision: '7a3b9c1d2e4f' },
  ]);
  for (const m of MIGRATIONS.filter((k) => k.reserved)) t.deepEqual(m.changes(schemaAdapterFor('sqlite')), []);
});

interface Snapshot {
  schema: TargetSchema | null;
  rows: Record<string, Record<string, unknown>[]>;
}

async function snapshot(db: AnyKysely, dialect: Dialect): Promise<Snapshot> {
  const schema = await introspectTarget(db, dialect);
  const rows: Snapshot['rows'] = {};
  for (const name of Object.keys(schema?.tables ?? {})) {
    const key = schema?.tables[name]?.primaryKey ?? [];
    rows[name] = await tableRows(db, name, key.length ? key : [schema!.tables[name]!.columns[0]!.name]);
  }
  return { schema, rows };
}

/** Asserts that `after` only adds to `before`: nothing dropped, renamed, narrowed or rewritten. */
function assertOnlyAdds(t: ExecutionContext, label: string, before: Snapshot, after: Snapshot): void {
  for (const [name, table] of Object.entries(before.schema?.tables ?? {})) {
    const later = after.schema?.tables[name];
    t.truthy(later, `${label}: table ${name} is gone`);
    for (const column of table.columns) {
      const now = later?.columns.find((c) => c.name === column.name);
      t.truthy(now, `${label}: ${name}.${column.name} dropped or renamed`);
      if (!now) continue;
      t.is(now.type, column.type, `${label}: ${name}.${column.name} changed type`);
      t.true((now.length ?? 0) >= (column.length ?? 0), `${label}: ${name}.${column.name} narrowed`);
      t.true(now.nullable || !column.nullable, `${label}: ${name}.${column.name} became NOT NULL`);
      t.true(now.charset === column.charset || (column.charset === 'utf8mb3' && now.charset === 'utf8mb4'), `${label}: ${name}.${column.name} charset ${column.charset} → ${now.charset}`);
    }
    for (const column of later?.columns ?? []) {
      if (!table.columns.some((c) => c.name === column.name)) t.true(column.nullable || column.hasDefault, `${label}: new column ${name}.${column.name} is NOT NULL without default`);
    }
    t.deepEqual(later?.indexes?.filter((i) => table.indexes?.some((k) => k.name === i.name)), table.indexes, `${label}: ${name} lost an index`);
    const keep = table.columns.map((c) => c.name);
    const project = (rows: Record<string, unknown>[] = []) => rows.map((r) => Object.fromEntries(keep.map((k) => [k, r[k]])));
    t.deepEqual(project(after.rows[name]), project(before.rows[name]), `${label}: rows of ${name} changed`);
  }
}

/** Runs the expand migrations of the plan to `choice` one by one, checking each only adds. */
async function stepThroughExpand(t: ExecutionContext, db: AnyKysely, dialect: Dialect, choice: LayoutChoice | undefined): Promise<string[]> {
  const { adapter, plan } = await planTarget(db, dialect, { choice });
  const ran: string[] = [];
  for (const migration of plan.filter((m) => m.phase === 'expand')) {
    const catalog = await readCatalog(db, adapter);
    if (await migration.isApplied(migrationContext(db, adapter, catalog))) continue;
    const before = await snapshot(db, dialect);
    await applyMigration(db, adapter, catalog, migration, undefined, () => {});
    assertOnlyAdds(t, `${migration.id} ${migration.name}`, before, await snapshot(db, dialect));
    ran.push(migration.id);
  }
  return ran;
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: each expand migration, run on populated databases (layout A, and B as 18.0.0 has it), drops, renames or narrows nothing and changes no row`, async (t) => {
    const fromA = await scratchTarget(t, dialect, 'expand_a');
    await upgradeSchema(fromA.db, dialect, { choice: parseLayoutChoice({ layout: 'a' }) });
    await seedLayoutA(fromA.db);
    t.deepEqual(await stepThroughExpand(t, fromA.db, dialect, HEAD), ['0011', '0012', '0019', '0020', '0022', '0024', '0025']);

    const fromB = await scratchTarget(t, dialect, 'expand_b');
    await upgradeSchema(fromB.db, dialect, { choice: parseLayoutChoice({ freezerRelease: '18' }) });
    await seedLayoutA(fromB.db);
    t.deepEqual(await stepThroughExpand(t, fromB.db, dialect, HEAD), ['0019', '0020', '0022', '0024', '0025']);
  });

  test(`${dialect}: --phase expand then --phase contract gives the same database as one run; in between status shows the contract work and hand-off waits`, async (t) => {
    const stepwise = await scratchTarget(t, dialect, 'phases');
    const oneRun = await scratchTarget(t, dialect, 'phases_all');
    const lines: string[] = [];
    const expand = await upgradeSchema(stepwise.db, dialect, { choice: HEAD, phase: 'expand', onProgress: (l) => lines.push(l) });
    t.deepEqual(expand.applied, ['0009', '0012', '0019', '0020', '0022', '0024', '0025']);
    t.deepEqual(expand.pending, { expand: [], contract: ['0010', '0021', '0023'] });
    t.deepEqual(expand.stamp, { layout: 'B', revision: '1333cef214d9' });
    t.false(expand.handOffReady);
    t.is(lines.at(-1), 'pending contract migrations: 0010, 0021, 0023; run es2sql schema upgrade --phase contract before pointing freezer-api at this database');
    const status = await schemaStatus(stepwise.db, dialect, HEAD);
    t.deepEqual(status.migrations.filter((m) => m.state === 'pending').map((m) => `${m.id} ${m.phase}`), ['0010 contract', '0021 contract', '0023 contract']);
    t.false(status.handOffReady);

    const contract = await upgradeSchema(stepwise.db, dialect, { choice: HEAD, phase: 'contract' });
    t.deepEqual(contract.applied, ['0010', '0021', '0023']);
    t.true(contract.handOffReady);
    await upgradeSchema(oneRun.db, dialect, { choice: HEAD });
    t.deepEqual(await rawCatalog(stepwise.db, dialect), await rawCatalog(oneRun.db, dialect));
  });

  test(`${dialect}: --phase contract while expand work is pending is refused and changes nothing`, async (t) => {
    const target = await scratchTarget(t, dialect, 'phase_order');
    await t.throwsAsync(upgradeSchema(target.db, dialect, { choice: HEAD, phase: 'contract' }), {
      name: 'PhaseOrderError',
      message: 'contract migration 0010 b-actions-src-file-to-path-to-backup needs expand migration 0009 b-init first; run es2sql schema upgrade --phase expand (or --phase all), then --phase contract',
    });
    t.deepEqual(await rawCatalog(target.db, dialect), {});
  });
}
