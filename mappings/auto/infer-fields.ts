import type { DataProfile } from './data-profile.ts';
import type { EsField, IndexMapping } from './es-field.ts';

const ISO_SHAPE = /^9999-99-99(?:T99:99(?::99(?:\.9+)?)?(?:Z|[+-]99:?99)?)?$/;

/**
 * Fields inferred from data alone, for a dump without its `_mapping` (an NDJSON file with no
 * `<name>.mapping.json` beside it), the way ES's dynamic mapping would: ISO-8601 strings → date,
 * other strings → keyword, integers → long, fractions → double, booleans, objects → object,
 * arrays of objects → nested.
 */
export function inferMapping(index: string, type: string | null, profile: DataProfile): IndexMapping {
  const root: EsField[] = [];
  const byPath = new Map<string, EsField>();
  for (const [path, stats] of [...profile.fields.entries()].sort(([a], [b]) => a.split('.').length - b.split('.').length)) {
    const name = path.slice(path.lastIndexOf('.') + 1);
    const parentPath = path.includes('.') ? path.slice(0, path.lastIndexOf('.')) : '';
    const parent = parentPath === '' ? undefined : byPath.get(parentPath);
    if (parentPath !== '' && parent === undefined) continue;
    let fieldType: string;
    if (stats.kinds.has('object')) fieldType = stats.objectsInArrays > 0 ? 'nested' : 'object';
    else if (stats.kinds.has('string')) fieldType = stats.kinds.size === 1 || (stats.kinds.size === 2 && stats.kinds.has('array')) ? ([...stats.shapes].every((s) => ISO_SHAPE.test(s)) && stats.shapes.size > 0 ? 'date' : 'keyword') : 'keyword';
    else if (stats.kinds.has('number')) fieldType = stats.maxScale > 0 ? 'double' : 'long';
    else if (stats.kinds.has('boolean')) fieldType = 'boolean';
    else continue;
    const field: EsField = { name, path, type: fieldType };
    if (fieldType === 'object' || fieldType === 'nested') field.properties = [];
    byPath.set(path, field);
    (parent?.properties ?? root).push(field);
  }
  return { index, type, fields: root, notes: [{ field: '*', note: 'no _mapping given: field types inferred from the data as ES dynamic mapping would' }], copyTargets: [] };
}
