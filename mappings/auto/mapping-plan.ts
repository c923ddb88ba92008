import type { Dialect } from '../../schema/dialect.ts';

/**
 * How a column's values are converted and typed. The SQL type per dialect follows from the kind
 * (and `length`/`scale`) through {@link columnSqlType}; an edited plan may override it.
 */
export type ColumnKind =
  /** `_id` of the document (root and child tables). */
  | 'id'
  /** `_index` of the document, when several indices feed one table. */
  | 'index'
  /** Position of an element in its array (child tables). */
  | 'position'
  | 'string'
  | 'integer'
  | 'long'
  | 'unsigned_long'
  | 'decimal'
  | 'double'
  | 'boolean'
  | 'date'
  | 'ip'
  | 'geo_lat'
  | 'geo_lon'
  | 'binary'
  | 'json';

export const COLUMN_KINDS: readonly ColumnKind[] = ['id', 'index', 'position', 'string', 'integer', 'long', 'unsigned_long', 'decimal', 'double', 'boolean', 'date', 'ip', 'geo_lat', 'geo_lon', 'binary', 'json'];

/** One column of a planned table and the source field it is read from. */
export interface PlanColumn {
  name: string;
  kind: ColumnKind;
  /**
   * Dotted path of the value inside the table's element (the document for the root table, one
   * array element for a child table); `''` for an array of scalars' own element; absent for
   * key columns.
   */
  field?: string;
  /** ES type of the field, as the mapping says (`keyword`, `scaled_float`, …). */
  esType?: string;
  /** VARCHAR length for `string` (absent: unbounded text). */
  length?: number;
  /** Digits after the point for `decimal` on dialects that need a scale (MySQL). */
  scale?: number;
  /** Date formats tried in order (`date` kind). */
  formats?: string[];
  /** Per-dialect SQL type written in place of the derived one (an edit of the plan file). */
  sqlType?: Partial<Record<Dialect, string>>;
}

/** One planned table: the document table or a child table of array elements. */
export interface PlanTable {
  name: string;
  /** Parent table name; absent for a document table. */
  parent?: string;
  /**
   * `_type` whose documents this document table takes, on a multi-type 1.x–5.x index (one table
   * per type); absent when the table takes every document.
   */
  documentType?: string;
  /** Dotted path of the array inside the parent's element (child tables). */
  field?: string;
  /** Why this is a child table (`nested field`, `array of objects in the data`, `array of scalars`). */
  why?: string;
  /** Key columns in order: `_index`? `_id`, then one position per array level. */
  key: string[];
  columns: PlanColumn[];
}

/** A field the plan does not migrate as typed columns, or stores as JSON, with the reason. */
export interface PlanNote {
  field: string;
  note: string;
}

/** The editable mapping that `--mapping auto` derives and `mapping generate` writes to a file. */
export interface MappingPlan {
  format: 'es2sql-mapping/1';
  /** Where the plan came from: the index named, the indices behind it, documents scanned. */
  source: { index: string; indices: string[]; documentsScanned: number; scan: 'sample' | 'all' };
  /** Tables in write order: every parent before its children. */
  tables: PlanTable[];
  /** Fields skipped (copy_to targets, runtime fields) and fields kept as JSON, reported. */
  notes: PlanNote[];
}

/** Document tables of a plan: one, or one per `_type` of a multi-type index. */
export function rootTables(plan: MappingPlan): PlanTable[] {
  return plan.tables.filter((table) => table.parent === undefined);
}

/** The document table that takes documents of `_type` `type` (`null`: typeless), if any. */
export function rootTableFor(plan: MappingPlan, type: string | null): PlanTable | undefined {
  const roots = rootTables(plan);
  return roots.find((table) => table.documentType !== undefined && table.documentType === type) ?? roots.find((table) => table.documentType === undefined);
}

/**
 * The SQL id of a document's row, as the pipeline's state and verify know it: its `_id`, or
 * `<_index>/<_id>` when several indices feed the table (an index name never holds a `/`).
 */
export function planSqlId(root: PlanTable, index: string, id: string): string {
  return root.key.includes('_index') ? `${index}/${id}` : id;
}

/** The `_index` and `_id` of a {@link planSqlId}. */
export function splitPlanSqlId(root: PlanTable, sqlId: string): { index: string | null; id: string } {
  if (!root.key.includes('_index')) return { index: null, id: sqlId };
  const slash = sqlId.indexOf('/');
  return { index: sqlId.slice(0, slash), id: sqlId.slice(slash + 1) };
}

/** Child tables of `table`, in plan order. */
export function childTables(plan: MappingPlan, table: PlanTable): PlanTable[] {
  return plan.tables.filter((candidate) => candidate.parent === table.name);
}
