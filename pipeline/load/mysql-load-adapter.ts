import type { AnyKysely } from '../../schema/connect.ts';
import { KyselyLoadAdapter } from './kysely-load-adapter.ts';
import { compileOnDuplicateKeyInsert } from './kysely-statements.ts';

/** MySQL/MariaDB: multi-row `INSERT … ON DUPLICATE KEY UPDATE` in strict mode, batches near 1,000 rows. */
export function mysqlLoadAdapter(db: AnyKysely): KyselyLoadAdapter {
  return new KyselyLoadAdapter(
    db,
    'mysql',
    // The client/server protocol allows 65 535 placeholders per prepared statement.
    { bulkCopy: false, maxBindParameters: 60_000, concurrentWriters: true, preferredBatchRows: 1000 },
    compileOnDuplicateKeyInsert,
  );
}
