import test from 'ava';
import { CompiledQuery } from 'kysely';
import { earlierCopiesQuery } from '../../pipeline/batch/earlier-copies.ts';
import { claimedSqlIds, claimedSqlIdsQuery, sqlIdConditions, unionOfSelects, type MapCondition } from '../../pipeline/state/document-map-sql-ids.ts';
import { ensureStateTables } from '../../pipeline/state/state-tables.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { createScratchDatabase, TEST_DIALECTS } from '../helpers/databases.ts';
import { rawCatalog } from '../schema/helpers/raw-catalog.ts';

const AT = '2026-01-01T00:00:00.000Z';
const entry = (doc_id: string, sql_id: string | null, source_partition = 'backups', status = sql_id === null ? 'rejected' : 'loaded') => ({ pipeline_id: 'p1', source_partition, doc_id, sql_id, version: 1, status, synced_at: AT });

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
          entry('e', 'e', 'backups', 'deleted'), // gone
          entry('a2', 'a', 'jobs'), // another partition
        ])
        .execute();
      const found = async (sqlIds: string[], alias?: string) => {
        const select = (condition: MapCondition) =>
          alias === undefined
            ? db.selectFrom('es2sql_documents').select('doc_id').where('pipeline_id', '=', 'p1').where('source_partition', '=', 'backups').where(condition)
            : db.selectFrom('es2sql_documents as d').select('d.doc_id as doc_id').where('d.pipeline_id', '=', 'p1').where('d.source_partition', '=', 'backups').where(condition);
        const rows = await unionOfSelects(sqlIdConditions(dialect, sqlIds, alias).map(select)).execute();
        return rows.map((row) => String(row.doc_id)).sort();
      };
      t.deepEqual(await found(['a']), ['a', 'c']);
      t.deepEqual(await found(['x', 'd']), ['b']);
      t.deepEqual(await found(['a', 'x', 'y'], 'd'), ['a', 'b', 'c', 'x']);
      t.deepEqual(await found(['nothing']), []);

      // Sync's question: which of these rows does a loaded document other than these still claim?
      const claimed = (sqlIds: string[], exceptDocIds: string[]) => claimedSqlIds(db, dialect, { pipelineId: 'p1', partition: 'backups', sqlIds, exceptDocIds });
      t.deepEqual([...(await claimed(['a', 'x', 'e'], ['c']))].sort(), ['a', 'x']);
      t.deepEqual([...(await claimed(['a'], ['a', 'c']))], []);
      t.deepEqual([...(await claimed(['y', 'e'], []))], ['y']);

      const indexes = (await rawCatalog(db, dialect)).es2sql_documents!.indexes.filter((index) => index.includes('sql_id'));
      t.is(indexes.length, 1, indexes.join('; '));
      t.true(indexes[0]!.includes(dialectFacts(dialect).partialIndexes ? 'es2sql_documents_sql_id_other' : 'es2sql_documents_sql_id('), indexes[0]);
    } finally {
      await db.destroy();
      await target.drop();
    }
  });
}

test('sqlite: lookups by SQL id (sync, the duplicate rule) search the indexes, without statistics, instead of scanning the partition', async (t) => {
  const target = await createScratchDatabase('sqlite', 'sqlidplan');
  const db = openDatabase(parseDatabaseUrl(target.url, process.cwd()));
  try {
    await ensureStateTables(db, 'sqlite');
    const rows = Array.from({ length: 2000 }, (_, i) => entry(`doc-${i}`, i % 10 === 0 ? `other-${i}` : `doc-${i}`));
    for (let i = 0; i < rows.length; i += 100) await db.insertInto('es2sql_documents').values(rows.slice(i, i + 100)).execute();
    const planOf = async (query: { compile(): CompiledQuery }) => {
      const compiled = query.compile();
      const { rows: plan } = await db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
      return plan.map((row) => row.detail);
    };
    const bySqlId = /SEARCH \S+ USING INDEX es2sql_documents_sql_id_other \(pipeline_id=\? AND source_partition=\? AND sql_id=\?\)/;
    const byDocId = /SEARCH \S+ USING INDEX sqlite_autoindex_es2sql_documents_1 \(pipeline_id=\? AND source_partition=\? AND doc_id=\?\)/;
    const partitionScan = /USING INDEX sqlite_autoindex_es2sql_documents_1 \(pipeline_id=\? AND source_partition=\?\)$/;
    for (const query of [
      claimedSqlIdsQuery(db, 'sqlite', { pipelineId: 'p1', partition: 'backups', sqlIds: ['doc-5', 'other-10'], exceptDocIds: ['doc-1'] }),
      earlierCopiesQuery(db, 'sqlite', { pipelineId: 'p1', partition: 'backups', since: AT, docIds: ['doc-7', 'doc-8'], sqlIds: ['doc-7', 'other-10'] }),
    ]) {
      const plan = await planOf(query);
      t.true(plan.some((line) => bySqlId.test(line)), plan.join('\n'));
      t.true(plan.some((line) => byDocId.test(line)), plan.join('\n'));
      t.false(plan.some((line) => partitionScan.test(line)), plan.join('\n'));
    }
    t.deepEqual([...(await claimedSqlIds(db, 'sqlite', { pipelineId: 'p1', partition: 'backups', sqlIds: ['doc-5', 'other-10'], exceptDocIds: ['doc-1'] }))].sort(), ['doc-5', 'other-10']);
  } finally {
    await db.destroy();
    await target.drop();
  }
});
