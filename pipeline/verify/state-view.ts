import { parseDatabaseUrl, type DatabaseLocation } from '../../schema/database-url.ts';
import { sameDatabase } from '../load/target-database.ts';
import { openReadOnlyDatabase, type ReadOnlyDatabase } from '../validate/read-only-database.ts';

/** What the state database says about one document. */
export interface StateEntry {
  /** SQL id from `es2sql_documents` (null for rejected documents). */
  sqlId: string | null;
  /** Reject reason from `es2sql_rejects`, when the document is a known reject. */
  rejectReason?: string;
}

/** The stored definition of a pipeline's derived mapping; none in a state database older than the table. */
async function storedDefinition(database: ReadOnlyDatabase, pipelineId: string): Promise<string | undefined> {
  try {
    const rows = await database.read((db) => db.selectFrom('es2sql_definitions').select('definition').where('pipeline_id', '=', pipelineId).execute());
    return rows[0] === undefined ? undefined : String(rows[0].definition);
  } catch {
    return undefined;
  }
}

/**
 * Read-only view of es2sql's state for one pipeline: the id map (`es2sql_documents`), the known
 * rejects (`es2sql_rejects`) and the options of the last migrate run. Absent state tables, or a
 * pipeline the state has never seen, make an empty view (`known` false): verify then derives ids
 * and rejects from the transforms.
 */
export class StateView {
  readonly known: boolean;
  readonly #database: ReadOnlyDatabase | null;
  readonly #pipelineId: string;
  readonly #owned: boolean;
  readonly defaultProjectId: string | null | undefined;
  /** The derived mapping's definition the pipeline's first migrate stored (es2sql_definitions). */
  definition: string | undefined;

  private constructor(database: ReadOnlyDatabase | null, pipelineId: string, owned: boolean, known: boolean, defaultProjectId: string | null | undefined) {
    this.#database = database;
    this.#pipelineId = pipelineId;
    this.#owned = owned;
    this.known = known;
    this.defaultProjectId = defaultProjectId;
  }

  /**
   * Opens the state of `pipelineId` in `stateUrl`, or in the target database itself (`target`,
   * reused, not reopened) when no state URL is given or it names the same database.
   */
  static async open(stateUrl: string | undefined, target: ReadOnlyDatabase, pipelineId: string): Promise<StateView> {
    const location: DatabaseLocation = stateUrl === undefined ? target.location : parseDatabaseUrl(stateUrl);
    const shared = sameDatabase(location, target.location);
    const database = shared ? target : await openReadOnlyDatabase(location);
    if (database === null) return new StateView(null, pipelineId, false, false, undefined);
    try {
      const documents = await database.read((db) => db.selectFrom('es2sql_documents').select('doc_id').where('pipeline_id', '=', pipelineId).limit(1).execute());
      const run = await database.read((db) =>
        db.selectFrom('es2sql_runs').select(['options']).where('pipeline_id', '=', pipelineId).where('command', '=', 'migrate').orderBy('started_at', 'desc').limit(1).execute(),
      );
      const options = run[0]?.options ? (JSON.parse(String(run[0].options)) as { defaultProjectId?: string | null }) : undefined;
      const view = new StateView(database, pipelineId, !shared, documents.length > 0, options?.defaultProjectId);
      view.definition = await storedDefinition(database, pipelineId);
      return view;
    } catch {
      // No state tables (the target was never migrated by es2sql, or the state lives elsewhere).
      if (!shared) await database.close().catch(() => {});
      return new StateView(null, pipelineId, false, false, undefined);
    }
  }

  /** The state's entries for documents of one partition (ids not in the state are absent). */
  async lookup(partition: string, docIds: readonly string[]): Promise<Map<string, StateEntry>> {
    const entries = new Map<string, StateEntry>();
    const database = this.#database;
    if (!this.known || database === null || docIds.length === 0) return entries;
    for (let start = 0; start < docIds.length; start += 500) {
      const chunk = docIds.slice(start, start + 500);
      const [documents, rejects] = await database.read(async (db) => [
        await db.selectFrom('es2sql_documents').select(['doc_id', 'sql_id', 'status']).where('pipeline_id', '=', this.#pipelineId).where('source_partition', '=', partition).where('doc_id', 'in', chunk).execute(),
        await db.selectFrom('es2sql_rejects').select(['doc_id', 'reason']).where('pipeline_id', '=', this.#pipelineId).where('source_partition', '=', partition).where('doc_id', 'in', chunk).execute(),
      ]);
      for (const row of documents) {
        if (row.status === 'loaded' && row.sql_id !== null) entries.set(String(row.doc_id), { sqlId: String(row.sql_id) });
      }
      for (const row of rejects) entries.set(String(row.doc_id), { sqlId: entries.get(String(row.doc_id))?.sqlId ?? null, rejectReason: String(row.reason) });
    }
    return entries;
  }

  async close(): Promise<void> {
    if (this.#owned) await this.#database?.close();
  }
}
