import type { TargetSchema } from '../../schema/table-schema.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** Turns a column value into the form the database compares it in. */
export type KeyNormaliser = (table: string, column: string, value: string) => string;

function foldCaseAndAccents(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * How the target compares key values, so two documents the database would see as the same key
 * count once. PostgreSQL and SQLite compare exactly. MySQL compares with the column's collation:
 * `_bin` exactly; the `_ci` collations freezer-api's tables get by default ignore case and accents
 * (approximated by Unicode case folding and stripping combining marks) and, unless `_nopad_`,
 * trailing spaces. A column without a known collation is taken to use the charset's `_general_ci` default.
 */
export function keyNormaliser(schema: TargetSchema): KeyNormaliser {
  if (!dialectFacts(schema.dialect).keysFollowCollation) return (_table, _column, value) => value;
  const collations = new Map<string, string>();
  for (const table of Object.values(schema.tables)) {
    for (const column of table.columns) collations.set(`${table.name}.${column.name}`, column.collation ?? table.collation ?? 'general_ci');
  }
  return (table, column, value) => {
    const collation = collations.get(`${table}.${column}`) ?? 'general_ci';
    if (collation.endsWith('_bin') || collation.endsWith('_cs')) return value;
    const folded = foldCaseAndAccents(value);
    return collation.includes('_nopad_') ? folded : folded.replace(/ +$/, '');
  };
}
