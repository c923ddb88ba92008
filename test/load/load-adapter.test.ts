import test from 'ava';
import { sql } from 'kysely';
import { openWritableDatabase } from '../../pipeline/load/target-database.ts';
import type { TableWrite } from '../../pipeline/load/load-adapter.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';

const HOSTILE = [
  `it's "quoted"`,
  'back\\slash \\N and \\x41',
  "'; DROP TABLE probe; --",
  'tab\there\nnewline\r\nCRLF',
  'emoji 😀 and ünïcödé',
  '{"json": "text", "with": ["double", "quotes"]} \u001a ctrl-Z \\\' quote after backslash',
  '',
];

async function withTable(dialect: (typeof TEST_DIALECTS)[number], body: (db: ReturnType<typeof openWritableDatabase>) => Promise<void>) {
  const scratch = await createScratchDatabase(dialect, 'load');
  const target = openWritableDatabase(scratch.url);
  try {
    const table = target.db.schema
      .createTable('probe')
      .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
      .addColumn('label', 'text')
      .addColumn('n', 'integer')
      .addColumn('flag', 'boolean')
      .addColumn('at', dialect === 'postgres' ? 'timestamp' : 'datetime');
    await (dialect === 'mysql' ? table.modifyEnd(sql`DEFAULT CHARSET=utf8mb4`) : table).execute();
    await body(target);
  } finally {
    await target.close();
    await scratch.drop();
  }
}

function probeWrite(ids: string[], mode: TableWrite['mode'], label: (i: number) => string): TableWrite {
  return {
    table: 'probe',
    columns: ['id', 'label', 'n', 'flag', 'at'],
    rows: ids.map((id, i) => [id, label(i), i, i % 2 === 0, new Date(Date.UTC(2020, 0, 2, 3, 4, 5, 678))]),
    primaryKey: ['id'],
    mode,
  };
}

for (const dialect of TEST_DIALECTS) {
  for (const size of [3, 2500]) {
    test(`${dialect}: upsert of ${size} rows round-trips hostile text, replaces on rerun, insert-if-absent keeps rows`, async (t) => {
      await withTable(dialect, async (target) => {
        const ids = Array.from({ length: size }, (_, i) => `id-${String(i).padStart(5, '0')}`);
        const hostile = (i: number) => HOSTILE[i % HOSTILE.length]!;
        await target.adapter.transaction((tx) => tx.write(probeWrite(ids, 'upsert', hostile)));
        // The same batch again (a replay after a crash) must change nothing.
        await target.adapter.transaction((tx) => tx.write(probeWrite(ids, 'upsert', hostile)));
        // insert-if-absent must not overwrite.
        await target.adapter.transaction((tx) => tx.write(probeWrite(ids.slice(0, 2), 'insert-if-absent', () => 'overwritten?')));
        const rows = await target.db.selectFrom('probe').selectAll().orderBy('id').execute();
        t.is(rows.length, size);
        t.deepEqual(rows.map((r) => r.label), ids.map((_, i) => hostile(i)));
        t.deepEqual(rows.slice(0, 2).map((r) => Boolean(Number(r.flag))), [true, false]);
        const at = String(rows[0]!.at instanceof Date ? rows[0]!.at.toISOString() : rows[0]!.at);
        t.regex(at, /^2020-01-02[ T]03:04:05/);
        // An upsert with new values replaces.
        await target.adapter.transaction((tx) => tx.write(probeWrite(ids.slice(0, 1), 'upsert', () => 'replaced')));
        const first = await target.db.selectFrom('probe').select('label').where('id', '=', ids[0]!).executeTakeFirstOrThrow();
        t.is(first.label, 'replaced');
      });
    });
  }

  test(`${dialect}: a failing statement rolls the whole batch back`, async (t) => {
    await withTable(dialect, async (target) => {
      await t.throwsAsync(
        target.adapter.transaction(async (tx) => {
          await tx.write(probeWrite(['a', 'b'], 'upsert', () => 'x'));
          await tx.write({ table: 'no_such_table', columns: ['id'], rows: [['z']], primaryKey: ['id'], mode: 'upsert' });
        }),
      );
      const rows = await target.db.selectFrom('probe').selectAll().execute();
      t.is(rows.length, 0);
      // The adapter is still usable after a rollback (PostgreSQL stage tables, pooled connections).
      await target.adapter.transaction((tx) => tx.write(probeWrite(Array.from({ length: 1500 }, (_, i) => `k${i}`), 'upsert', () => 'ok')));
      t.is((await target.db.selectFrom('probe').selectAll().execute()).length, 1500);
    });
  });

  test(`${dialect}: deleteWhereIn removes exactly the listed rows, in chunks`, async (t) => {
    await withTable(dialect, async (target) => {
      const ids = Array.from({ length: 3000 }, (_, i) => `d${i}`);
      await target.adapter.transaction((tx) => tx.write(probeWrite(ids, 'upsert', () => 'x')));
      await target.adapter.transaction((tx) => tx.deleteWhereIn('probe', 'id', ids.slice(0, 2999), [{ column: 'label', value: 'x' }]));
      const rows = await target.db.selectFrom('probe').select('id').execute();
      t.deepEqual(rows.map((r) => r.id), ['d2999']);
    });
  });
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: encoded writes insert, then upsert over the same keys; what the transaction wrote before a conflict is there once`, async (t) => {
    await withTable(dialect, async (target) => {
      await target.db.schema.createTable('probe_log').addColumn('id', 'varchar(36)', (c) => c.primaryKey()).addColumn('note', 'varchar(40)').execute();
      const encode = (write: TableWrite) => target.adapter.encoder.encode(write);
      const ids = Array.from({ length: 1200 }, (_, i) => `e${i}`);
      const log = (batch: string): TableWrite => ({ table: 'probe_log', columns: ['id', 'note'], rows: [[`${batch}-a`, batch], [`${batch}-b`, batch]], primaryKey: ['id'], mode: 'upsert' });
      // A first batch into empty tables (PostgreSQL COPYs it straight into them).
      await target.adapter.transaction(async (tx) => {
        await tx.writeEncoded(encode(log('first')));
        await tx.writeEncoded(encode(probeWrite(ids, 'upsert', (i) => `v1-${i}`)));
      });
      // The replay meets every key of probe after a fresh write to probe_log in the same transaction:
      // PostgreSQL's straight COPY fails there, and the redone transaction must not write the log twice.
      await target.adapter.transaction(async (tx) => {
        await tx.writeEncoded(encode(log('second')));
        await tx.writeEncoded(encode(probeWrite(ids, 'upsert', (i) => `v2-${i}`)));
      });
      await target.adapter.transaction((tx) => tx.writeEncoded(encode(probeWrite(ids.slice(0, 5), 'insert-if-absent', () => 'overwritten?'))));
      const rows = await target.db.selectFrom('probe').select(['id', 'label']).orderBy('id').execute();
      t.is(rows.length, ids.length);
      t.deepEqual(
        rows.map((r) => r.label),
        [...ids].sort().map((id) => `v2-${id.slice(1)}`),
      );
      const notes = await target.db.selectFrom('probe_log').select(['id', 'note']).orderBy('id').execute();
      t.deepEqual(notes, [
        { id: 'first-a', note: 'first' },
        { id: 'first-b', note: 'first' },
        { id: 'second-a', note: 'second' },
        { id: 'second-b', note: 'second' },
      ]);
      // A later batch of new keys into the table that conflicted is still written.
      await target.adapter.transaction((tx) => tx.writeEncoded(encode(probeWrite(['z1', 'z2'], 'upsert', () => 'late'))));
      t.is((await target.db.selectFrom('probe').select('id').where('label', '=', 'late').execute()).length, 2);
    });
  });
}
