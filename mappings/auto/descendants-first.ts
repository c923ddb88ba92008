import type { MappingPlan, PlanTable } from './mapping-plan.ts';

/** `root` and every table under it, deepest first (the order rows are deleted in). */
export function descendantsFirst(plan: MappingPlan, root: PlanTable): PlanTable[] {
  const order: PlanTable[] = [];
  const walk = (table: PlanTable) => {
    for (const child of plan.tables.filter((t) => t.parent === table.name)) walk(child);
    order.push(table);
  };
  walk(root);
  return order;
}
