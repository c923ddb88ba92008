import type { CompiledQuery } from 'kysely';
import type { ValueEncoding } from '../../schema/dialect-facts.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { SqlValue } from '../../transforms/transform-result.ts';
import type { EncodedWrite } from './encoded-write.ts';
import type { RowEncoder } from './row-encoder.ts';
import type { TableWrite } from './table-write.ts';

export type { TableWrite } from './table-write.ts';

/** The statements one batch runs inside its single transaction. */
export interface LoadTransaction {
  write(write: TableWrite): Promise<void>;
  /** A write already encoded by this dialect's {@link RowEncoder} (the batch hot path). */
  writeEncoded(write: EncodedWrite): Promise<void>;
  /** `DELETE FROM table WHERE column IN (values)`, chunked under the bind-parameter limit. */
  deleteWhereIn(table: string, column: string, values: readonly SqlValue[], where?: readonly { column: string; value: SqlValue }[]): Promise<void>;
  /** Any other statement (compiled by Kysely for this dialect). */
  execute(query: CompiledQuery): Promise<Record<string, unknown>[]>;
}

/** What a dialect can do, so callers ask the adapter instead of testing the dialect's name. */
export interface LoadCapabilities {
  /** Rows go through a bulk path (COPY) rather than bound parameters. */
  bulkCopy: boolean;
  /** Bind parameters one statement may carry. */
  maxBindParameters: number;
  /** Several transactions can write at the same time (false for SQLite's single writer). */
  concurrentWriters: boolean;
  /** Batch size that measured fastest on this dialect. */
  preferredBatchRows: number;
  /** How transform values are bound (booleans, DATETIME text, bytes): the dialect's {@link ValueEncoding}. */
  valueEncoding: ValueEncoding;
}

/**
 * One per dialect: the upsert form, the bulk path, bind limits and value conversion. Everything
 * dialect-specific in loading lives behind this interface.
 */
export interface LoadAdapter {
  readonly dialect: Dialect;
  readonly capabilities: LoadCapabilities;
  /** Encodes writes for {@link LoadTransaction.writeEncoded}; pure, also usable in a worker. */
  readonly encoder: RowEncoder;
  /** Runs `work` in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: LoadTransaction) => Promise<T>): Promise<T>;
}
