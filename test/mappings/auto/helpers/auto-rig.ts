import { sql } from 'kysely';
import { AUTO_DIALECTS } from '../../../../mappings/auto/auto-dialect.ts';
import { rootTableFor, rootTables, type MappingPlan } from '../../../../mappings/auto/mapping-plan.ts';
import { planDdl } from '../../../../mappings/auto/plan-ddl.ts';
import { diffReadBacks, readBackDocument } from '../../../../mappings/auto/read-back-document.ts';
import { transformWithPlan, type PlanDocument } from '../../../../mappings/auto/transform-with-plan.ts';
import { toDriverValue } from '../../../../pipeline/load/driver-values.ts';
import { dialectFacts } from '../../../../schema/dialect-facts.ts';
import type { AnyKysely } from '../../../../schema/connect.ts';
import type { Dialect } from '../../../../schema/dialect.ts';
import { isJsonObject, type JsonObject } from '../../../../core/json-value.ts';
import { parseJson } from '../../../../core/parse-json.ts';

/** Every document of an index, exactly parsed, as the auto transform takes them. */
export async function allDocuments(url: string, index: string): Promise<PlanDocument[]> {
  const response = await fetch(new URL(`/${index}/_search?size=10000`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":{"match_all":{}}}' });
  const body = parseJson(await response.text()) as JsonObject;
  const hits = (body['hits'] as JsonObject)['hits'] as JsonObject[];
  return hits.map((hit) => ({ index: String(hit['_index']), type: typeof hit['_type'] === 'string' && hit['_type'] !== '_doc' ? hit['_type'] : null, id: String(hit['_id']), source: isJsonObject(hit['_source']) ? hit['_source'] : {} }));
}

/** Creates the plan's tables and writes every document's rows (the plan's DDL, plain INSERTs). */
export async function writeWithPlan(db: AnyKysely, plan: MappingPlan, dialect: Dialect, documents: PlanDocument[]): Promise<{ rejected: string[] }> {
  for (const statement of planDdl(plan, dialect)) await sql.raw(statement).execute(db);
  const rejected: string[] = [];
  for (const doc of documents) {
    const outcome = transformWithPlan(plan, doc, AUTO_DIALECTS[dialect]);
    if (outcome.kind === 'rejected') {
      rejected.push(`${doc.id}: ${outcome.reason} ${outcome.detail}`);
      continue;
    }
    const driverRow = (row: Record<string, unknown>) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, toDriverValue(v as never, dialectFacts(dialect).valueEncoding)]));
    for (const write of outcome.writes) await db.insertInto(write.table).values(driverRow(write.row)).execute();
    for (const child of outcome.children) for (const row of child.rows) await db.insertInto(child.table).values(driverRow(row)).execute();
  }
  return { rejected };
}

/** Per document: fields where the SQL read-back differs from what the plan predicts from `_source`. */
export async function compareWithSql(db: AnyKysely, plan: MappingPlan, dialect: Dialect, documents: PlanDocument[]): Promise<string[]> {
  const tables = new Map<string, Record<string, unknown>[]>();
  const auto = AUTO_DIALECTS[dialect];
  for (const table of plan.tables) {
    const select = `SELECT ${table.columns.map((column) => auto.readExpression(column)).join(', ')} FROM ${auto.quote(table.name)}`;
    tables.set(table.name, (await sql.raw<Record<string, unknown>>(select).execute(db)).rows);
  }
  const problems: string[] = [];
  let rootRows = 0;
  for (const root of rootTables(plan)) rootRows += tables.get(root.name)!.length;
  if (rootRows !== documents.length) problems.push(`${rootRows} document rows for ${documents.length} documents`);
  for (const doc of documents) {
    const outcome = transformWithPlan(plan, doc, AUTO_DIALECTS[dialect]);
    if (outcome.kind === 'rejected') continue;
    const root = rootTableFor(plan, doc.type)!;
    const byDoc = (rows: Record<string, unknown>[]) => rows.filter((row) => row['_id'] === doc.id);
    const expected = readBackDocument(plan, root, outcome.writes[0]!.row, new Map(outcome.children.map((c) => [c.table, c.rows])));
    const sqlRoot = byDoc(tables.get(root.name)!)[0];
    if (sqlRoot === undefined) {
      problems.push(`${doc.id}: no row`);
      continue;
    }
    const actual = readBackDocument(plan, root, sqlRoot, new Map([...tables].map(([name, rows]) => [name, byDoc(rows)])));
    for (const field of diffReadBacks(expected, actual)) problems.push(`${doc.id}: ${field}`);
  }
  return problems;
}
