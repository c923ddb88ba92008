/** A column of a text table: header, and whether numbers line up on the right. */
export interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

/**
 * Rows as an aligned plain-text table (two spaces between columns, header underlined with
 * dashes). Cells are strings or numbers; numbers get thousands separators.
 */
export function textTable(columns: readonly TableColumn[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  const cell = (value: string | number | null | undefined) => (value === null || value === undefined ? '' : typeof value === 'number' ? value.toLocaleString('en-US') : value);
  const body = rows.map((row) => columns.map((_, i) => cell(row[i])));
  const widths = columns.map((column, i) => Math.max(column.header.length, ...body.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells.map((text, i) => (columns[i]!.align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(columns.map((column) => column.header)), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)].join('\n');
}
