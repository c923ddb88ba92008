import type { TableDefinition } from '../layout/table-definition.ts';
import type { ColumnSchema, IndexSchema } from '../table-schema.ts';

/**
 * One declarative schema change. Migrations are lists of these: the runner turns them into DDL
 * through the dialect's adapter, decides from the catalog whether each is already applied, and
 * folds them over an empty catalog to describe a fresh database of any layout and revision.
 */
export type SchemaChange =
  | { kind: 'createTable'; table: TableDefinition }
  | { kind: 'addColumn'; table: string; column: ColumnSchema }
  | { kind: 'createIndex'; table: string; index: IndexSchema }
  /** VARCHAR made longer; nothing else about the column changes. */
  | { kind: 'widenColumn'; table: string; column: string; length: number }
  /**
   * MySQL: tables still in utf8mb3 (layout A) converted to the database's default charset when that
   * is utf8mb4, a superset, so that tables created later with the default (alembic's) can reference
   * them and 4-byte characters fit. Column types stay as they are. No-op on other dialects. Once
   * table `until` exists (the database is under alembic) it counts as applied: es2sql keeps the
   * charsets of a database that freezer-api itself took over.
   */
  | { kind: 'widenCharset'; tables: string[]; until: string }
  | { kind: 'renameColumn'; table: string; from: string; to: string }
  | { kind: 'dropColumn'; table: string; column: string };

/** Change kinds an expand migration may contain: additive only (seed 004). */
export const EXPAND_CHANGE_KINDS: ReadonlySet<SchemaChange['kind']> = new Set(['createTable', 'addColumn', 'createIndex', 'widenColumn', 'widenCharset']);

/**
 * Why a change may not be part of an expand migration, or undefined when it may: it must not drop,
 * rename or narrow anything, and a new column must be nullable or carry a default so that existing
 * rows and existing code keep working.
 */
export function expandViolation(change: SchemaChange): string | undefined {
  if (!EXPAND_CHANGE_KINDS.has(change.kind)) return `${change.kind} is not additive`;
  if (change.kind === 'addColumn' && !change.column.nullable && !change.column.hasDefault) {
    return `new column ${change.table}.${change.column.name} is NOT NULL without a default`;
  }
  return undefined;
}

/** One line describing the change, for progress output. */
export function describeChange(change: SchemaChange): string {
  switch (change.kind) {
    case 'createTable': return `create table ${change.table.name}`;
    case 'addColumn': return `add column ${change.table}.${change.column.name}`;
    case 'createIndex': return `create index ${change.index.name} on ${change.table}`;
    case 'widenColumn': return `widen ${change.table}.${change.column} to ${change.length} characters`;
    case 'widenCharset': return `convert utf8mb3 tables to the database's utf8mb4 (${change.tables.join(', ')})`;
    case 'renameColumn': return `rename ${change.table}.${change.from} to ${change.to}`;
    case 'dropColumn': return `drop column ${change.table}.${change.column}`;
  }
}
