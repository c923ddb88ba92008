import type { AnyKysely } from '../../schema/connect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { KyselyLoadAdapter } from './kysely-load-adapter.ts';
import { mysqlMultiRowInsert } from './multi-row-insert.ts';

/** MySQL/MariaDB: multi-row `INSERT … ON DUPLICATE KEY UPDATE` in strict mode, batches near 1,000 rows. */
export function mysqlLoadAdapter(db: AnyKysely): KyselyLoadAdapter {
  return new KyselyLoadAdapter(
    db,
    'mysql',
    // Values per statement: keeps a batch's statement far below max_allowed_packet (16 MiB by default).
    { bulkCopy: false, maxBindParameters: 60_000, concurrentWriters: true, preferredBatchRows: 1000, valueEncoding: dialectFacts('mysql').valueEncoding },
    (_db, write, rows) => mysqlMultiRowInsert(write, rows),
  );
}
