import test from 'ava';
import { freezerMapping } from '../../mappings/freezer/freezer-mapping.ts';
import { planBatch } from '../../pipeline/load/batch-plan.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Accepted } from '../../transforms/transform-result.ts';

const col = (name: string) => ({ name, type: 'varchar' as const, length: 36, nullable: true, hasDefault: false });
const schema: TargetSchema = {
  dialect: 'sqlite',
  layout: 'B',
  revision: '7a3b9c1d2e4f',
  tables: {
    actions: { name: 'actions', columns: [col('id'), col('action')], primaryKey: ['id'] },
    jobs: { name: 'jobs', columns: [col('id')], primaryKey: ['id'] },
    job_actions: { name: 'job_actions', columns: [col('id'), col('job_id'), col('action_id')], primaryKey: ['id'] },
  },
};

/** Freezer's write order: every foreign key points at a row written before it. */
const TABLE_ORDER = freezerMapping.target.tableOrder;

function job(id: string, actionIds: string[]): Accepted {
  return {
    kind: 'accepted',
    entity: 'jobs',
    docId: id,
    sqlId: id,
    findings: [],
    writes: [
      { table: 'jobs', row: { id }, mode: 'upsert' },
      ...actionIds.map((a) => ({ table: 'actions', row: { id: a, action: `from ${id}` }, mode: 'insert-if-absent' as const })),
    ],
    children: [{ table: 'job_actions', parentColumn: 'job_id', parentId: id, rows: actionIds.map((a, i) => ({ id: `${id}-${i}`, job_id: id, action_id: a })) }],
  };
}

test('writes follow foreign-key order and children of each parent are cleared first', (t) => {
  const plan = planBatch([job("j1", ["a1", "a2"]), job("j2", ["a2"])], schema, TABLE_ORDER);
  t.deepEqual(plan.deletes, [{ table: 'job_actions', column: 'job_id', values: ['j1', 'j2'] }]);
  t.deepEqual(plan.writes.map((w) => `${w.table}:${w.mode}:${w.rows.length}`), ['actions:insert-if-absent:2', 'jobs:upsert:2', 'job_actions:upsert:3']);
  t.is(plan.rowCount, 7);
});

test('a key is written once per batch: an upsert beats insert-if-absent whatever the order', (t) => {
  const actionDoc: Accepted = { kind: 'accepted', entity: 'actions', docId: 'a2', sqlId: 'a2', findings: [], children: [], writes: [{ table: 'actions', row: { id: 'a2', action: 'the action document' }, mode: 'upsert' }] };
  for (const order of [[job('j1', ['a2']), actionDoc], [actionDoc, job('j1', ['a2'])]]) {
    const plan = planBatch(order, schema, TABLE_ORDER);
    const actions = plan.writes.filter((w) => w.table === 'actions');
    t.deepEqual(actions.map((w) => [w.mode, w.rows]), [['upsert', [['a2', 'the action document']]]]);
  }
});
