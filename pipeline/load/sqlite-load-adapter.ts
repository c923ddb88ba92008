import type { AnyKysely } from '../../schema/connect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { KyselyLoadAdapter } from './kysely-load-adapter.ts';
import { rowEncoderFor, VALUES_PER_STATEMENT } from './row-encoder-for.ts';

/** SQLite: multi-row `INSERT … ON CONFLICT`, batches near 1,000 rows, one writer at a time. */
export function sqliteLoadAdapter(db: AnyKysely): KyselyLoadAdapter {
  return new KyselyLoadAdapter(
    db,
    'sqlite',
    { bulkCopy: false, maxBindParameters: VALUES_PER_STATEMENT.sqlite, concurrentWriters: false, preferredBatchRows: 1000, valueEncoding: dialectFacts('sqlite').valueEncoding },
    rowEncoderFor('sqlite'),
  );
}
