import type { EsField } from './es-field.ts';
import type { ColumnKind } from './mapping-plan.ts';

const STRING_TYPES = new Set(['keyword', 'constant_keyword', 'wildcard', 'version', 'text', 'match_only_text', 'string', 'search_as_you_type', 'semantic_text']);
const FULL_TEXT_TYPES = new Set(['text', 'match_only_text', 'search_as_you_type', 'semantic_text']);
const DOUBLE_TYPES = new Set(['double', 'float', 'half_float']);
const INTEGER_TYPES = new Set(['integer', 'short', 'byte']);

/** Types with no value of their own in `_source` (aliases, token counts): never columns. */
export const SOURCELESS_TYPES = new Set(['alias', 'token_count', 'murmur3']);

/** The column kind of a leaf ES field; `json` with a reason for everything without a typed column. */
export function kindOfEsType(field: EsField): { kind: Exclude<ColumnKind, 'id' | 'index' | 'position' | 'geo_lat' | 'geo_lon'> | 'geo_point'; why?: string } {
  const type = field.type;
  if (STRING_TYPES.has(type)) return { kind: 'string' };
  if (type === 'long') return { kind: 'long' };
  if (INTEGER_TYPES.has(type)) return { kind: 'integer' };
  if (type === 'unsigned_long') return { kind: 'unsigned_long' };
  if (type === 'scaled_float') return { kind: 'decimal' };
  if (DOUBLE_TYPES.has(type)) return { kind: 'double' };
  if (type === 'boolean') return { kind: 'boolean' };
  if (type === 'date' || type === 'date_nanos') return { kind: 'date' };
  if (type === 'ip') return { kind: 'ip' };
  if (type === 'geo_point') return { kind: 'geo_point' };
  if (type === 'binary') return { kind: 'binary' };
  if (type === 'flattened' || type === 'flat_object') return { kind: 'json', why: `${type}: arbitrary keys, kept as JSON` };
  if (type.endsWith('_range')) return { kind: 'json', why: `${type}: a range object, kept as JSON` };
  if (type === 'geo_shape' || type === 'shape' || type === 'point') return { kind: 'json', why: `${type}: a GeoJSON/WKT value, kept as JSON` };
  if (type === 'object' && field.disabled) return { kind: 'json', why: 'object with "enabled": false, kept as JSON' };
  return { kind: 'json', why: `type "${type}" has no typed column in es2sql, kept as JSON` };
}

/** True when a string field is full text (no length limit is chosen from the data). */
export function isFullText(field: EsField): boolean {
  return FULL_TEXT_TYPES.has(field.type) || (field.type === 'string' && !field.exactTerm);
}
