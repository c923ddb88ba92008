import type { Dialect } from '../../schema/dialect.ts';
import { mysqlMultiRowInsert, sqliteMultiRowInsert } from './multi-row-insert.ts';
import { postgresRowEncoder } from './postgres-row-encoder.ts';
import type { RowEncoder } from './row-encoder.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { toDriverValue } from './driver-values.ts';
import { statementRowEncoder } from './statement-row-encoder.ts';

// Values per statement: a MySQL batch statement stays far below max_allowed_packet (16 MiB by
// default); SQLITE_MAX_VARIABLE_NUMBER is 32 766 since SQLite 3.32.
const MYSQL_VALUES_PER_STATEMENT = 60_000;
const SQLITE_VALUES_PER_STATEMENT = 32_000;

const MYSQL_VALUES = dialectFacts('mysql').valueEncoding;
const SQLITE_VALUES = dialectFacts('sqlite').valueEncoding;
const mysqlRowEncoder = statementRowEncoder((v) => toDriverValue(v, MYSQL_VALUES), { maxValues: MYSQL_VALUES_PER_STATEMENT, powerOfTwoTail: false }, mysqlMultiRowInsert);
const sqliteRowEncoder = statementRowEncoder((v) => toDriverValue(v, SQLITE_VALUES), { maxValues: SQLITE_VALUES_PER_STATEMENT, powerOfTwoTail: true }, sqliteMultiRowInsert);

/** The encoder of a dialect; the load adapters and the batch workers share it. */
export function rowEncoderFor(dialect: Dialect): RowEncoder {
  switch (dialect) {
    case 'postgres':
      return postgresRowEncoder;
    case 'mysql':
      return mysqlRowEncoder;
    case 'sqlite':
      return sqliteRowEncoder;
  }
}

/** Values one statement of the dialect may carry (bind parameters, or literals for MySQL). */
export const VALUES_PER_STATEMENT = { mysql: MYSQL_VALUES_PER_STATEMENT, sqlite: SQLITE_VALUES_PER_STATEMENT } as const;
