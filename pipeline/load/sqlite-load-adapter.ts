import type { AnyKysely } from '../../schema/connect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { KyselyLoadAdapter } from './kysely-load-adapter.ts';
import { sqliteMultiRowInsert } from './multi-row-insert.ts';

/** SQLite: multi-row `INSERT … ON CONFLICT`, batches near 1,000 rows, one writer at a time. */
export function sqliteLoadAdapter(db: AnyKysely): KyselyLoadAdapter {
  return new KyselyLoadAdapter(
    db,
    'sqlite',
    // SQLITE_MAX_VARIABLE_NUMBER is 32 766 since SQLite 3.32.
    { bulkCopy: false, maxBindParameters: 32_000, concurrentWriters: false, preferredBatchRows: 1000, valueEncoding: dialectFacts('sqlite').valueEncoding },
    (_db, write, rows) => sqliteMultiRowInsert(write, rows),
  );
}
