import { sql } from 'kysely';
import type { AnyKysely } from '../../../schema/connect.ts';

function normalise(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (value instanceof Uint8Array) return `0x${Buffer.from(value).toString('hex')}`;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Every row of a table as plain values (booleans as 0/1, dates as text), ordered by `orderBy`. */
export async function tableRows(db: AnyKysely, table: string, orderBy: string[] = ['id']): Promise<Record<string, unknown>[]> {
  const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)} order by ${sql.join(orderBy.map((c) => sql.ref(c)))}`.execute(db);
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, normalise(v)])));
}
