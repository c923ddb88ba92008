import type { Dialect } from '../../schema/dialect.ts';
import type { JsonObject } from '../../core/json-value.ts';
import type { Finding, Row, SqlValue } from '../../core/mapped-rows.ts';
import { AUTO_DIALECTS } from '../auto/auto-dialect.ts';
import { canonicalCell } from '../auto/canonical-cell.ts';
import type { MappingPlan, PlanTable } from '../auto/mapping-plan.ts';
import { planDdl } from '../auto/plan-ddl.ts';
import type { PlanOutcome } from '../auto/transform-with-plan.ts';
import { KIND_OF_DECLARED, type DeclaredTable, type RowOf } from './declared-table.ts';

/** A source document as a declared transform receives it. */
export interface DeclaredDocument {
  /** `_id`. */
  id: string;
  /** `_index`. */
  index: string;
  /** `_type` on 1.x–6.x typed indices, else null. */
  type: string | null;
  /** `_source`, numbers beyond 2^53 kept exact (JsonNumber). */
  source: JsonObject;
}

/** A document turned into rows, per table (the first table gets one row: the document's). */
export type MappedRows<Tables extends Record<string, DeclaredTable>> = { [Name in keyof Tables]?: Array<RowOf<Tables[Name]>> };

/** What a declared transform returns: rows (and findings), or a reject with its reason. */
export type TransformResult<Tables extends Record<string, DeclaredTable>> =
  | { rows: MappedRows<Tables>; findings?: Finding[] }
  | { reject: string; detail: string; field?: string; findings?: Finding[] };

/** The declaration given to {@link defineMapping}. */
export interface MappingDeclaration<Tables extends Record<string, DeclaredTable>> {
  /** Name shown in reports and stored with the run. */
  name: string;
  /** Tables in write order: the first holds one row per document, the others are its child tables. */
  tables: Tables;
  /** Pure: one document → rows of the declared tables, or a reject. */
  transform(doc: DeclaredDocument): TransformResult<Tables>;
}

/** A declared mapping, ready for the pipeline. */
export interface DefinedMapping<Tables extends Record<string, DeclaredTable> = Record<string, DeclaredTable>> extends MappingDeclaration<Tables> {
  readonly kind: 'declared-mapping';
  /** The tables as a mapping plan (column kinds, keys, parents): DDL, checks and read-back. */
  readonly plan: MappingPlan;
  /** CREATE TABLE statements for a dialect. */
  ddl(dialect: Dialect): string[];
  /** Runs the transform and shapes its result as the pipeline's transform outcome. */
  outcome(doc: DeclaredDocument, dialect: Dialect): PlanOutcome;
  /** A row in the canonical form verify compares (SQL rows and transform rows alike). */
  canonicalRow(table: string, row: Record<string, unknown>): Record<string, unknown>;
}

/** Builds a tagged reject for a declared transform: `return reject('too_long', 'name has 300 characters', 'name')`. */
export function reject(reason: string, detail: string, field?: string): { reject: string; detail: string; field?: string } {
  return field === undefined ? { reject: reason, detail } : { reject: reason, detail, field };
}

function planOf(name: string, tables: Record<string, DeclaredTable>): MappingPlan {
  const entries = Object.entries(tables);
  if (entries.length === 0) throw new Error(`mapping ${name}: declare at least one table`);
  const rootName = entries[0]![0];
  const planTables: PlanTable[] = entries.map(([tableName, table], index) => {
    if (index > 0 && table.documentColumn === undefined) throw new Error(`mapping ${name}: child table ${tableName} needs "documentColumn" (the column holding the document's _id)`);
    if (table.key.length === 0) throw new Error(`mapping ${name}: table ${tableName} needs a "key"`);
    const columns = Object.entries(table.columns).map(([columnName, column]) => {
      if (column.type === 'varchar' && column.length === undefined) throw new Error(`mapping ${name}: ${tableName}.${columnName} is varchar without "length"`);
      const planColumn: PlanTable['columns'][number] = { name: columnName, kind: KIND_OF_DECLARED[column.type], field: columnName };
      if (column.length !== undefined) planColumn.length = column.length;
      if (column.type === 'decimal') planColumn.scale = column.scale ?? 10;
      // SQLite's driver cannot read integers beyond 2^53 back (verify reads whole rows): keep their digits as text.
      if (column.type === 'bigint') planColumn.sqlType = { sqlite: 'text' };
      return planColumn;
    });
    const planTable: PlanTable = { name: tableName, key: [...table.key], columns };
    if (index > 0) {
      planTable.parent = rootName;
      planTable.field = tableName;
    }
    return planTable;
  });
  return { format: 'es2sql-mapping/1', source: { index: name, indices: [], documentsScanned: 0, scan: 'sample' }, tables: planTables, notes: [] };
}

function toSql(value: unknown, dialect: Dialect): SqlValue {
  if (value === undefined || value === null) return null;
  if (value instanceof Date) return AUTO_DIALECTS[dialect].dateText(value.getTime());
  if (value instanceof Uint8Array || typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/**
 * Declares a mapping in TypeScript: the tables (typed columns, keys, child tables) and a pure
 * transform from a document to typed rows, rejects with a reason, and findings. A module that
 * exports one (default export or `mapping`) is loaded by `--mapping ./my-mapping.ts`.
 */
export function defineMapping<const Tables extends Record<string, DeclaredTable>>(declaration: MappingDeclaration<Tables>): DefinedMapping<Tables> {
  const plan = planOf(declaration.name, declaration.tables);
  const tableNames = Object.keys(declaration.tables);
  const rootName = tableNames[0]!;
  return {
    ...declaration,
    kind: 'declared-mapping',
    plan,
    ddl: (dialect) => planDdl(plan, dialect),
    outcome(doc, dialect) {
      const result = declaration.transform(doc);
      const findings = result.findings ?? [];
      if ('reject' in result) return { kind: 'rejected', entity: rootName, docId: doc.id, reason: result.reject as never, detail: result.detail, ...(result.field === undefined ? {} : { field: result.field }), findings };
      const rowsOf = (name: string): Row[] =>
        ((result.rows as Record<string, Array<Record<string, unknown>> | undefined>)[name] ?? []).map((row) => Object.fromEntries(Object.keys(declaration.tables[name]!.columns).map((column) => [column, toSql(row[column], dialect)])));
      const rootRows = rowsOf(rootName);
      if (rootRows.length !== 1) return { kind: 'rejected', entity: rootName, docId: doc.id, reason: 'invalid_value' as never, detail: `the transform gave ${rootRows.length} rows for ${rootName}; it must give exactly one`, findings };
      const children = tableNames.slice(1).map((name) => ({ table: name, parentColumn: declaration.tables[name]!.documentColumn as string, parentId: doc.id, rows: rowsOf(name) }));
      return { kind: 'accepted', entity: rootName, docId: doc.id, sqlId: doc.id, writes: [{ table: rootName, row: rootRows[0]!, mode: 'upsert' }], children, findings };
    },
    canonicalRow(table, row) {
      const planTable = plan.tables.find((candidate) => candidate.name === table);
      if (planTable === undefined) throw new Error(`mapping ${declaration.name} has no table ${table}`);
      return Object.fromEntries(planTable.columns.map((column) => [column.name, canonicalCell(column.kind, row[column.name])]));
    },
  };
}
