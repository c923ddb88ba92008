import type { TargetSchema } from '../../schema/table-schema.ts';
import { targetCapabilities } from '../../transforms/target-capabilities.ts';
import type { DanglingReference, DuplicateKeySummary, FindingSeverity, ValidationTable } from '../report/report-types.ts';
import type { TargetRows } from './target-rows.ts';
import { REFERENCE_TARGETS, type ReferenceKind, type WriteLedger } from './write-ledger.ts';

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

interface KindInfo {
  description: string;
  severity: FindingSeverity;
}

function kindInfo(kind: ReferenceKind, schema: TargetSchema): KindInfo {
  const capabilities = targetCapabilities(schema);
  switch (kind) {
    case 'job_client':
      return {
        description: capabilities.headValidation
          ? "job's client_id names no client registered in the job's project: freezer-api HEAD refuses every update, start, stop and abort of the job (422) until the client registers"
          : "job's client_id names no client registered in the job's project: legal in SQL (ES never cascaded), the scheduler of that client will never pick the job up",
        severity: capabilities.headValidation ? 'warning' : 'info',
      };
    case 'job_session':
      return { description: "job's session_id names no session: legal in SQL (no foreign key), the session is gone", severity: 'info' };
    case 'job_action_link': {
      // es2sql's own connections enforce foreign keys on every dialect (node:sqlite turns them on), unlike freezer-api's SQLite.
      const enforced = (schema.tables.job_actions?.foreignKeys ?? []).some((fk) => fk.columns.includes('action_id'));
      return {
        description: enforced
          ? 'job_actions link to an action no document creates: the foreign key job_actions.action_id → actions.id refuses the batch, so migrate stops'
          : 'job_actions link to an action no document creates: freezer-api skips the entry on read',
        severity: enforced ? 'blocking' : 'warning',
      };
    }
    case 'backup_job':
      return { description: "backup's job_id names no job: legal (ES never cascaded deletes), the API never returns backups.job_id", severity: 'info' };
  }
}

interface Unresolved {
  doc: string;
  entity: string;
  ref: string;
  scope: string | null;
  shown: string;
}

const KINDS: readonly ReferenceKind[] = ['job_client', 'job_session', 'job_action_link', 'backup_job'];
const CHUNK = 500;

/**
 * References no written row satisfies, checked against the existing target too (read-only) when
 * there is one. `job_client` matches a client with the same `client_id` and the same project
 * (NULL matches NULL), as freezer-api's lookup by client id does.
 */
export async function danglingReferences(ledger: WriteLedger, schema: TargetSchema, lookup: TargetRows | null, sampleLimit: number): Promise<DanglingReference[]> {
  const db = ledger.db;
  const result: DanglingReference[] = [];
  for (const kind of KINDS) {
    const checked = Number((db.prepare('SELECT COUNT(*) AS n FROM refs WHERE kind = ?').get(kind) as { n: number }).n);
    if (checked === 0) continue;
    const target = REFERENCE_TARGETS[kind];
    const unresolved = (
      kind === 'job_client'
        ? db.prepare(`SELECT doc, entity, ref, scope, shown FROM refs r WHERE kind = ? AND NOT EXISTS (SELECT 1 FROM client_names c WHERE c.name = r.ref AND c.project IS r.scope) ORDER BY rowid`).iterate(kind)
        : db.prepare(`SELECT doc, entity, ref, scope, shown FROM refs r WHERE kind = ? AND NOT EXISTS (SELECT 1 FROM writes w WHERE w.tbl = ? AND w.key = r.ref) ORDER BY rowid`).iterate(kind, target.table)
    ) as IterableIterator<Unresolved>;
    const info = kindInfo(kind, schema);
    const summary: DanglingReference = { kind, description: info.description, severity: info.severity, checked, count: 0, samples: [] };
    const settle = async (chunk: Unresolved[]) => {
      let found = new Set<string>();
      if (lookup !== null && schema.tables[target.table] !== undefined) {
        const rows = await lookup(target.table, target.column, [...new Set(chunk.map((u) => u.shown))], kind === 'job_client' ? ['project_id'] : []);
        found = new Set(rows.map((row) => `${ledger.normalise(target.table, target.column, String(row[target.column]))}\u0000${kind === 'job_client' ? String(row.project_id ?? '\u0001') : ''}`));
      }
      for (const u of chunk) {
        if (found.has(`${u.ref}\u0000${kind === 'job_client' ? (u.scope ?? '\u0001') : ''}`)) continue;
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
