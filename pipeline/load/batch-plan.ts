import type { TargetSchema } from '../../schema/table-schema.ts';
import type { Row, RowWrite, SqlValue } from '../../core/mapped-rows.ts';
import type { MappedDocument as Accepted } from '../mapping/mapping.ts';
import type { TableWrite } from './load-adapter.ts';
import type { ChildDelete } from '../batch/encoded-batch.ts';

/** The statements for one batch: child rows to clear first, then table writes in FK order. */
export interface BatchPlan {
  deletes: ChildDelete[];
  writes: TableWrite[];
  /** Rows written (all tables), for stats. */
  rowCount: number;
}

interface TableBucket {
  upserts: Map<string, Row>;
  ifAbsent: Map<string, Row>;
}

/** The row's primary-key values as one map key (NUL-separated), built without an array per row. */
function keyOf(row: Row, primaryKey: readonly string[]): string {
  let key = String(row[primaryKey[0]!]);
  for (let i = 1; i < primaryKey.length; i++) key += `\u0000${String(row[primaryKey[i]!])}`;
  return key;
}

/** The row's own keys are exactly `columns`, in that order (no array built). */
function hasColumns(row: Row, columns: readonly string[]): boolean {
  let i = 0;
  for (const name in row) {
    if (name !== columns[i]) return false;
    i++;
  }
  return i === columns.length;
}

function valuesOf(row: Row, columns: readonly string[]): SqlValue[] {
  const values: SqlValue[] = [];
  for (let i = 0; i < columns.length; i++) values.push(row[columns[i]!] ?? null);
  return values;
}

function toTableWrites(table: string, rows: Iterable<Row>, primaryKey: string[], mode: RowWrite['mode']): TableWrite[] {
  // Rows of one table normally share their columns; group by column set to stay correct if not.
  // A row with the previous row's columns joins its group without its signature being built.
  const groups = new Map<string, { columns: string[]; rows: SqlValue[][] }>();
  let last: { columns: string[]; rows: SqlValue[][] } | undefined;
  for (const row of rows) {
    if (last !== undefined && hasColumns(row, last.columns)) {
      last.rows.push(valuesOf(row, last.columns));
      continue;
    }
    const columns = Object.keys(row);
    const signature = columns.join(',');
    last = groups.get(signature);
    if (!last) {
      last = { columns, rows: [] };
      groups.set(signature, last);
    }
    last.rows.push(valuesOf(row, columns));
  }
  return [...groups.values()].map((g) => ({ table, columns: g.columns, rows: g.rows, primaryKey, mode }));
}

/**
 * Turns accepted transform outcomes into one batch's writes. Within a batch the same key is written
 * once: a later upsert wins over an earlier one, and an upsert wins over `insert-if-absent` (an
 * action document beats the copy rebuilt from a job entry), so PostgreSQL's ON CONFLICT never sees
 * a key twice and the result does not depend on document order inside the batch. Tables are
 * written in `tableOrder` (the mapping's, foreign-key safe; default: the schema's table order),
 * tables not listed last.
 */
export function planBatch(accepted: readonly Accepted[], schema: TargetSchema, tableOrder: readonly string[]): BatchPlan {
  const tableRank = (table: string): number => {
    const rank = tableOrder.indexOf(table);
    return rank === -1 ? tableOrder.length : rank;
  };
  const buckets = new Map<string, TableBucket>();
  const deletes = new Map<string, { table: string; column: string; values: Set<string>; where?: { column: string; value: string }[] }>();
  const primaryKeyOf = (table: string): string[] => {
    const pk = schema.tables[table]?.primaryKey;
    if (!pk || pk.length === 0) throw new Error(`table ${table} has no primary key in the target schema`);
    return pk;
  };
  const bucketOf = (table: string): TableBucket => {
    let bucket = buckets.get(table);
    if (!bucket) {
      bucket = { upserts: new Map(), ifAbsent: new Map() };
      buckets.set(table, bucket);
    }
    return bucket;
  };

  for (const outcome of accepted) {
    for (const write of outcome.writes) {
      const bucket = bucketOf(write.table);
      const key = keyOf(write.row, primaryKeyOf(write.table));
      if (write.mode === 'upsert') {
        bucket.upserts.set(key, write.row);
        bucket.ifAbsent.delete(key);
      } else if (!bucket.upserts.has(key) && !bucket.ifAbsent.has(key)) {
        bucket.ifAbsent.set(key, write.row);
      }
    }
    for (const child of outcome.children) {
      const scope = child.parentScope;
      const deleteKey = scope === undefined ? `${child.table}\u0000${child.parentColumn}` : `${child.table}\u0000${child.parentColumn}\u0000${scope.column}\u0000${scope.value}`;
      let pending = deletes.get(deleteKey);
      if (!pending) {
        pending = { table: child.table, column: child.parentColumn, values: new Set(), ...(scope === undefined ? {} : { where: [scope] }) };
        deletes.set(deleteKey, pending);
      }
      pending.values.add(child.parentId);
      const bucket = bucketOf(child.table);
      const pk = primaryKeyOf(child.table);
      for (const row of child.rows) bucket.upserts.set(keyOf(row, pk), row);
    }
  }

  const writes: TableWrite[] = [];
  let rowCount = 0;
  for (const table of [...buckets.keys()].sort((a, b) => tableRank(a) - tableRank(b))) {
    const bucket = buckets.get(table)!;
    const pk = primaryKeyOf(table);
    if (bucket.ifAbsent.size > 0) writes.push(...toTableWrites(table, bucket.ifAbsent.values(), pk, 'insert-if-absent'));
    if (bucket.upserts.size > 0) writes.push(...toTableWrites(table, bucket.upserts.values(), pk, 'upsert'));
    rowCount += bucket.ifAbsent.size + bucket.upserts.size;
  }
  return {
    deletes: [...deletes.values()].map((d) => ({ table: d.table, column: d.column, values: [...d.values], ...(d.where === undefined ? {} : { where: d.where }) })),
    writes,
    rowCount,
  };
}
