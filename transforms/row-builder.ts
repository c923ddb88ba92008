import type { ColumnSchema } from '../schema/table-schema.ts';
import type { TargetCapabilities } from './target-capabilities.ts';
import type { Row, RowWrite, SqlValue } from './transform-result.ts';

/**
 * Builds one row for one table of the target, keeping only columns the target really has, so a
 * transform can state the full freezer-api mapping and the schema decides what lands (no
 * `user_name` on HEAD, no `supported_*` on layout A, …). Records the source path of each value for
 * the schema check's messages.
 */
export class RowBuilder {
  readonly table: string;
  readonly #columns: ReadonlyMap<string, ColumnSchema> | undefined;
  readonly #row: Row = {};
  readonly #fields: Record<string, string> = {};

  constructor(capabilities: TargetCapabilities, table: string) {
    this.table = table;
    this.#columns = capabilities.columns(table);
  }

  /** False when the target has no such table: nothing will be written. */
  get exists(): boolean {
    return this.#columns !== undefined;
  }

  /** Whether the target has this column. */
  has(column: string): boolean {
    return this.#columns?.has(column) ?? false;
  }

  /** The target's definition of a column. */
  column(column: string): ColumnSchema | undefined {
    return this.#columns?.get(column);
  }

  /** Sets a column when the target has it; `field` is the dotted source path of the value. */
  set(column: string, value: SqlValue, field?: string): this {
    if (this.#columns?.has(column) === true) {
      this.#row[column] = value;
      if (field !== undefined) this.#fields[column] = field;
    }
    return this;
  }

  /** `deleted` false, `deleted_at`/`updated_at` NULL, `created_at` as given (data contract §3.1.4). */
  bookkeeping(createdAt: Date): this {
    return this.set('created_at', createdAt).set('updated_at', null).set('deleted_at', null).set('deleted', false);
  }

  /** The row alone (for child rows). */
  row(): Row {
    return this.#row;
  }

  /** Source paths of the values set so far. */
  fields(): Readonly<Record<string, string>> {
    return this.#fields;
  }

  /** The write, or null when the target has no such table. */
  write(mode: RowWrite['mode']): RowWrite | null {
    if (this.#columns === undefined) return null;
    return { table: this.table, row: this.#row, mode, fields: this.#fields };
  }
}
