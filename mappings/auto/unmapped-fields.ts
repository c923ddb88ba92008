import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import { childTables, type MappingPlan, type PlanTable } from './mapping-plan.ts';

/** Dotted paths a table takes: its columns' fields and its child tables' arrays. */
function coveredPaths(plan: MappingPlan, table: PlanTable): string[] {
  const paths = table.columns.flatMap((c) => (c.field === undefined || c.field === '' ? [] : [c.field]));
  for (const child of childTables(plan, table)) paths.push(child.field!);
  return paths;
}

/**
 * Fields of a document that no column or child table of the plan takes (fields added to the index
 * after the mapping was generated, or absent from the sampled documents): reported as findings.
 * Child table elements are not walked; their own unknown fields are not reported.
 */
export function unmappedFields(plan: MappingPlan, table: PlanTable, source: JsonObject): string[] {
  const covered = coveredPaths(plan, table);
  const found: string[] = [];
  walk(source, '', covered, found);
  return found;
}

function walk(value: JsonValue, prefix: string, covered: string[], found: string[]): void {
  if (!isJsonObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (covered.includes(path)) continue;
    if (child === null) continue;
    if (covered.some((c) => c.startsWith(`${path}.`))) {
      for (const element of Array.isArray(child) ? child : [child]) walk(element, path, covered, found);
      continue;
    }
    if (!found.includes(path)) found.push(path);
  }
}
