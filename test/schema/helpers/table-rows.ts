import { sql } from 'kysely';
import type { AnyKysely } from '../../../schema/connect.ts';

function normalise(value: unknown): unknown {
  // pg builds timestamp-without-time-zone Dates from local wall-clock fields; read them back the same way.
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, '0');
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())} ${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`;
  }
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
