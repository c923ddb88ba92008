import test from 'ava';
import { sqlIdIn } from '../../pipeline/state/document-map-sql-ids.ts';
import { ensureStateTables } from '../../pipeline/state/state-tables.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from '../schema/helpers/raw-catalog.ts';

const AT = '2026-01-01T00:00:00.000Z';
const entry = (doc_id: string, sql_id: string | null, source_partition = 'backups') => ({ pipeline_id: 'p1', source_partition, doc_id, sql_id, version: 1, status: sql_id === null ? 'rejected' : 'loaded', synced_at: AT });

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: the document map finds documents by SQL id whether or not the SQL id is their _id, and only those`, async (t) => {
    const target = await createScratchDatabase(dialect, 'sqlids');
    const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
    try {
      await ensureStateTables(db, dialect);
      await db
        .insertInto('es2sql_documents')
        .values([
          entry('a', 'a'), // its own _id
          entry('b', 'x'), // a composite backup id replaced
          entry('c', 'a'), // a second document mapping to row a
          entry('d', null), // rejected: no SQL id
          entry('x', 'y'), // its _id is a SQL id asked for, its SQL id is not
          entry('a2', 'a', 'jobs'), // another partition
        ])
        .execute();
      const found = async (sqlIds: string[], alias?: string) => {
        const rows = alias === undefined
          ? await db.selectFrom('es2sql_documents').select('doc_id').where('pipeline_id', '=', 'p1').where('source_partition', '=', 'backups').where((eb) => sqlIdIn(eb, dialect, sqlIds)).execute()
          : await db.selectFrom('es2sql_documents as d').select('d.doc_id').where('d.pipeline_id', '=', 'p1').where('d.source_partition', '=', 'backups').where((eb) => sqlIdIn(eb, dialect, sqlIds, 'd')).execute();
        return rows.map((row) => String(row.doc_id)).sort();
      };
      t.deepEqual(await found(['a']), ['a', 'c']);
      t.deepEqual(await found(['x', 'd']), ['b']);
      t.deepEqual(await found(['a', 'x', 'y'], 'd'), ['a', 'b', 'c', 'x']);
      t.deepEqual(await found(['nothing']), []);

      const indexes = (await rawCatalog(db, dialect)).es2sql_documents!.indexes.filter((index) => index.includes('sql_id'));
      t.is(indexes.length, 1, indexes.join('; '));
      t.true(indexes[0]!.includes(dialectFacts(dialect).partialIndexes ? 'es2sql_documents_sql_id_other' : 'es2sql_documents_sql_id('), indexes[0]);
    } finally {
      await db.destroy();
      await target.drop();
    }
  });
}
