import type { Dialect } from '../../schema/dialect.ts';
import { utcMillisText } from '../../pipeline/load/driver-values.ts';
import type { ColumnKind, PlanColumn } from './mapping-plan.ts';

/**
 * What differs between SQL dialects for an auto-compiled table: the SQL type of each column kind
 * and how a date is written. The compiler, DDL writer and transform ask this object; they never
 * test a dialect's name.
 */
export interface AutoDialect {
  readonly dialect: Dialect;
  /** SQL type of a column of this kind (length/scale from the plan). */
  sqlType(column: PlanColumn): string;
  /** A date as text the column type stores exactly (milliseconds, UTC). */
  dateText(epochMillis: number): string;
  /** Longest `_index` value the key column holds (key-length limits). */
  readonly indexKeyLength: number;
  /** Table options appended to CREATE TABLE (MySQL: utf8mb4, binary collation so `_id`s keep case). */
  readonly tableOptions: string;
  /** Text columns can hold U+0000 (PostgreSQL cannot). */
  readonly storesNul: boolean;
  /**
   * The select expression that reads a column back exactly (SQLite's driver cannot return 64-bit
   * integers beyond 2^53 as numbers: those are read as text).
   */
  readExpression(column: PlanColumn): string;
  /** A query listing the tables of the current database/schema, one `name` per row. */
  readonly listTablesSql: string;
  /** Quotes an identifier. */
  quote(name: string): string;
}

/** Longest `_id` Elasticsearch accepts is 512 bytes. */
export const ID_LENGTH = 512;

function iso(epochMillis: number): string {
  return new Date(epochMillis).toISOString();
}

/** The instant's `YYYY-MM-DD{separator}HH:MM:SS.mmm{suffix}`; the ISO text rewritten outside four-digit years. */
function millisText(epochMillis: number, separator: string, suffix: string): string {
  const text = utcMillisText(epochMillis, separator);
  return text === undefined ? iso(epochMillis).replace('T', separator).replace('Z', suffix) : text + suffix;
}

function spelled(types: Record<ColumnKind, string>, column: PlanColumn, dialect: Dialect, unbounded: string): string {
  const override = column.sqlType?.[dialect];
  if (override !== undefined) return override;
  if (column.kind === 'string') return column.length === undefined ? unbounded : `varchar(${column.length})`;
  return types[column.kind];
}

const POSTGRES: AutoDialect = {
  dialect: 'postgres',
  listTablesSql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()',
  storesNul: false,
  indexKeyLength: 255,
  tableOptions: '',
  quote: (name) => `"${name.replace(/"/g, '""')}"`,
  dateText: (ms) => millisText(ms, ' ', '+00'),
  readExpression: (column) => POSTGRES.quote(column.name),
  sqlType: (column) =>
    spelled(
      { id: `varchar(${ID_LENGTH})`, index: 'varchar(255)', position: 'integer', string: 'text', integer: 'integer', long: 'bigint', unsigned_long: 'numeric(20,0)', decimal: 'numeric', double: 'double precision', boolean: 'boolean', date: 'timestamp(3) with time zone', ip: 'varchar(45)', geo_lat: 'double precision', geo_lon: 'double precision', binary: 'bytea', json: 'json' },
      column,
      'postgres',
      'text',
    ),
};

const MYSQL: AutoDialect = {
  dialect: 'mysql',
  listTablesSql: 'SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE()',
  storesNul: true,
  // utf8mb4 key parts count 4 bytes per character; InnoDB keys stop at 3072 bytes.
  indexKeyLength: 160,
  tableOptions: 'DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  quote: (name) => `\`${name.replace(/`/g, '``')}\``,
  dateText: (ms) => millisText(ms, ' ', ''),
  readExpression: (column) => MYSQL.quote(column.name),
  sqlType: (column) =>
    spelled(
      { id: `varchar(${ID_LENGTH})`, index: 'varchar(160)', position: 'integer', string: 'longtext', integer: 'integer', long: 'bigint', unsigned_long: 'bigint unsigned', decimal: `decimal(65,${Math.min(column.scale ?? 10, 30)})`, double: 'double', boolean: 'boolean', date: 'datetime(3)', ip: 'varchar(45)', geo_lat: 'double', geo_lon: 'double', binary: 'longblob', json: 'longtext' },
      column,
      'mysql',
      'longtext',
    ),
};

const SQLITE: AutoDialect = {
  dialect: 'sqlite',
  listTablesSql: "SELECT name FROM sqlite_master WHERE type = 'table'",
  storesNul: true,
  indexKeyLength: 255,
  tableOptions: '',
  quote: (name) => `"${name.replace(/"/g, '""')}"`,
  dateText: (ms) => millisText(ms, 'T', 'Z'),
  readExpression: (column) => (column.kind === 'long' ? `CAST(${SQLITE.quote(column.name)} AS TEXT) AS ${SQLITE.quote(column.name)}` : SQLITE.quote(column.name)),
  sqlType: (column) =>
    spelled(
      // SQLite has no exact decimal type and 64-bit signed integers only: exact numbers stay text.
      { id: 'text', index: 'text', position: 'integer', string: 'text', integer: 'integer', long: 'integer', unsigned_long: 'text', decimal: 'text', double: 'real', boolean: 'integer', date: 'text', ip: 'text', geo_lat: 'real', geo_lon: 'real', binary: 'blob', json: 'text' },
      column,
      'sqlite',
      'text',
    ),
};

/** The auto-mapping adapter of each dialect. */
export const AUTO_DIALECTS: Readonly<Record<Dialect, AutoDialect>> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };
