import type { TargetSchema } from '../../schema/table-schema.ts';
import type { ReferenceRule } from '../mapping/mapping.ts';
import type { DanglingReference, DuplicateKeySummary, ValidationTable } from '../report/report-types.ts';
import type { TargetRows } from './target-rows.ts';
import type { WriteLedger } from './write-ledger.ts';

/** Distinct keys per table: the row counts `migrate` leaves in an empty target. */
export function tableSummary(ledger: WriteLedger, existingRows: Record<string, number>): Record<string, ValidationTable> {
  const rows = ledger.db
    .prepare(`SELECT tbl, COUNT(DISTINCT key) AS total, COUNT(DISTINCT CASE WHEN mode = 0 THEN key END) AS upserts FROM writes GROUP BY tbl ORDER BY tbl`)
    .all() as Array<{ tbl: string; total: number; upserts: number }>;
  const tables: Record<string, ValidationTable> = {};
  for (const row of rows) {
    const table: ValidationTable = { rows: row.total, upserts: row.upserts, insertIfAbsent: row.total - row.upserts };
    if (existingRows[row.tbl] !== undefined) table.existing = existingRows[row.tbl];
    tables[row.tbl] = table;
  }
  for (const [name, existing] of Object.entries(existingRows)) tables[name] ??= { rows: 0, upserts: 0, insertIfAbsent: 0, existing };
  return tables;
}

/** Keys that more than one document upserts: the document read last wins, the others are lost. */
export function duplicateKeys(ledger: WriteLedger, sampleLimit: number): DuplicateKeySummary[] {
  const groups = ledger.db
    .prepare(`SELECT tbl, key, COUNT(DISTINCT entity || char(0) || doc) AS docs FROM writes WHERE mode = 0 GROUP BY tbl, key HAVING docs > 1 ORDER BY tbl, key`)
    .iterate() as IterableIterator<{ tbl: string; key: string; docs: number }>;
  const docsOf = ledger.db.prepare(`SELECT DISTINCT doc FROM writes WHERE tbl = ? AND key = ? AND mode = 0 ORDER BY doc LIMIT 20`);
  const byTable = new Map<string, DuplicateKeySummary>();
  for (const group of groups) {
    let summary = byTable.get(group.tbl);
    if (summary === undefined) byTable.set(group.tbl, (summary = { table: group.tbl, keys: 0, documents: 0, samples: [] }));
    summary.keys += 1;
    summary.documents += group.docs;
    if (summary.samples.length < sampleLimit) {
      const docIds = (docsOf.all(group.tbl, group.key) as Array<{ doc: string }>).map((r) => r.doc);
      summary.samples.push({ key: group.key.replaceAll('\u0000', '/'), docIds });
    }
  }
  return [...byTable.values()];
}

interface Unresolved {
  doc: string;
  entity: string;
  ref: string;
  scope: string | null;
  shown: string;
}

const CHUNK = 500;

/**
 * References no written row satisfies, per rule of the mapping, checked against the existing
 * target too (read-only) when there is one. A scoped rule matches a row with the same value and
 * the same scope (NULL matches NULL), e.g. a Freezer job's client within the job's project.
 */
export async function danglingReferences(ledger: WriteLedger, schema: TargetSchema, lookup: TargetRows | null, sampleLimit: number, rules: readonly ReferenceRule[] = []): Promise<DanglingReference[]> {
  const db = ledger.db;
  const result: DanglingReference[] = [];
  for (const rule of rules) {
    const { kind, to } = rule;
    const checked = Number((db.prepare('SELECT COUNT(*) AS n FROM refs WHERE kind = ?').get(kind) as { n: number }).n);
    if (checked === 0) continue;
    const scoped = to.scopeColumn !== undefined;
    const unresolved = db
      .prepare(`SELECT doc, entity, ref, scope, shown FROM refs r WHERE kind = ? AND NOT EXISTS (SELECT 1 FROM names n WHERE n.kind = r.kind AND n.name = r.ref${scoped ? ' AND n.scope IS r.scope' : ''}) ORDER BY rowid`)
      .iterate(kind) as IterableIterator<Unresolved>;
    const info = rule.describe(schema);
    const summary: DanglingReference = { kind, description: info.description, severity: info.severity, checked, count: 0, samples: [] };
    const scopeOf = (value: unknown) => (scoped ? String(value ?? '\u0001') : '');
    const settle = async (chunk: Unresolved[]) => {
      let found = new Set<string>();
      if (lookup !== null && schema.tables[to.table] !== undefined) {
        const rows = await lookup(to.table, to.column, [...new Set(chunk.map((u) => u.shown))], scoped ? [to.scopeColumn!] : []);
        found = new Set(rows.map((row) => `${ledger.normalise(to.table, to.column, String(row[to.column]))}\u0000${scoped ? scopeOf(row[to.scopeColumn!]) : ''}`));
      }
      for (const u of chunk) {
        if (found.has(`${u.ref}\u0000${scoped ? (u.scope ?? '\u0001') : ''}`)) continue;
        summary.count += 1;
        if (summary.samples.length < sampleLimit) summary.samples.push({ docId: u.doc, entity: u.entity, reference: u.shown });
      }
    };
    let chunk: Unresolved[] = [];
    for (const u of unresolved) {
      chunk.push(u);
      if (chunk.length === CHUNK) {
        await settle(chunk);
        chunk = [];
      }
    }
    if (chunk.length > 0) await settle(chunk);
    result.push(summary);
  }
  return result;
}
