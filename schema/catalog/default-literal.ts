import type { ColumnType } from '../table-schema.ts';

/**
 * Reads a column DEFAULT as the catalogs report it (`'available'::character varying`, `'available'`,
 * `0`, `false`, `(0)`, MariaDB's `NULL` for "DEFAULT NULL") into a plain value; undefined means no
 * default (DEFAULT NULL counts as none, as freezer-api's columns have it).
 */
export function parseDefaultLiteral(raw: string | null | undefined, type: ColumnType): string | number | boolean | undefined {
  if (raw === null || raw === undefined) return undefined;
  let text = raw.trim();
  while (text.startsWith('(') && text.endsWith(')')) text = text.slice(1, -1).trim();
  text = text.replace(/::[a-z ]+(\(\d+\))?$/i, '');
  if (text === '' || /^null$/i.test(text)) return undefined;
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  const value = quoted?.[1] !== undefined ? quoted[1].replace(/''/g, "'") : text;
  if (type === 'boolean') {
    if (/^(false|0|'0')$/i.test(value)) return false;
    if (/^(true|1|'1')$/i.test(value)) return true;
  }
  if (type === 'integer' && /^-?\d+$/.test(value)) return Number(value);
  return value;
}
