/** SQL dialects es2sql writes to. */
export const DIALECTS = ['postgres', 'mysql', 'sqlite'] as const;
export type Dialect = (typeof DIALECTS)[number];

/** True for the name of a dialect es2sql writes to. */
export function isDialect(value: string): value is Dialect {
  return (DIALECTS as readonly string[]).includes(value);
}
