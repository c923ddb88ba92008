import { CompiledQuery } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { EncodedWrite } from './encoded-write.ts';
import { chunkRows, compileDeleteWhereIn } from './kysely-statements.ts';
import type { LoadAdapter, LoadCapabilities, LoadTransaction } from './load-adapter.ts';
import type { RowEncoder } from './row-encoder.ts';

/**
 * Loading through Kysely transactions with multi-row upserts built by the dialect's encoder: the
 * path for dialects without a faster bulk protocol (MySQL/MariaDB, SQLite).
 */
export class KyselyLoadAdapter implements LoadAdapter {
  readonly dialect: Dialect;
  readonly capabilities: LoadCapabilities;
  readonly encoder: RowEncoder;
  readonly #db: AnyKysely;

  constructor(db: AnyKysely, dialect: Dialect, capabilities: LoadCapabilities, encoder: RowEncoder) {
    this.#db = db;
    this.dialect = dialect;
    this.capabilities = capabilities;
    this.encoder = encoder;
  }

  async transaction<T>(work: (tx: LoadTransaction) => Promise<T>): Promise<T> {
    const maxBind = this.capabilities.maxBindParameters;
    return this.#db.transaction().execute(async (trx) => {
      const writeEncoded = async (write: EncodedWrite) => {
        if (write.kind !== 'statements') throw new TypeError(`${this.dialect} cannot write a ${write.kind} batch`);
        for (const statement of write.statements) await trx.executeQuery(CompiledQuery.raw(statement.sql, statement.parameters));
      };
      const tx: LoadTransaction = {
        write: (write) => writeEncoded(this.encoder.encode(write)),
        writeEncoded,
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
