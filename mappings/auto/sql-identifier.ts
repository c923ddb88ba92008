import { createHash } from 'node:crypto';

/** Longest identifier every dialect accepts (PostgreSQL: 63 bytes; MySQL: 64 characters). */
const MAX_IDENTIFIER = 63;

/**
 * A field or index name as a portable SQL identifier: lower-case ASCII letters, digits and `_`,
 * not starting with a digit, at most 63 characters (longer names keep a short hash of the whole).
 */
export function sqlIdentifier(name: string): string {
  let id = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_(?!id$|index$)|_$/g, '');
  if (id === '') id = 'field';
  if (/^\d/.test(id)) id = `f_${id}`;
  if (id.length > MAX_IDENTIFIER) id = `${id.slice(0, MAX_IDENTIFIER - 9)}_${createHash('sha1').update(name).digest('hex').slice(0, 8)}`;
  return id;
}

/** A name not yet in `taken` (appends `_2`, `_3`, …), added to `taken`. */
export function uniqueName(base: string, taken: Set<string>): string {
  let name = base;
  for (let n = 2; taken.has(name); n += 1) name = `${base.slice(0, MAX_IDENTIFIER - String(n).length - 1)}_${n}`;
  taken.add(name);
  return name;
}

/** The table name for an index, pattern or alias: `orders-*` → `orders`, `logs-2024.01` → `logs_2024_01`. */
export function tableNameOfIndex(index: string): string {
  return sqlIdentifier(index.split(',')[0]!.replace(/[*?]/g, '').replace(/[-_.]+$/, ''));
}
