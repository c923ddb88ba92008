import { sql } from 'kysely';
import { openDatabase, type AnyKysely } from '../../../schema/connect.ts';
import { parseDatabaseUrl } from '../../../schema/database-url.ts';

/** One `es2sql_runs` row as the scale-out test looks at it. */
export interface RunRow {
  runId: string;
  status: string;
  migrationTime: string;
}

/**
 * Read-only look into a target's es2sql state tables while migrate processes write them: the run
 * records, the checkpoints of one slice, and the document map and rejects without run-specific
 * columns (so two databases migrated from the same index compare equal).
 */
export class StateView {
  readonly #db: AnyKysely;

  constructor(url: string) {
    this.#db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  }

  async runs(): Promise<RunRow[]> {
    const rows = await this.#db.selectFrom('es2sql_runs').select(['run_id', 'status', 'migration_time']).execute();
    return rows.map((r) => ({ runId: String(r.run_id), status: String(r.status), migrationTime: String(r.migration_time) }));
  }

  /** Checkpoints of `slice` with documents committed, and how many of them are done (0 before the tables exist). */
  async sliceProgress(slice: number): Promise<{ started: number; done: number }> {
    try {
      const rows = await this.#db.selectFrom('es2sql_checkpoints').select(['docs_read', 'done']).where('slice', '=', slice).execute();
      return { started: rows.filter((r) => Number(r.docs_read) > 0).length, done: rows.filter((r) => Number(r.done) === 1).length };
    } catch {
      return { started: 0, done: 0 };
    }
  }

  /** Document map and rejects, sorted, without pipeline or run ids and times. */
  async bookkeeping(): Promise<string> {
    const documents = await sql<Record<string, unknown>>`select source_partition, doc_id, sql_id, version, status from es2sql_documents order by source_partition, doc_id`.execute(this.#db);
    const rejects = await sql<Record<string, unknown>>`select source_partition, doc_id, reason, field from es2sql_rejects order by source_partition, doc_id`.execute(this.#db);
    const text = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map((v) => (v === null ? '' : String(v))).join('|'));
    return JSON.stringify({ documents: text(documents.rows), rejects: text(rejects.rows) });
  }

  async close(): Promise<void> {
    await this.#db.destroy();
  }
}
