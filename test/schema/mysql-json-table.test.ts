import test from 'ava';
import { sql } from 'kysely';
import { ensureStateTables } from '../../pipeline/state/state-tables.ts';
import { DOC_ID_LENGTH } from '../../pipeline/state/state-tables.ts';
import { fitsJsonTable, jsonTableOfIds, serverHasJsonTable, versionHasJsonTable } from '../../schema/mysql-json-table.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../helpers/databases.ts';

test('JSON_TABLE by server version: MariaDB from 10.6, MySQL from 8.0.4, unknown texts without', (t) => {
  t.true(versionHasJsonTable('10.11.19-MariaDB-0+deb12u1'));
  t.true(versionHasJsonTable('10.6.0-MariaDB'));
  t.true(versionHasJsonTable('11.4.2-MariaDB-ubu2404'));
  t.false(versionHasJsonTable('10.5.23-MariaDB-0+deb11u1'));
  t.false(versionHasJsonTable('10.3.39-MariaDB-0+deb10u2'));
  t.false(versionHasJsonTable('5.5.5-10.4.32-MariaDB')); // a MySQL-compatible prefix before MariaDB's own version
  t.true(versionHasJsonTable('5.5.5-10.11.2-MariaDB'));
  t.false(versionHasJsonTable('MariaDB'));
  t.true(versionHasJsonTable('8.0.36'));
  t.true(versionHasJsonTable('8.0.4-rc'));
  t.false(versionHasJsonTable('8.0.3-rc'));
  t.false(versionHasJsonTable('5.7.44-log'));
  t.true(versionHasJsonTable('9.1.0'));
  t.false(versionHasJsonTable('unknown'));
});

test('ids the JSON table may carry: well-formed and at most 512 characters', (t) => {
  t.true(fitsJsonTable(['a', 'B', 'x'.repeat(512), 'é😀', 'with "quotes" and \\ backslash', 'a '], 512));
  t.false(fitsJsonTable(['ok', 'x'.repeat(513)], 512));
  t.false(fitsJsonTable(['lone \ud800 high'], 512));
  t.false(fitsJsonTable(['lone \udc00 low'], 512));
});

if (TEST_DIALECTS.includes('mysql')) {
  test('mysql: a join with the JSON table of ids finds the rows IN finds, ids compared as the id column compares them', async (t) => {
    const target = await createScratchDatabase('mysql', 'jsontable');
    const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
    try {
      await ensureStateTables(db, 'mysql');
      t.true(await serverHasJsonTable(db), 'the test server (MariaDB 10.11) has JSON_TABLE');
      const stored = ['abc', 'ABC', 'with "quotes"', 'back\\slash', 'é😀', 'trailing ', 'x'.repeat(512), "it's"];
      await db.insertInto('es2sql_documents').values(stored.map((doc_id) => ({ pipeline_id: 'p1', source_partition: 'backups', doc_id, sql_id: doc_id.slice(0, 255), version: 1, status: 'loaded', synced_at: 'x' }))).execute();
      const asked = ['abc', 'Abc', 'with "quotes"', 'back\\slash', 'é😀', 'trailing', 'x'.repeat(512), "it's", 'missing'];
      const viaIn = await db.selectFrom('es2sql_documents').select('doc_id').where('pipeline_id', '=', 'p1').where('source_partition', '=', 'backups').where('doc_id', 'in', asked).execute();
      const viaJson = await db
        .selectFrom(jsonTableOfIds(asked, DOC_ID_LENGTH).as('j'))
        .innerJoin('es2sql_documents as d', (join) => join.on('d.pipeline_id', '=', 'p1').on('d.source_partition', '=', 'backups').onRef('d.doc_id', '=', 'j.id'))
        .select('d.doc_id as doc_id')
        .execute();
      const ids = (rows: { doc_id: unknown }[]) => [...new Set(rows.map((row) => String(row.doc_id)))].sort();
      t.deepEqual(ids(viaJson), ids(viaIn));
      t.true(ids(viaJson).includes('abc') && !ids(viaJson).includes('ABC'), 'case-sensitive like the column');
      const { rows: plan } = await sql<{ table: string; type: string; key: string | null }>`explain select d.doc_id from ${jsonTableOfIds(asked, DOC_ID_LENGTH)} j join es2sql_documents d on d.pipeline_id = 'p1' and d.source_partition = 'backups' and d.doc_id = j.id`.execute(db);
      t.true(plan.some((row) => row.table === 'd' && row.type === 'eq_ref' && row.key === 'PRIMARY'), JSON.stringify(plan));
    } finally {
      await db.destroy();
      await target.drop();
    }
  });
}
