import type { MappingPlan, PlanColumn, PlanTable } from './mapping-plan.ts';

/** How a column is typed, in a few characters: `string(40)`, `string`, `date`, `decimal(2)`. */
function columnType(column: PlanColumn): string {
  const size = column.kind === 'string' ? column.length : column.kind === 'decimal' ? column.scale : undefined;
  const override = column.sqlType === undefined ? '' : ` ${JSON.stringify(column.sqlType)}`;
  return `${column.kind}${size === undefined ? '' : `(${size})`}${override}`;
}

function tableShape(table: PlanTable): string {
  return JSON.stringify({ parent: table.parent, documentType: table.documentType, field: table.field, key: table.key });
}

/**
 * What differs between the tables of two plans, one short clause per difference (at most `limit`,
 * then how many more): tables and columns added or gone, columns typed or read differently. Empty
 * when both plans create the same tables and fill them the same way; where a plan came from (its
 * `source`) and its notes do not count.
 */
export function planDifferences(from: MappingPlan, to: MappingPlan, limit = 3): string[] {
  const differences: string[] = [];
  const before = new Map(from.tables.map((table) => [table.name, table]));
  const after = new Map(to.tables.map((table) => [table.name, table]));
  for (const table of to.tables) {
    const old = before.get(table.name);
    if (old === undefined) {
      differences.push(`table ${table.name} added`);
      continue;
    }
    if (tableShape(old) !== tableShape(table)) differences.push(`table ${table.name} keyed or nested differently`);
    const oldColumns = new Map(old.columns.map((column) => [column.name, column]));
    for (const column of table.columns) {
      const was = oldColumns.get(column.name);
      if (was === undefined) differences.push(`${table.name}.${column.name} added`);
      else if (columnType(was) !== columnType(column)) differences.push(`${table.name}.${column.name}: ${columnType(was)} → ${columnType(column)}`);
      else if (JSON.stringify([was.field, was.formats]) !== JSON.stringify([column.field, column.formats])) differences.push(`${table.name}.${column.name} read differently`);
    }
    for (const column of old.columns) if (!table.columns.some((c) => c.name === column.name)) differences.push(`${table.name}.${column.name} gone`);
  }
  for (const table of from.tables) if (!after.has(table.name)) differences.push(`table ${table.name} gone`);
  if (differences.length <= limit) return differences;
  return [...differences.slice(0, limit), `${differences.length - limit} more`];
}
