import type { Catalog } from '../catalog/catalog.ts';
import type { AnyKysely } from '../connect.ts';
import type { DialectFacts } from '../dialect-facts.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, IndexSchema, TableSchema } from '../table-schema.ts';

/**
 * Everything that differs between SQL dialects when es2sql creates, inspects and evolves
 * freezer-api's schema. Migrations and the runner ask the adapter (capability flags, DDL methods);
 * they never test a dialect's name. The dialect's named facts (text limits, charsets, key collation,
 * value encoding…) come with it.
 */
export interface SchemaAdapter extends DialectFacts {
  /** DDL rolls back with its transaction (PostgreSQL, SQLite); MySQL commits each DDL statement. */
  readonly supportsTransactionalDdl: boolean;
  /**
   * What sqlalchemy-migrate script 001 calls the action-mode column here: `actionmode` on SQLite,
   * `mode` elsewhere (script 002 renames it, except on SQLite). Contract §2.2.
   */
  readonly layoutAInitialModeColumn: 'mode' | 'actionmode';
  /** One line es2sql prints whenever it creates freezer-api's tables on this dialect, if any. */
  readonly creationNotice?: string;

  /** How the catalog will report a declared column (types it folds together, MySQL TEXT width, charset). */
  describeColumn(column: ColumnSchema, table: TableDefinition): ColumnSchema;
  /** How the catalog will report a declared table. */
  describeTable(table: TableDefinition): TableSchema;

  /** Reads the catalog: every table name, and full descriptions of the tables named in `describe`. */
  readCatalog(db: AnyKysely, describe: readonly string[]): Promise<Catalog>;

  /** CREATE TABLE with keys and dialect options; `catalog` is the current state (MySQL FK charsets). */
  createTable(db: AnyKysely, table: TableDefinition, catalog: Catalog): Promise<void>;
  addColumn(db: AnyKysely, table: string, column: ColumnSchema): Promise<void>;
  createIndex(db: AnyKysely, table: string, index: IndexSchema): Promise<void>;
  /** Makes a VARCHAR column longer, keeping everything else about it (SQLite rebuilds the table). */
  widenColumn(db: AnyKysely, table: TableSchema, column: string, length: number): Promise<void>;
  /** Converts a table and its text columns to a character set without changing any column type. */
  convertCharset(db: AnyKysely, table: TableSchema, charset: string, collation: string | undefined): Promise<void>;
  renameColumn(db: AnyKysely, table: string, from: string, to: string): Promise<void>;
  dropColumn(db: AnyKysely, table: string, column: string): Promise<void>;

  /**
   * Runs one migration on a single connection with the session settings its DDL needs (SQLite turns
   * foreign-key enforcement off so a table can be rebuilt under a referencing table, as alembic's
   * batch mode does) and restores them afterwards.
   */
  withMigrationConnection<T>(db: AnyKysely, run: (connection: AnyKysely) => Promise<T>): Promise<T>;

  /**
   * Runs a whole `schema upgrade` on one connection while holding the database's schema lock, so
   * concurrent upgrades of one database run one after the other (PostgreSQL advisory lock, MySQL
   * GET_LOCK). SQLite runs the whole upgrade in one `BEGIN IMMEDIATE` transaction instead:
   * `inTransaction` tells the runner not to open its own.
   */
  withSchemaLock<T>(db: AnyKysely, run: (connection: AnyKysely, inTransaction: boolean) => Promise<T>): Promise<T>;
}
