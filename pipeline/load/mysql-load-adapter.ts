import type { AnyKysely } from '../../schema/connect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { KyselyLoadAdapter } from './kysely-load-adapter.ts';
import { rowEncoderFor, VALUES_PER_STATEMENT } from './row-encoder-for.ts';

/** MySQL/MariaDB: multi-row `INSERT … ON DUPLICATE KEY UPDATE` in strict mode, batches near 1,000 rows. */
export function mysqlLoadAdapter(db: AnyKysely): KyselyLoadAdapter {
  return new KyselyLoadAdapter(
    db,
    'mysql',
    { bulkCopy: false, maxBindParameters: VALUES_PER_STATEMENT.mysql, concurrentWriters: true, preferredBatchRows: 1000, valueEncoding: dialectFacts('mysql').valueEncoding },
    rowEncoderFor('mysql'),
  );
}
