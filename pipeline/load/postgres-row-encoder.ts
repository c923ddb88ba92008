import { dialectFacts } from '../../schema/dialect-facts.ts';
import { datetimeText } from './driver-values.ts';
import type { EncodedWrite } from './encoded-write.ts';
import type { RowEncoder } from './row-encoder.ts';
import type { TableWrite } from './table-write.ts';

const POSTGRES_VALUES = dialectFacts('postgres').valueEncoding;
const NEEDS_ESCAPE = /[\\\n\r\t]/;
const ESCAPES = /[\\\n\r\t]/g;
const escapeChar = (ch: string) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t');

const TAB = 0x09;
const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;
const LETTER_N = 0x4e;

/** The encoder's scratch: grown when a batch needs more, reused by every batch after. */
let scratch = Buffer.allocUnsafeSlow(1 << 20);

function ensure(used: number, more: number): void {
  if (used + more <= scratch.length) return;
  const grown = Buffer.allocUnsafeSlow(Math.max(scratch.length * 2, used + more));
  scratch.copy(grown, 0, 0, used);
  scratch = grown;
}

/** One value in COPY text form, converted as the bind path would (booleans, dates, bytes). */
function copyText(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (value instanceof Date) return datetimeText(value, POSTGRES_VALUES);
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex')}`;
  throw new TypeError(`unexpected value for COPY: ${String(value)}`);
}

/**
 * PostgreSQL: every write becomes COPY text, one UTF-8 buffer per table and batch. The fields are
 * written straight into a reused scratch buffer and copied out once: no per-field strings joined
 * into a large heap string (which, above 128 KiB, lives in the collector's large-object space),
 * and nothing for the COPY stream to encode again.
 */
export const postgresRowEncoder: RowEncoder = {
  encode(write: TableWrite): EncodedWrite {
    const width = write.columns.length;
    // Per column, the last string written and where its bytes are: a column that repeats its value
    // row after row (pipeline id, partition, status, project) copies those bytes instead of
    // escaping and encoding the text again.
    const previous = new Array<unknown>(width).fill(undefined);
    const starts = new Array<number>(width).fill(0);
    const ends = new Array<number>(width).fill(0);
    let used = 0;
    for (const row of write.rows) {
      for (let c = 0; c < width; c++) {
        const value = row[c];
        if (typeof value === 'string') {
          if (value === previous[c]) {
            const start = starts[c]!;
            const end = ends[c]!;
            ensure(used, end - start + 1);
            scratch.copyWithin(used, start, end);
            starts[c] = used;
            used += end - start;
            ends[c] = used;
          } else {
            const text = NEEDS_ESCAPE.test(value) ? value.replace(ESCAPES, escapeChar) : value;
            ensure(used, text.length * 3 + 1);
            starts[c] = used;
            used += scratch.write(text, used, 'utf8');
            ends[c] = used;
            previous[c] = value;
          }
        } else if (value === null || value === undefined) {
          ensure(used, 3);
          scratch[used++] = BACKSLASH;
          scratch[used++] = LETTER_N;
        } else {
          const text = copyText(value);
          ensure(used, text.length + 1);
          used += scratch.write(text, used, 'latin1');
        }
        scratch[used++] = c === width - 1 ? NEWLINE : TAB;
      }
    }
    return { kind: 'copy', table: write.table, columns: write.columns, primaryKey: write.primaryKey, mode: write.mode, rows: write.rows.length, text: Buffer.from(scratch.subarray(0, used)) };
  },
};
