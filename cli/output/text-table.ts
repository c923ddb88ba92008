/** A column of a text table: header, and whether numbers line up on the right. */
export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

/**
 * A number as `toLocaleString('en-US')` writes it. Safe integers (every count in es2sql's tables)
 * get their separators here: the first `toLocaleString` of a process sets ICU's number formatting
 * up, 50 ms of every command's CPU for one summary table.
 */
export function withSeparators(value: number): string {
  if (!Number.isSafeInteger(value) || Object.is(value, -0)) return value.toLocaleString('en-US');
  const digits = String(Math.abs(value));
  let text = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = text.length; i < digits.length; i += 3) text += `,${digits.slice(i, i + 3)}`;
  return value < 0 ? `-${text}` : text;
}

/**
 * Rows as an aligned plain-text table (two spaces between columns, header underlined with
 * dashes). Cells are strings or numbers; numbers get thousands separators.
 */
export function textTable(columns: readonly TableColumn[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const cell = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : typeof value === 'number' ? withSeparators(value) : value);
  const body = rows.map((row) => columns.map((_, i) => cell(row[i])));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((text, i) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
