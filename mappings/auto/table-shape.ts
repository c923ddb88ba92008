import { childTables, type MappingPlan, type PlanTable } from './mapping-plan.ts';

/** What the auto transform needs of one plan table for every document, worked out once per table. */
export interface TableShape {
  /** The table's child tables, in plan order. */
  children: readonly PlanTable[];
  /** The rows are an array's scalar elements (a column reads the element itself, field `''`). */
  scalarElements: boolean;
  /** Dotted paths the table takes: its columns' fields and its child tables' arrays. */
  covered: ReadonlySet<string>;
  /** Every path a covered path continues (`a` and `a.b` of `a.b.c`). */
  coveredParents: ReadonlySet<string>;
  /** The source path of each column for rows read under `prefix` (RowWrite.fields), shared and frozen. */
  fieldsUnder(prefix: string): Readonly<Record<string, string>>;
}

const SHAPES = new WeakMap<MappingPlan, { tables: readonly PlanTable[]; shapes: Map<PlanTable, TableShape> }>();

/**
 * The {@link TableShape} of a table of `plan`, computed on first use. A plan is not changed once
 * compiled; should its table list be replaced, the shapes are worked out again.
 */
export function tableShape(plan: MappingPlan, table: PlanTable): TableShape {
  let cache = SHAPES.get(plan);
  if (cache === undefined || cache.tables !== plan.tables) {
    cache = { tables: plan.tables, shapes: new Map() };
    SHAPES.set(plan, cache);
  }
  let shape = cache.shapes.get(table);
  if (shape === undefined) {
    shape = shapeOf(plan, table);
    cache.shapes.set(table, shape);
  }
  return shape;
}

function shapeOf(plan: MappingPlan, table: PlanTable): TableShape {
  const children = childTables(plan, table);
  const covered = new Set<string>();
  for (const column of table.columns) if (column.field !== undefined && column.field !== '') covered.add(column.field);
  for (const child of children) covered.add(child.field!);
  const coveredParents = new Set<string>();
  for (const path of covered) for (let dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', dot + 1)) coveredParents.add(path.slice(0, dot));
  const fields = new Map<string, Readonly<Record<string, string>>>();
  return {
    children,
    scalarElements: table.columns.some((column) => column.field === ''),
    covered,
    coveredParents,
    fieldsUnder(prefix) {
      let byColumn = fields.get(prefix);
      if (byColumn === undefined) {
        const record: Record<string, string> = {};
        for (const column of table.columns) if (column.field !== undefined) record[column.name] = prefix + column.field;
        byColumn = Object.freeze(record);
        fields.set(prefix, byColumn);
      }
      return byColumn;
    },
  };
}
