import test from 'ava';
import { freshLayoutSchema, introspectTarget, parseLayoutChoice, schemaStatus, upgradeSchema } from '../../schema/index.ts';
import { TEST_DIALECTS } from '../helpers/databases.ts';
import { contractTables, withoutCharsets, type ContractLayout } from './helpers/contract-tables.ts';
import { rawCatalog } from './helpers/raw-catalog.ts';
import { scratchTarget } from './helpers/scratch-target.ts';
import { tableRows } from './helpers/table-rows.ts';

const TARGETS: Array<{ layout: ContractLayout; option: { layout?: string; freezerRelease?: string }; revision: string }> = [
  { layout: 'B@23c8ad2655a6', option: { freezerRelease: '18' }, revision: '23c8ad2655a6' },
  { layout: 'B@7a3b9c1d2e4f', option: { freezerRelease: 'head' }, revision: '7a3b9c1d2e4f' },
];

/** The foreign keys and indexes alembic gives job_actions, as each server names them. */
const JOB_ACTIONS_KEYS = {
  sqlite: { foreignKeys: ['action_id -> actions(id)', 'job_id -> jobs(id)'], indexes: ['ix_job_actions_action_id(action_id)', 'ix_job_actions_job_id(job_id)'] },
  mysql: {
    foreignKeys: ['job_actions_ibfk_1: job_id -> jobs(id)', 'job_actions_ibfk_2: action_id -> actions(id)'],
    indexes: ['ix_job_actions_action_id(action_id)', 'ix_job_actions_job_id(job_id)'],
  },
  postgres: {
    foreignKeys: ['job_actions_action_id_fkey: FOREIGN KEY (action_id) REFERENCES actions(id)', 'job_actions_job_id_fkey: FOREIGN KEY (job_id) REFERENCES jobs(id)'],
    indexes: ['CREATE INDEX ix_job_actions_action_id ON job_actions USING btree (action_id)', 'CREATE INDEX ix_job_actions_job_id ON job_actions USING btree (job_id)'],
  },
};

for (const dialect of TEST_DIALECTS) {
  for (const { layout, option, revision } of TARGETS) {
    test(`${dialect}: fresh ${layout} made by es2sql has the contract's columns (§2.3), keys and stamp`, async (t) => {
      const target = await scratchTarget(t, dialect, 'b_fresh');
      const result = await upgradeSchema(target.db, dialect, { choice: parseLayoutChoice(option) });
      t.deepEqual(result.stamp, { layout: 'B', revision });
      t.true(result.handOffReady);
      const schema = await introspectTarget(target.db, dialect);
      t.like(schema, { layout: 'B', revision, origin: 'B' });
      const expected = contractTables(layout, dialect);
      t.deepEqual(Object.keys(schema?.tables ?? {}).sort(), Object.keys(expected).sort());
      for (const [table, columns] of Object.entries(expected)) {
        t.deepEqual(withoutCharsets(schema?.tables[table]), columns, `table ${table}`);
        t.deepEqual(schema?.tables[table]?.primaryKey, [table === 'alembic_version' ? 'version_num' : 'id']);
      }
      t.deepEqual(await tableRows(target.db, 'alembic_version', ['version_num']), [{ version_num: revision }]);

      const raw = await rawCatalog(target.db, dialect);
      for (const [name, table] of Object.entries(raw)) {
        if (name !== 'job_actions') t.deepEqual([table.foreignKeys, table.indexes], [[], []], name);
      }
      if (raw.job_actions) t.deepEqual({ foreignKeys: raw.job_actions.foreignKeys, indexes: raw.job_actions.indexes }, JOB_ACTIONS_KEYS[dialect]);
      if (dialect === 'mysql') {
        // alembic's tables take the database default (the scratch database is utf8mb4).
        for (const [name, table] of Object.entries(raw)) t.is(table.options, 'InnoDB utf8mb4_general_ci', name);
      }
      if (dialect === 'postgres') t.true(raw.action_reports?.columns.includes('log bytea'));

      // freshLayoutSchema describes the same database without one.
      const fresh = freshLayoutSchema(dialect, 'B', revision);
      for (const [name, table] of Object.entries(fresh.tables)) {
        t.deepEqual(withoutCharsets(table), withoutCharsets(schema?.tables[name]), `freshLayoutSchema ${name}`);
        t.deepEqual(table.foreignKeys?.map((f) => f.columns), schema?.tables[name]?.foreignKeys?.map((f) => f.columns));
        t.deepEqual(table.indexes, schema?.tables[name]?.indexes);
      }
    });
  }

  test(`${dialect}: with no target named, es2sql creates freezer-api 18.0.0's schema and says so; status then shows nothing pending`, async (t) => {
    const target = await scratchTarget(t, dialect, 'b_default');
    const lines: string[] = [];
    const result = await upgradeSchema(target.db, dialect, { onProgress: (l) => lines.push(l) });
    t.is(lines[0], "no target schema named: using freezer-api 18.0.0's schema, layout B (alembic 23c8ad2655a6); name another with --freezer-release <release> or --layout a|b");
    t.like(result.target, { layout: 'B', revision: '23c8ad2655a6', source: 'default', action: 'create' });
    const status = await schemaStatus(target.db, dialect);
    t.like(status.target, { source: 'existing', action: 'use', revision: '23c8ad2655a6' });
    t.deepEqual(status.pending, { expand: [], contract: [] });
    t.true(status.handOffReady);
    t.deepEqual(status.migrations.map((m) => `${m.id}:${m.phase}:${m.state}`), [
      '0009:expand:applied', '0010:contract:applied', '0012:expand:applied', '0013:contract:applied',
      '0014:expand:applied', '0015:expand:applied', '0016:expand:applied', '0017:expand:applied', '0018:expand:applied',
    ]);
    t.true(status.migrations.filter((m) => m.reserved).every((m) => ['0014', '0015', '0016', '0017', '0018'].includes(m.id)));
  });

  test(`${dialect}: an existing database's layout wins over the default, and asking for an older schema is refused`, async (t) => {
    const target = await scratchTarget(t, dialect, 'b_existing');
    await upgradeSchema(target.db, dialect, { choice: parseLayoutChoice({ layout: 'b' }) });
    const again = await upgradeSchema(target.db, dialect, {});
    t.like(again.target, { revision: '7a3b9c1d2e4f', source: 'existing', action: 'use' });
    t.deepEqual(again.applied, []);
    const before = await rawCatalog(target.db, dialect);
    await t.throwsAsync(upgradeSchema(target.db, dialect, { choice: parseLayoutChoice({ freezerRelease: '18' }) }), {
      name: 'LayoutConflictError',
      message: 'the target already holds layout B (alembic 7a3b9c1d2e4f), newer than layout B (alembic 23c8ad2655a6) asked for by --freezer-release 18; es2sql does not downgrade: omit the option to use the database\'s own layout, or point es2sql at another database',
    });
    await t.throwsAsync(upgradeSchema(target.db, dialect, { choice: parseLayoutChoice({ layout: 'a' }) }), { name: 'LayoutConflictError', message: /never turns layout B back into A/ });
    t.deepEqual(await rawCatalog(target.db, dialect), before);
  });
}
