import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import type { MappingPlan, PlanTable } from './mapping-plan.ts';
import { tableShape } from './table-shape.ts';

/**
 * Fields of a document that no column or child table of the plan takes (fields added to the index
 * after the mapping was generated, or absent from the sampled documents): reported as findings.
 * Child table elements are not walked; their own unknown fields are not reported.
 */
export function unmappedFields(plan: MappingPlan, table: PlanTable, source: JsonObject): string[] {
  const { covered, coveredParents } = tableShape(plan, table);
  const found: string[] = [];
  walk(source, '', covered, coveredParents, found);
  return found;
}

function walk(value: JsonValue, prefix: string, covered: ReadonlySet<string>, coveredParents: ReadonlySet<string>, found: string[]): void {
  if (!isJsonObject(value)) return;
  for (const key of Object.keys(value)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (covered.has(path)) continue;
    const child = value[key]!;
    if (child === null) continue;
    if (coveredParents.has(path)) {
      if (Array.isArray(child)) for (const element of child) walk(element, path, covered, coveredParents, found);
      else walk(child, path, covered, coveredParents, found);
      continue;
    }
    if (!found.includes(path)) found.push(path);
  }
}
