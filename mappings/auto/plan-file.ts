import { DIALECTS, type Dialect } from '../../schema/dialect.ts';
import { COLUMN_KINDS, type MappingPlan, type PlanColumn, type PlanTable } from './mapping-plan.ts';
import { planDdl } from './plan-ddl.ts';

/** A mapping file that cannot be used, with what to change. */
export class MappingFileError extends Error {
  override readonly name = 'MappingFileError';
}

/**
 * The editable mapping file: the plan (tables, columns, the field each column reads, why each
 * child table exists, notes) and, for reading only, the DDL it gives per dialect. Editing the
 * `tables` changes the migration; the `ddl` is rewritten from them.
 */
export function planFileText(plan: MappingPlan, dialects: readonly Dialect[] = DIALECTS): string {
  const ddl: Partial<Record<Dialect, string[]>> = {};
  for (const dialect of dialects) ddl[dialect] = planDdl(plan, dialect);
  return `${JSON.stringify({ ...plan, ddl }, null, 2)}\n`;
}

function fail(where: string, problem: string): never {
  throw new MappingFileError(`mapping file: ${where} ${problem}`);
}

function checkColumn(table: PlanTable, column: PlanColumn, index: number): void {
  const where = `tables "${table.name}" column ${index + 1}`;
  if (typeof column.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(column.name)) fail(where, 'needs a "name" of letters, digits and _ (at most 63)');
  if (!COLUMN_KINDS.includes(column.kind)) fail(`${where} ("${column.name}")`, `has kind "${String(column.kind)}"; use one of ${COLUMN_KINDS.join(', ')}`);
  if (column.length !== undefined && (!Number.isInteger(column.length) || column.length < 1)) fail(`${where} ("${column.name}")`, 'has a "length" that is not a positive integer');
  if (column.field !== undefined && typeof column.field !== 'string') fail(`${where} ("${column.name}")`, 'has a "field" that is not a dotted path');
}

/** Reads and checks a mapping file written by `mapping generate` (and maybe edited). */
export function parsePlanFile(text: string, file: string): MappingPlan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new MappingFileError(`mapping file ${file} is not valid JSON (${(error as Error).message}); write it again with: es2sql mapping generate`);
  }
  const plan = value as MappingPlan & { ddl?: unknown };
  if (plan?.format !== 'es2sql-mapping/1') fail(file, 'is not an es2sql mapping (its "format" is not "es2sql-mapping/1"); write one with: es2sql mapping generate');
  if (!Array.isArray(plan.tables) || plan.tables.length === 0) fail(file, 'has no "tables"');
  const names = new Set<string>();
  for (const table of plan.tables) {
    if (typeof table.name !== 'string' || names.has(table.name)) fail(file, `has a table without a name or twice named "${table.name}"`);
    if (table.parent !== undefined && !names.has(table.parent)) fail(`table "${table.name}"`, `names parent "${table.parent}", which is not an earlier table`);
    if (table.parent !== undefined && typeof table.field !== 'string') fail(`table "${table.name}"`, 'is a child table without the "field" of its array');
    if (!Array.isArray(table.columns) || !Array.isArray(table.key)) fail(`table "${table.name}"`, 'needs "columns" and "key"');
    table.columns.forEach((column, index) => checkColumn(table, column, index));
    for (const key of table.key) if (!table.columns.some((c) => c.name === key)) fail(`table "${table.name}"`, `has key column "${key}" missing from its columns`);
    names.add(table.name);
  }
  if (!plan.tables.some((t) => t.parent === undefined)) fail(file, 'has no document table (one without "parent")');
  const { ddl: _ddl, ...rest } = plan;
  void _ddl;
  return { ...rest, notes: Array.isArray(rest.notes) ? rest.notes : [] };
}
