import { isJsonObject, type JsonObject, type JsonValue } from '../../core/json-value.ts';
import type { EsField, IndexMapping, MappingNote } from './es-field.ts';

/** Mapping keys that are settings of a type, not fields (1.x–6.x typed mappings). */
const TYPE_LEVEL_KEYS = new Set(['properties', 'dynamic', '_source', '_all', '_meta', 'dynamic_templates', 'date_detection', 'numeric_detection', 'runtime', '_routing', '_parent', '_timestamp', '_ttl', '_field_names', 'dynamic_date_formats', 'enabled', 'include_in_all', '_size', 'transform']);

/** Type names on a typed `mappings` object that hold no documents. */
const IGNORED_TYPES = new Set(['_default_']);

/**
 * Reads the answer of `GET <index>/_mapping` of any version into one {@link IndexMapping} per
 * index and `_type`:
 * - 7.x+ / OpenSearch: `{ idx: { mappings: { properties } } }` (typeless);
 * - 6.x typed, 5.x, 2.x and 1.x: `{ idx: { mappings: { <type>: { properties } } } }`;
 * - 7.x with `include_type_name` / 6.x `_doc`: the single type `_doc` is read as typeless.
 * Multi-fields (`fields`) are one column, not several; `copy_to` targets and `runtime` fields hold
 * no `_source` value and are noted, not migrated.
 */
export function readIndexMappings(answer: JsonValue): IndexMapping[] {
  if (!isJsonObject(answer)) throw new Error('the _mapping answer is not a JSON object');
  const result: IndexMapping[] = [];
  for (const [index, body] of Object.entries(answer).sort(([a], [b]) => a.localeCompare(b))) {
    if (!isJsonObject(body)) continue;
    const mappings = isJsonObject(body['mappings']) ? body['mappings'] : body;
    if (isTypeless(mappings)) {
      result.push(readType(index, null, mappings));
      continue;
    }
    // Types in name order: Elasticsearch 1.x/2.x answer them in no fixed order, and the plan (its
    // tables, the generated file) must not change from one read to the next.
    for (const [type, typeBody] of Object.entries(mappings).sort(([a], [b]) => a.localeCompare(b))) {
      if (IGNORED_TYPES.has(type) || !isJsonObject(typeBody)) continue;
      result.push(readType(index, type === '_doc' ? null : type, typeBody));
    }
  }
  return result;
}

function isTypeless(mappings: JsonObject): boolean {
  const keys = Object.keys(mappings);
  return keys.length === 0 || keys.some((key) => TYPE_LEVEL_KEYS.has(key));
}

function readType(index: string, type: string | null, body: JsonObject): IndexMapping {
  const notes: MappingNote[] = [];
  const properties = isJsonObject(body['properties']) ? body['properties'] : {};
  const copyTargets: string[] = [];
  const fields = readProperties(properties, '', notes, copyTargets);
  if (isJsonObject(body['runtime'])) {
    for (const name of Object.keys(body['runtime'])) notes.push({ field: name, note: 'runtime field: computed at search time, not stored in _source; skipped' });
  }
  return { index, type, fields, notes, copyTargets: [...new Set(copyTargets)] };
}

function readProperties(properties: JsonObject, prefix: string, notes: MappingNote[], copyTargets: string[]): EsField[] {
  const fields: EsField[] = [];
  for (const [name, spec] of Object.entries(properties)) {
    if (!isJsonObject(spec)) continue;
    const path = prefix === '' ? name : `${prefix}.${name}`;
    fields.push(readField(name, path, spec, notes, copyTargets));
  }
  return fields;
}

function readField(name: string, path: string, spec: JsonObject, notes: MappingNote[], copyTargets: string[]): EsField {
  const declared = typeof spec['type'] === 'string' ? spec['type'] : undefined;
  const type = declared ?? 'object';
  const field: EsField = { name, path, type };
  if (typeof spec['format'] === 'string') field.formats = spec['format'].split('||').map((f) => f.trim()).filter((f) => f !== '');
  if (spec['scaling_factor'] !== undefined) field.scalingFactor = Number(spec['scaling_factor']);
  if (type === 'keyword' || spec['index'] === 'not_analyzed') field.exactTerm = true;
  if (type === 'object' || type === 'nested') {
    field.properties = readProperties(isJsonObject(spec['properties']) ? spec['properties'] : {}, path, notes, copyTargets);
    if (spec['enabled'] === false) field.disabled = true;
  }
  const copyTo = spec['copy_to'];
  if (copyTo !== undefined) {
    const targets = Array.isArray(copyTo) ? copyTo.map(String) : [String(copyTo)];
    copyTargets.push(...targets);
    notes.push({ field: path, note: `copy_to ${targets.join(', ')}: the copies exist only in the ES index, not in _source; the target field${targets.length > 1 ? 's are' : ' is'} skipped` });
  }
  if (isJsonObject(spec['fields'])) {
    const subs = Object.keys(spec['fields']);
    if (subs.length > 0) notes.push({ field: path, note: `multi-field (${subs.map((s) => `${path}.${s}`).join(', ')}): one column, the sub-fields index the same value` });
  }
  return field;
}

