import type { Dialect } from './dialect.ts';

/** How a dialect's driver wants transform values bound. */
export interface ValueEncoding {
  /** Booleans are bound as 1/0 (MySQL, SQLite) rather than as booleans (PostgreSQL). */
  readonly booleansAsIntegers: boolean;
  /** DATETIME text carries microseconds (PostgreSQL, SQLite); MySQL's DATETIME has whole seconds. */
  readonly datetimeMicroseconds: boolean;
  /** Binary values must be Node Buffers (pg, mysql2); SQLite takes any Uint8Array. */
  readonly bytesAsBuffer: boolean;
}

/**
 * The named facts in which SQL dialects differ, for every layer that has to know one: what a
 * column can hold, how keys compare, how values are bound, how the database is reached. Code asks
 * these facts and never tests a dialect's name; a fourth dialect adds one object here and its adapters.
 */
export interface DialectFacts {
  readonly dialect: Dialect;
  /** How messages name the database: `PostgreSQL`, `MySQL`, `SQLite`. */
  readonly displayName: string;
  /** VARCHAR lengths are enforced, so data moves check values against the column widths first. */
  readonly enforcesLengths: boolean;
  /** Tables and columns carry character sets (MySQL/MariaDB): a utf8mb3 column cannot hold 4-byte characters. */
  readonly supportsCharsets: boolean;
  /** Bytes a TEXT column holds when the catalog gives no length; undefined where TEXT is unbounded. */
  readonly textByteLimit: number | undefined;
  /** Text columns can hold U+0000 (PostgreSQL's cannot). */
  readonly textHoldsNul: boolean;
  /** The instants (epoch milliseconds, inclusive) a TIMESTAMP column holds; undefined where any date fits. */
  readonly timestampRange: { readonly minMs: number; readonly maxMs: number } | undefined;
  /**
   * Key comparisons follow each column's collation (MySQL: `_ci` collations ignore case, accents and
   * trailing spaces); false where keys compare exactly (PostgreSQL, SQLite).
   */
  readonly keysFollowCollation: boolean;
  /** How values are bound. */
  readonly valueEncoding: ValueEncoding;
  /** The database is a file opened in-process (SQLite), not a server reached over the network. */
  readonly embedded: boolean;
  /** TCP port when a URL gives none; undefined for embedded databases. */
  readonly defaultPort: number | undefined;
  /** The query planner works from statistics that must be refreshed (ANALYZE) after bulk changes. */
  readonly plannerNeedsAnalyze: boolean;
  /**
   * Ids looked up in one `IN (…)` query by sync's page comparison, well under the bind limit
   * (SQLite: 32766). Measured on 70k ids: PostgreSQL is fastest with long lists (5000: 0.35–0.55 s,
   * 1000: 1.3–1.8 s), MariaDB's range optimizer with short ones (1000: 0.45–0.5 s, 5000: 0.9 s);
   * SQLite barely cares.
   */
  readonly idLookupChunk: number;
  /**
   * How a lookup passes a list of ids: `array` as one array parameter (`= any($1::text[])`:
   * binding and planning thousands of parameters cost PostgreSQL more than the lookup); `json-table`
   * as one JSON parameter joined through `JSON_TABLE` where the server has it (MariaDB ≥ 10.6,
   * MySQL ≥ 8.0.4; about half the time of a 1,000-value `IN`), else `IN`; `in` as `IN (…)`.
   */
  readonly idListParameter: 'array' | 'json-table' | 'in';
  /**
   * Even the binary collation of es2sql's id columns compares with trailing spaces ignored
   * (MariaDB's PAD SPACE: `'a ' = 'a'`), which an exact comparison in code cannot mirror.
   */
  readonly idsIgnoreTrailingSpaces: boolean;
  /** Column type of an identifier compared case-sensitively (ES ids differ by case; MySQL's default collations fold it). */
  caseSensitiveVarchar(length: number): string;
  /**
   * Column type of a partition name in es2sql's own tables (a mapping's partition: a document
   * table or an index name, up to Elasticsearch's 255 bytes), compared exactly. It is part of
   * composite keys next to a 512-character `_id`, so it must leave room under the dialect's key
   * length limit.
   */
  readonly partitionNameType: string;
  /**
   * The statement changing a column of es2sql's own tables to `type` (widening only), or undefined
   * where declared lengths are not enforced and nothing needs to change (SQLite).
   */
  alterColumnTypeSql?(table: string, column: string, type: string, notNull: boolean): string;
  /** Column type for unbounded text (raw documents) in es2sql's own tables. */
  readonly longTextType: string;
  /** Table options es2sql's own tables are created with, if any. */
  readonly stateTableOptions: string | undefined;
  /** `CREATE INDEX … WHERE …` indexes only the rows the condition holds for (not MySQL/MariaDB). */
  readonly partialIndexes: boolean;
  /** The SQLAlchemy URL scheme freezer-api's `[database] connection` names this database with. */
  readonly sqlalchemyScheme: string;
  /** Why freezer-api cannot be served from this dialect, when it cannot (one line for the operator). */
  readonly freezerApiCaveat?: string;
}

/** Bytes a MySQL TEXT column holds (the catalog reports TEXT without a length). */
export const MYSQL_TEXT_BYTES = 65_535;

const POSTGRES: DialectFacts = {
  dialect: 'postgres',
  displayName: 'PostgreSQL',
  enforcesLengths: true,
  supportsCharsets: false,
  textByteLimit: undefined,
  textHoldsNul: false,
  timestampRange: undefined,
  keysFollowCollation: false,
  valueEncoding: { booleansAsIntegers: false, datetimeMicroseconds: true, bytesAsBuffer: true },
  embedded: false,
  defaultPort: 5432,
  plannerNeedsAnalyze: true,
  idLookupChunk: 5000,
  idListParameter: 'array',
  idsIgnoreTrailingSpaces: false,
  caseSensitiveVarchar: (length) => `varchar(${length})`,
  partitionNameType: 'varchar(255)',
  // Widening a varchar is a catalog-only change in PostgreSQL (no table rewrite).
  alterColumnTypeSql: (table, column, type) => `ALTER TABLE "${table}" ALTER COLUMN "${column}" TYPE ${type}`,
  longTextType: 'text',
  stateTableOptions: undefined,
  partialIndexes: true,
  sqlalchemyScheme: 'postgresql+psycopg2',
  freezerApiCaveat:
    'freezer-api\'s SQL driver does not work on PostgreSQL (action_reports.log is a BLOB column and JSON is written as bytes; data contract §2.5): serve freezer-api from MySQL/MariaDB or SQLite',
};

const MYSQL: DialectFacts = {
  dialect: 'mysql',
  displayName: 'MySQL',
  enforcesLengths: true,
  supportsCharsets: true,
  textByteLimit: MYSQL_TEXT_BYTES,
  textHoldsNul: true,
  // TIMESTAMP: 1970-01-01 00:00:01 … 2038-01-19 03:14:07 UTC.
  timestampRange: { minMs: 1000, maxMs: 2_147_483_647_000 },
  keysFollowCollation: true,
  valueEncoding: { booleansAsIntegers: true, datetimeMicroseconds: false, bytesAsBuffer: true },
  embedded: false,
  defaultPort: 3306,
  plannerNeedsAnalyze: false,
  idLookupChunk: 1000,
  idListParameter: 'json-table',
  idsIgnoreTrailingSpaces: true,
  caseSensitiveVarchar: (length) => `varchar(${length}) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`,
  // InnoDB keys hold 3072 bytes and count utf8mb4 at 4 bytes a character: pipeline id (40) +
  // partition + `_id` (512) leave 864 bytes, so 255 utf8mb4 characters (1020 bytes) do not fit;
  // utf8mb3 (765 bytes) does, and holds every index name but those with 4-byte characters.
  partitionNameType: 'varchar(255) CHARACTER SET utf8mb3 COLLATE utf8mb3_bin',
  alterColumnTypeSql: (table, column, type, notNull) => `ALTER TABLE \`${table}\` MODIFY \`${column}\` ${type}${notNull ? ' NOT NULL' : ''}`,
  longTextType: 'longtext',
  stateTableOptions: 'ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin',
  partialIndexes: false,
  sqlalchemyScheme: 'mysql+pymysql',
};

const SQLITE: DialectFacts = {
  dialect: 'sqlite',
  displayName: 'SQLite',
  enforcesLengths: false,
  supportsCharsets: false,
  textByteLimit: undefined,
  textHoldsNul: true,
  timestampRange: undefined,
  keysFollowCollation: false,
  valueEncoding: { booleansAsIntegers: true, datetimeMicroseconds: true, bytesAsBuffer: false },
  embedded: true,
  defaultPort: undefined,
  plannerNeedsAnalyze: false,
  idLookupChunk: 2000,
  idListParameter: 'in',
  idsIgnoreTrailingSpaces: false,
  caseSensitiveVarchar: (length) => `varchar(${length})`,
  partitionNameType: 'varchar(255)',
  longTextType: 'text',
  stateTableOptions: undefined,
  partialIndexes: true,
  sqlalchemyScheme: 'sqlite',
};

const FACTS: Record<Dialect, DialectFacts> = { postgres: POSTGRES, mysql: MYSQL, sqlite: SQLITE };

/** The facts of a dialect. */
export function dialectFacts(dialect: Dialect): DialectFacts {
  return FACTS[dialect];
}
