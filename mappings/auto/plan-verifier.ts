import { sql } from 'kysely';
import type { ApiDocument } from '../../core/canonical-json.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { UNCLASSIFIED, type Expectation, type ReadBackDocument, type Verifier } from '../../pipeline/mapping/mapping.ts';
import { recordExpectations } from '../../pipeline/mapping/document-verifier.ts';
import type { VerifyLedger } from '../../pipeline/verify/verify-ledger.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import type { AutoDialect } from './auto-dialect.ts';
import { rootTables, type MappingPlan, type PlanTable } from './mapping-plan.ts';
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

function selectSql(table: PlanTable, auto: AutoDialect, where: string, order: boolean, limit?: number): string {
  const columns = table.columns.map((column) => auto.readExpression(column)).join(', ');
  return `SELECT ${columns} FROM ${auto.quote(table.name)} WHERE ${where}${order ? ` ORDER BY ${auto.quote('_id')}` : ''}${limit === undefined ? '' : ` LIMIT ${limit}`}`;
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
  const fromRows = async (db: AnyKysely, root: PlanTable, rows: Record<string, unknown>[]): Promise<ReadBackDocument[]> => {
    const ids = rows.map((row) => String(row['_id']));
    const children = new Map<string, Record<string, unknown>[]>();
    if (ids.length > 0) {
      for (const child of descendants(plan, root)) {
        const { rows: found } = await sql.raw<Record<string, unknown>>(selectSql(child, auto, `${auto.quote('_id')} IN (${ids.map(literal).join(', ')})`, false)).execute(db);
        children.set(child.name, found);
      }
    }
    return rows.map((row) => {
      const mine = new Map([...children].map(([name, list]) => [name, list.filter((r) => String(r['_id']) === String(row['_id']))]));
      return { sqlId: String(row['_id']), visible: true, document: readBackDocument(plan, root, row, mine) as unknown as ApiDocument };
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
      let last: string | null = null;
      for (;;) {
        signal?.throwIfAborted();
        const where: string = last === null ? '1 = 1' : `${auto.quote('_id')} > ${literal(last)}`;
        const rows: Record<string, unknown>[] = (await sql.raw<Record<string, unknown>>(selectSql(root, auto, where, true, pageSize)).execute(db)).rows;
        if (rows.length === 0) return;
        last = String(rows[rows.length - 1]!['_id']);
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
        const { rows } = await sql.raw<Record<string, unknown>>(selectSql(root, auto, `${auto.quote('_id')} IN (${chunk.map(literal).join(', ')})`, false)).execute(db);
        for (const document of await fromRows(db, root, rows)) found.set(document.sqlId, document);
      }
      return found;
    },
  };
}
