import type { EsField, MappingNote } from './es-field.ts';

const NUMERIC_RANK: Record<string, number> = { byte: 1, short: 2, integer: 3, long: 4, unsigned_long: 5, float: 6, half_float: 6, double: 7, scaled_float: 8 };

/**
 * Merges the field lists of several indices behind one pattern or alias into one list: union of
 * fields, sub-fields merged recursively. Conflicting types are resolved to a type that holds both
 * (wider number, string for mixed scalars, JSON otherwise), and reported.
 */
export function mergeFields(lists: EsField[][]): { fields: EsField[]; notes: MappingNote[] } {
  const notes: MappingNote[] = [];
  let merged: EsField[] = [];
  for (const list of lists) merged = mergeTwo(merged, list, notes);
  return { fields: merged, notes };
}

function mergeTwo(left: EsField[], right: EsField[], notes: MappingNote[]): EsField[] {
  const result = left.map((f) => ({ ...f }));
  for (const field of right) {
    const index = result.findIndex((f) => f.name === field.name);
    if (index < 0) {
      result.push(field);
      continue;
    }
    result[index] = mergeField(result[index]!, field, notes);
  }
  return result;
}

function mergeField(a: EsField, b: EsField, notes: MappingNote[]): EsField {
  if (a.type === b.type) {
    const merged: EsField = { ...a };
    if (a.properties || b.properties) merged.properties = mergeTwo(a.properties ?? [], b.properties ?? [], notes);
    if (a.formats || b.formats) merged.formats = [...new Set([...(a.formats ?? []), ...(b.formats ?? [])])];
    if (a.type === 'scaled_float') merged.scalingFactor = Math.max(a.scalingFactor ?? 1, b.scalingFactor ?? 1);
    return merged;
  }
  const rankA = NUMERIC_RANK[a.type];
  const rankB = NUMERIC_RANK[b.type];
  let type: string;
  if (rankA !== undefined && rankB !== undefined) type = rankA >= rankB ? a.type : b.type;
  else if ((a.type === 'object') !== (b.type === 'object') || a.type === 'nested' || b.type === 'nested') type = 'json_conflict';
  else type = 'keyword';
  notes.push({ field: a.path, note: `mapped as ${a.type} in one index and ${b.type} in another: read as ${type === 'json_conflict' ? 'JSON' : type}` });
  const merged: EsField = { name: a.name, path: a.path, type };
  if (type === b.type && b.scalingFactor !== undefined) merged.scalingFactor = b.scalingFactor;
  if (type === a.type && a.scalingFactor !== undefined) merged.scalingFactor = a.scalingFactor;
  return merged;
}
