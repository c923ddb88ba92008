import type { CompiledQuery } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import { chunkRows, compileDeleteWhereIn } from './kysely-statements.ts';
import type { LoadAdapter, LoadCapabilities, LoadTransaction, TableWrite } from './load-adapter.ts';
import { toDriverValue } from './driver-values.ts';

export type InsertCompiler = (db: AnyKysely, write: TableWrite, rows: SqlValue[][]) => CompiledQuery;

/**
 * Loading through Kysely transactions with bound-parameter multi-row upserts: the path for dialects
 * without a faster bulk protocol (MySQL/MariaDB, SQLite).
 */
export class KyselyLoadAdapter implements LoadAdapter {
  readonly dialect: Dialect;
  readonly capabilities: LoadCapabilities;
  readonly #db: AnyKysely;
  readonly #compileInsert: InsertCompiler;

  constructor(db: AnyKysely, dialect: Dialect, capabilities: LoadCapabilities, compileInsert: InsertCompiler) {
    this.#db = db;
    this.dialect = dialect;
    this.capabilities = capabilities;
    this.#compileInsert = compileInsert;
  }

  async transaction<T>(work: (tx: LoadTransaction) => Promise<T>): Promise<T> {
    const encoding = this.capabilities.valueEncoding;
    const maxBind = this.capabilities.maxBindParameters;
    return this.#db.transaction().execute(async (trx) => {
      const tx: LoadTransaction = {
        write: async (write: TableWrite) => {
          const rows = write.rows.map((row) => row.map((v) => toDriverValue(v, encoding)));
          for (const chunk of chunkRows(rows, write.columns.length, maxBind)) {
            await trx.executeQuery(this.#compileInsert(trx, write, chunk));
          }
        },
        deleteWhereIn: async (table, column, values, where) => {
          for (const chunk of chunkRows(values as SqlValue[], 1, maxBind - 8)) {
            await trx.executeQuery(compileDeleteWhereIn(trx, table, column, chunk, where));
          }
        },
        execute: async (query) => (await trx.executeQuery(query)).rows as Record<string, unknown>[],
      };
      return work(tx);
    });
  }
}
