import type { TableWrite } from './table-write.ts';
import type { EncodedWrite } from './encoded-write.ts';
import type { RowEncoder } from './row-encoder.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { datetimeText } from './driver-values.ts';

const POSTGRES_VALUES = dialectFacts('postgres').valueEncoding;

const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES = /[\\\n\r\t]/g;
const escapeChar = (ch: string) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t');

/** One value in COPY text form, converted as the bind path would (booleans, dates, bytes). */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, escapeChar) : value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return datetimeText(value, POSTGRES_VALUES);
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  throw new TypeError(`unexpected value for COPY: ${String(value)}`);
}

/** PostgreSQL: every write becomes COPY text (one string per table and batch). */
export const postgresRowEncoder: RowEncoder = {
  encode(write: TableWrite): EncodedWrite {
    const parts: string[] = [];
    const width = write.columns.length;
    for (const row of write.rows) {
      let line = copyField(row[0]);
      for (let c = 1; c < width; c++) line += '\t' + copyField(row[c]);
      parts.push(line);
    }
    parts.push('');
    return { kind: 'copy', table: write.table, columns: write.columns, primaryKey: write.primaryKey, mode: write.mode, rows: write.rows.length, text: parts.join('\n') };
  },
};
