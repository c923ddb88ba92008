/*
 * The rows a mapping's transform produces, shared by every mapping, the loader and the reports.
 */

/** A value bound to a SQL parameter. Dialect adapters convert booleans and dates. */
export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array;
export type Row = Record<string, SqlValue>;

/** One row to write. */
export interface RowWrite {
  table: string;
  row: Row;
  /**
   * `upsert` replaces a row with the same primary key (the document's own row);
   * `insert-if-absent` leaves an existing row untouched (an action rebuilt from a job entry must
   * not overwrite the action document itself).
   */
  mode: 'upsert' | 'insert-if-absent';
  /**
   * Dotted source path (in `_source`) of the value of each column, where there is one, e.g.
   * `{ backup_name: 'freezer_action.backup_name' }`. Used by `checkAgainstSchema` to name the
   * offending field of a rejected row; optional for writers that have no source paths.
   */
  fields?: Readonly<Record<string, string>>;
}

/** Child rows owned by one parent row, replaced as a set (e.g. a job's `job_actions` links). */
export interface ChildRows {
  table: string;
  parentColumn: string;
  parentId: string;
  /**
   * When the parent's key has a second column (the auto mapping's `_index` beside `_id`, several
   * indices feeding one table): only child rows with this value in that column are replaced.
   */
  parentScope?: { column: string; value: string };
  rows: Row[];
  /** Source paths per row (same index as `rows`), as in {@link RowWrite.fields}. Optional. */
  fields?: ReadonlyArray<Readonly<Record<string, string>>>;
}

/** A normalisation applied to a migrated document, or a hazard worth reporting. */
export interface Finding {
  /** Stable code, e.g. `v1_document_without_project`, `hostname_filled`, `string_coerced_to_integer`. */
  code: string;
  /** Dotted path of the source field concerned, when there is one. */
  field?: string;
  detail: string;
}
