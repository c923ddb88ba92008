import { canonicalCell, type CanonicalCell } from './canonical-cell.ts';
import { childTables, type MappingPlan, type PlanTable } from './mapping-plan.ts';

/** A document as the plan stores it: canonical cells at their dotted field paths, arrays for child tables. */
export type ReadBack = { [field: string]: CanonicalCell | { lat: CanonicalCell; lon: CanonicalCell } | ReadBack[] };

/** Rows of one document read from SQL (or produced by the transform), by table name. */
export type DocumentRows = ReadonlyMap<string, readonly Record<string, unknown>[]>;

/**
 * Rebuilds the document a plan predicts from its rows: each column's canonical value at its field
 * path, geo_point columns joined into `{lat, lon}`, child rows as arrays in position order under
 * their parent. NULL cells are left out, so a missing field, `null` and `[]` read back alike.
 * Verify compares this for the source document (through the transform) and for the SQL rows.
 */
export function readBackDocument(plan: MappingPlan, root: PlanTable, rootRow: Record<string, unknown>, rows: DocumentRows): ReadBack {
  return elementOf(plan, root, rootRow, rows);
}

function keyMatches(row: Record<string, unknown>, parentRow: Record<string, unknown>, parentKey: string[]): boolean {
  return parentKey.every((column) => String(row[column]) === String(parentRow[column]));
}

function elementOf(plan: MappingPlan, table: PlanTable, row: Record<string, unknown>, rows: DocumentRows): ReadBack {
  const result: ReadBack = {};
  for (const column of table.columns) {
    if (column.field === undefined) continue;
    const cell = canonicalCell(column.kind, row[column.name]);
    if (cell === null) continue;
    const key = column.field === '' ? 'value' : column.field;
    if (column.kind === 'geo_lat' || column.kind === 'geo_lon') {
      const point = (result[key] ?? { lat: null, lon: null }) as { lat: CanonicalCell; lon: CanonicalCell };
      point[column.kind === 'geo_lat' ? 'lat' : 'lon'] = cell;
      result[key] = point;
    } else result[key] = cell;
  }
  for (const child of childTables(plan, table)) {
    const position = child.key[child.key.length - 1]!;
    const mine = (rows.get(child.name) ?? [])
      .filter((candidate) => keyMatches(candidate, row, table.key))
      .sort((a, b) => Number(a[position]) - Number(b[position]));
    if (mine.length > 0) result[child.field!] = mine.map((childRow) => ({ position: canonicalCell('position', childRow[position]), ...elementOf(plan, child, childRow, rows) }));
  }
  return result;
}

/** Field paths where two read-backs differ (empty: an exact copy). */
export function diffReadBacks(expected: ReadBack, actual: ReadBack, prefix = ''): string[] {
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(actual)])) {
    const a = expected[key];
    const b = actual[key];
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length) differences.push(`${path} (${a.length} elements expected, ${b.length} found)`);
      else a.forEach((element, index) => differences.push(...diffReadBacks(element, b[index]!, `${path}[${index}]`)));
    } else if (JSON.stringify(a) !== JSON.stringify(b)) differences.push(path);
  }
  return differences;
}
