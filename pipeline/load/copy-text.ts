import type { SqlValue } from '../../transforms/transform-result.ts';

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\\\n\r\t]/;

function escapeText(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/[\\\n\r\t]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t'));
}

function field(value: SqlValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'string') return escapeText(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value instanceof Uint8Array) return `\\\\x${Buffer.from(value).toString('hex')}`;
  throw new TypeError(`unexpected value for COPY: ${String(value)}`);
}

/** Rows in PostgreSQL's COPY text format (tab-separated, `\N` for NULL, backslash escapes). */
export function copyText(rows: readonly SqlValue[][]): string {
  let out = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      if (i > 0) out += '\t';
      out += field(row[i] ?? null);
    }
    out += '\n';
  }
  return out;
}
