import { sql, type RawBuilder } from 'kysely';
import type { AnyKysely } from './connect.ts';
import { dialectFacts } from './dialect-facts.ts';

/**
 * Whether a MySQL or MariaDB server, by its `VERSION()` text, has `JSON_TABLE`: MariaDB from 10.6,
 * MySQL from 8.0.4. Unknown texts count as without.
 */
export function versionHasJsonTable(version: string): boolean {
  // MariaDB may put a MySQL-compatible `5.5.5-` before its own version.
  const mariadb = /(\d+)\.(\d+)\.(\d+)-MariaDB/i.exec(version);
  if (mariadb !== null) return Number(mariadb[1]) > 10 || (Number(mariadb[1]) === 10 && Number(mariadb[2]) >= 6);
  const match = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (match === null || /mariadb/i.test(version)) return false;
  const [major, minor, patch] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return major > 8 || (major === 8 && (minor > 0 || patch >= 4));
}

/** Asks the server whether it has `JSON_TABLE` ({@link versionHasJsonTable}). */
export async function serverHasJsonTable(db: AnyKysely): Promise<boolean> {
  const { rows } = await sql<{ version: string }>`select version() as version`.execute(db);
  return versionHasJsonTable(String(rows[0]?.version ?? ''));
}

/** The longest text a {@link jsonTableOfIds} row holds: that of es2sql's id columns. */
export const JSON_TABLE_ID_LENGTH = 512;

/**
 * `JSON_TABLE` over a JSON array of ids, one row per id in column `id`, typed like es2sql's id
 * columns (case-sensitive) so that a join on them uses their index. Only for ids that are
 * well-formed Unicode and at most {@link JSON_TABLE_ID_LENGTH} characters ({@link fitsJsonTable}):
 * a longer one would be cut to the column's length and could match another id.
 *
 * On MariaDB a join with it looks up 1,000 ids in about half the time of `IN (…1,000 values)`,
 * which the server turns into a derived table or 1,000 ranges (BENCHMARKS.md).
 */
export function jsonTableOfIds(ids: readonly string[]): RawBuilder<unknown> {
  const type = sql.raw(dialectFacts('mysql').caseSensitiveVarchar(JSON_TABLE_ID_LENGTH));
  return sql`json_table(${JSON.stringify(ids)}, '$[*]' columns (id ${type} path '$'))`;
}

/** A UTF-16 surrogate without its other half (not Unicode: JSON text cannot carry it to the server as it is). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Whether {@link jsonTableOfIds} may carry these ids. */
export function fitsJsonTable(ids: readonly string[]): boolean {
  for (const id of ids) if (id.length > JSON_TABLE_ID_LENGTH || LONE_SURROGATE.test(id)) return false;
  return true;
}
