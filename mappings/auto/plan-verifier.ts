import { sql } from 'kysely';
import type { ApiDocument } from '../../core/canonical-json.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { UNCLASSIFIED, type Expectation, type ReadBackDocument, type Verifier } from '../../pipeline/mapping/mapping.ts';
import { recordExpectations } from '../../pipeline/mapping/document-verifier.ts';
import type { VerifyLedger } from '../../pipeline/verify/verify-ledger.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { AutoDialect } from './auto-dialect.ts';
import { planSqlId, rootTables, splitPlanSqlId, type MappingPlan, type PlanTable } from './mapping-plan.ts';
import { readBackDocument } from './read-back-document.ts';
import { transformWithPlan, type PlanOutcome } from './transform-with-plan.ts';

const CHUNK = 500;

/** Every table under `table` (children, grandchildren…), in plan order. */
function descendants(plan: MappingPlan, table: PlanTable): PlanTable[] {
  const result: PlanTable[] = [];
  const walk = (parent: string) => {
    for (const child of plan.tables.filter((t) => t.parent === parent)) {
      result.push(child);
      walk(child.name);
    }
  };
  walk(table.name);
  return result;
}

/** Key columns of a document: `_id`, with `_index` first when several indices feed the table. */
function documentKey(root: PlanTable): string[] {
  return root.key.includes('_index') ? ['_index', '_id'] : ['_id'];
}

function selectSql(table: PlanTable, auto: AutoDialect, where: string, order: readonly string[], limit?: number): string {
  const columns = table.columns.map((column) => auto.readExpression(column)).join(', ');
  return `SELECT ${columns} FROM ${auto.quote(table.name)} WHERE ${where}${order.length > 0 ? ` ORDER BY ${order.map((c) => auto.quote(c)).join(', ')}` : ''}${limit === undefined ? '' : ` LIMIT ${limit}`}`;
}

/** `WHERE` for the documents with these SQL ids (grouped by `_index` when the key has one). */
function idsWhere(root: PlanTable, auto: AutoDialect, sqlIds: readonly string[]): string {
  const byIndex = new Map<string | null, string[]>();
  for (const sqlId of sqlIds) {
    const { index, id } = splitPlanSqlId(root, sqlId);
    byIndex.set(index, [...(byIndex.get(index) ?? []), id]);
  }
  const idIn = (ids: string[]) => `${auto.quote('_id')} IN (${ids.map(literal).join(', ')})`;
  return [...byIndex].map(([index, ids]) => (index === null ? idIn(ids) : `(${auto.quote('_index')} = ${literal(index)} AND ${idIn(ids)})`)).join(' OR ');
}

function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Verify for a planned mapping: the expected side is the plan's read-back of the transform's rows
 * for each source document; the SQL side reads each document table in `_id` order with its child
 * rows (exact reads: see AutoDialect.readExpression) and builds the same read-back. Equal hashes
 * mean every field of the document is in SQL exactly.
 */
export function planVerifier(plan: MappingPlan, auto: AutoDialect, schema: TargetSchema, ledger: VerifyLedger): Verifier {
  const outcomeOf = (partition: string, doc: SourceDocument): PlanOutcome =>
    partition === UNCLASSIFIED ? { kind: 'rejected', entity: null, docId: doc.id, reason: 'unclassified_document', detail: 'unclassified partition', findings: [] } : transformWithPlan(plan, doc, auto);
  const expectation: Verifier['expectation'] = (partition, doc, state) => {
    const outcome = outcomeOf(partition, doc);
    if (state?.rejectReason !== undefined) return { kind: 'reject', entity: outcome.entity ?? partition, reason: state.rejectReason, source: 'state' };
    if (outcome.kind === 'rejected') return { kind: 'reject', entity: outcome.entity ?? partition, reason: outcome.reason, source: 'policy' };
    const root = plan.tables.find((t) => t.name === outcome.entity)!;
    const document = readBackDocument(plan, root, outcome.writes[0]!.row, new Map(outcome.children.map((c) => [c.table, c.rows]))) as unknown as ApiDocument;
    return { kind: 'expected', entity: outcome.entity, sqlId: state?.sqlId ?? outcome.sqlId, document } satisfies Expectation;
  };
  const sqlIdOf = (root: PlanTable, row: Record<string, unknown>) => planSqlId(root, String(row['_index']), String(row['_id']));
  const fromRows = async (db: AnyKysely, root: PlanTable, rows: Record<string, unknown>[]): Promise<ReadBackDocument[]> => {
    const ids = rows.map((row) => sqlIdOf(root, row));
    const children = new Map<string, Record<string, unknown>[]>();
    if (ids.length > 0) {
      for (const child of descendants(plan, root)) {
        const { rows: found } = await sql.raw<Record<string, unknown>>(selectSql(child, auto, idsWhere(root, auto, ids), [])).execute(db);
        children.set(child.name, found);
      }
    }
    return rows.map((row) => {
      const sqlId = sqlIdOf(root, row);
      const mine = new Map([...children].map(([name, list]) => [name, list.filter((r) => sqlIdOf(root, r) === sqlId)]));
      return { sqlId, visible: true, document: readBackDocument(plan, root, row, mine) as unknown as ApiDocument };
    });
  };
  const rootOf = (entity: string) => rootTables(plan).find((t) => t.name === entity);
  return {
    entities: () => rootTables(plan).map((t) => t.name),
    expectation,
    record: recordExpectations(ledger, expectation),
    async *scan(db, entity, pageSize, signal) {
      const root = rootOf(entity);
      if (root === undefined || schema.tables[entity] === undefined) return;
      const key = documentKey(root);
      let last: Record<string, unknown> | null = null;
      for (;;) {
        signal?.throwIfAborted();
        // Keyset paging over the document key: (_index, _id) > (last _index, last _id), or _id > last _id.
        const after = (row: Record<string, unknown>): string =>
          key.length === 1
            ? `${auto.quote('_id')} > ${literal(String(row['_id']))}`
            : `(${auto.quote('_index')} > ${literal(String(row['_index']))} OR (${auto.quote('_index')} = ${literal(String(row['_index']))} AND ${auto.quote('_id')} > ${literal(String(row['_id']))}))`;
        const where: string = last === null ? '1 = 1' : after(last);
        const rows: Record<string, unknown>[] = (await sql.raw<Record<string, unknown>>(selectSql(root, auto, where, key, pageSize)).execute(db)).rows;
        if (rows.length === 0) return;
        last = rows[rows.length - 1]!;
        yield await fromRows(db, root, rows);
        if (rows.length < pageSize) return;
      }
    },
    async byIds(db, entity, sqlIds) {
      const found = new Map<string, ReadBackDocument>();
      const root = rootOf(entity);
      if (root === undefined) return found;
      for (let start = 0; start < sqlIds.length; start += CHUNK) {
        const chunk = sqlIds.slice(start, start + CHUNK);
        const { rows } = await sql.raw<Record<string, unknown>>(selectSql(root, auto, idsWhere(root, auto, chunk), [])).execute(db);
        for (const document of await fromRows(db, root, rows)) found.set(document.sqlId, document);
      }
      return found;
    },
  };
}
