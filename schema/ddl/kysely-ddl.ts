import { sql, type ColumnDefinitionBuilder } from 'kysely';
import type { AnyKysely } from '../connect.ts';
import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, ForeignKeySchema, IndexSchema } from '../table-schema.ts';

/** How a dialect spells a column: its type text and DEFAULT expression. */
export interface ColumnSpelling {
  type(column: ColumnSchema): string;
  defaultExpression(column: ColumnSchema): string | undefined;
}

/** A SQL string literal (single quotes doubled). */
export function stringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** DEFAULT expression of a declared column; booleans are spelled by the dialect. */
export function defaultExpression(column: ColumnSchema, booleanSql: (value: boolean) => string): string | undefined {
  const value = column.defaultValue;
  if (!column.hasDefault || value === undefined) return undefined;
  if (typeof value === 'boolean') return booleanSql(value);
  if (typeof value === 'number') return String(value);
  return stringLiteral(value);
}

export function columnModifiers(spelling: ColumnSpelling, column: ColumnSchema) {
  return (builder: ColumnDefinitionBuilder): ColumnDefinitionBuilder => {
    let result = builder;
    const expression = spelling.defaultExpression(column);
    if (expression !== undefined) result = result.defaultTo(sql.raw(expression));
    if (!column.nullable) result = result.notNull();
    return result;
  };
}

export interface CreateTableOptions {
  foreignKeyName(table: string, foreignKey: ForeignKeySchema, ordinal: number): string;
  /** Text appended after the column list (MySQL ENGINE/CHARSET). */
  tableOptions?: string;
}

/** CREATE TABLE through Kysely's builder from a declared table, then its secondary indexes. */
export async function createTableFromDefinition(db: AnyKysely, table: TableDefinition, spelling: ColumnSpelling, options: CreateTableOptions): Promise<void> {
  let builder = db.schema.createTable(table.name);
  for (const column of table.columns) builder = builder.addColumn(column.name, sql.raw(spelling.type(column)), columnModifiers(spelling, column));
  builder = builder.addPrimaryKeyConstraint(table.primaryKeyName ?? `${table.name}_pkey`, table.primaryKey as never[]);
  (table.foreignKeys ?? []).forEach((fk, ordinal) => {
    builder = builder.addForeignKeyConstraint(options.foreignKeyName(table.name, fk, ordinal), fk.columns as never[], fk.referencedTable, fk.referencedColumns);
  });
  if (options.tableOptions) builder = builder.modifyEnd(sql.raw(options.tableOptions));
  await builder.execute();
  for (const index of table.indexes ?? []) await createIndex(db, table.name, index);
}

export async function createIndex(db: AnyKysely, table: string, index: IndexSchema): Promise<void> {
  let builder = db.schema.createIndex(index.name).on(table).columns(index.columns);
  if (index.unique) builder = builder.unique();
  await builder.execute();
}

export async function addColumn(db: AnyKysely, table: string, column: ColumnSchema, spelling: ColumnSpelling): Promise<void> {
  await db.schema.alterTable(table).addColumn(column.name, sql.raw(spelling.type(column)), columnModifiers(spelling, column)).execute();
}

export async function renameColumn(db: AnyKysely, table: string, from: string, to: string): Promise<void> {
  await db.schema.alterTable(table).renameColumn(from, to).execute();
}

export async function dropColumn(db: AnyKysely, table: string, column: string): Promise<void> {
  await db.schema.alterTable(table).dropColumn(column).execute();
}

/** Runs on one pooled connection, so session settings and transactions stay together. */
export function onOneConnection<T>(db: AnyKysely, run: (connection: AnyKysely) => Promise<T>): Promise<T> {
  return db.connection().execute(run);
}
