import { randomUUID } from 'node:crypto';
import type { AnyKysely } from '../../schema/connect.ts';
import { schemaAdapterFor } from '../../schema/ddl/schema-adapter-for.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { LoadAdapter, LoadTransaction } from '../load/load-adapter.ts';
import type { CheckpointRecord, RunCommand, RunRecord, RunStatus } from './run-record.ts';
import { ensureStateTables } from './state-tables.ts';
import { documentsWrite, rejectsWrite, type DocumentRecord, type RejectRecord } from './state-writes.ts';

export type { DocumentRecord, RejectRecord } from './state-writes.ts';

const now = () => new Date().toISOString();

/** Document ids per read of {@link StateStore.clearRejects} (bind-parameter limits: SQLite 32,766). */
const CLEAR_REJECTS_CHUNK = 5_000;

/**
 * es2sql's bookkeeping in the state database. Reads and run records go through the store's own
 * Kysely instance; the per-batch writes (checkpoint, rejects, document map) are executed inside a
 * given transaction — the target's own when state and target are the same database, so the batch
 * and its checkpoint commit together.
 */
export class StateStore {
  readonly db: AnyKysely;
  readonly dialect: Dialect;
  readonly adapter: LoadAdapter;
  /** State tables live in the target database itself (no `--state-db`). */
  readonly sharedWithTarget: boolean;

  constructor(db: AnyKysely, dialect: Dialect, adapter: LoadAdapter, sharedWithTarget: boolean) {
    this.db = db;
    this.dialect = dialect;
    this.adapter = adapter;
    this.sharedWithTarget = sharedWithTarget;
  }

  async ensureTables(): Promise<void> {
    // Processes of a scaled-out run start together, and PostgreSQL's CREATE TABLE IF NOT EXISTS can
    // still collide in its catalog (pg_type): create under the schema upgrade's lock.
    await schemaAdapterFor(this.dialect).withSchemaLock(this.db, (connection) => ensureStateTables(connection, this.dialect));
  }

  /** The derived mapping's definition the pipeline's first migrate stored, if any. */
  async storedDefinition(pipelineId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('es2sql_definitions').select('definition').where('pipeline_id', '=', pipelineId).executeTakeFirst();
    return row === undefined ? undefined : String(row.definition);
  }

  /** Stores a derived mapping's definition for a pipeline; a definition already stored is kept. */
  async storeDefinition(pipelineId: string, mapping: string, definition: string): Promise<void> {
    await this.adapter.transaction((tx) =>
      tx.write({ table: 'es2sql_definitions', columns: ['pipeline_id', 'mapping', 'definition', 'stored_at'], rows: [[pipelineId, mapping, definition, now()]], primaryKey: ['pipeline_id'], mode: 'insert-if-absent' }),
    );
  }

  /** The newest unfinished run of a command for a pipeline, to resume. */
  async findUnfinishedRun(pipelineId: string, command: RunCommand): Promise<RunRecord | undefined> {
    const row = await this.db
      .selectFrom('es2sql_runs')
      .selectAll()
      .where('pipeline_id', '=', pipelineId)
      .where('command', '=', command)
      .where('status', '!=', 'completed')
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row ? toRunRecord(row) : undefined;
  }

  async latestRun(pipelineId: string, command: RunCommand): Promise<RunRecord | undefined> {
    const row = await this.db
      .selectFrom('es2sql_runs')
      .selectAll()
      .where('pipeline_id', '=', pipelineId)
      .where('command', '=', command)
      .orderBy('started_at', 'desc')
      .executeTakeFirst();
    return row ? toRunRecord(row) : undefined;
  }

  async findRun(runId: string): Promise<RunRecord | undefined> {
    const row = await this.db.selectFrom('es2sql_runs').selectAll().where('run_id', '=', runId).executeTakeFirst();
    return row ? toRunRecord(row) : undefined;
  }

  async countRuns(pipelineId: string, command: RunCommand): Promise<number> {
    const row = await this.db
      .selectFrom('es2sql_runs')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('pipeline_id', '=', pipelineId)
      .where('command', '=', command)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async listRuns(limit = 20): Promise<RunRecord[]> {
    const rows = await this.db.selectFrom('es2sql_runs').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
    return rows.map(toRunRecord);
  }

  async createRun(init: Omit<RunRecord, 'runId' | 'status' | 'startedAt' | 'finishedAt' | 'stats' | 'error'> & { runId?: string }): Promise<RunRecord> {
    const record: RunRecord = {
      runId: init.runId ?? randomUUID(),
      status: 'running',
      startedAt: now(),
      finishedAt: null,
      stats: null,
      error: null,
      ...init,
    } as RunRecord;
    await this.db
      .insertInto('es2sql_runs')
      .values({
        run_id: record.runId,
        pipeline_id: record.pipelineId,
        command: record.command,
        status: record.status,
        source: record.source,
        target: record.target,
        layout: record.layout,
        migration_time: record.migrationTime,
        started_at: record.startedAt,
        finished_at: null,
        options: record.options,
        stats: null,
        error: null,
      })
      .execute();
    return record;
  }

  async markRunning(runId: string): Promise<void> {
    await this.db.updateTable('es2sql_runs').set({ status: 'running', error: null, finished_at: null }).where('run_id', '=', runId).execute();
  }

  async finishRun(runId: string, status: RunStatus, stats: unknown, error?: string): Promise<void> {
    await this.db
      .updateTable('es2sql_runs')
      .set({ status, finished_at: now(), stats: JSON.stringify(stats), error: error ?? null })
      .where('run_id', '=', runId)
      .execute();
  }

  async checkpoints(runId: string): Promise<CheckpointRecord[]> {
    const rows = await this.db.selectFrom('es2sql_checkpoints').selectAll().where('run_id', '=', runId).execute();
    return rows.map((r) => ({
      runId: String(r.run_id),
      partition: String(r.source_partition),
      slice: Number(r.slice),
      slices: Number(r.slices),
      cursor: r.cursor === null ? null : String(r.cursor),
      done: Number(r.done) === 1,
      docsRead: Number(r.docs_read),
      rowsWritten: Number(r.rows_written),
      rejected: Number(r.rejected),
      findings: r.findings === null ? null : String(r.findings),
    }));
  }

  /** Writes a checkpoint inside `tx` (the batch's transaction when state and target share a database). */
  async writeCheckpoint(tx: LoadTransaction, checkpoint: CheckpointRecord): Promise<void> {
    await tx.write({
      table: 'es2sql_checkpoints',
      columns: ['run_id', 'source_partition', 'slice', 'slices', 'cursor', 'done', 'docs_read', 'rows_written', 'rejected', 'findings', 'updated_at'],
      rows: [[
        checkpoint.runId,
        checkpoint.partition,
        checkpoint.slice,
        checkpoint.slices,
        checkpoint.cursor,
        checkpoint.done ? 1 : 0,
        checkpoint.docsRead,
        checkpoint.rowsWritten,
        checkpoint.rejected,
        checkpoint.findings,
        now(),
      ]],
      primaryKey: ['run_id', 'source_partition', 'slice', 'slices'],
      mode: 'upsert',
    });
  }

  async writeRejects(tx: LoadTransaction, pipelineId: string, runId: string, rejects: readonly RejectRecord[]): Promise<void> {
    if (rejects.length === 0) return;
    await tx.write(rejectsWrite(pipelineId, runId, rejects, now()));
  }

  /**
   * Forgets earlier rejects of documents that are now migrated (a fixed document, a changed policy):
   * removes the rejects of these documents (they are accepted now). A plain read finds which of
   * them have one — on a first run none do — and only those rows are deleted, by primary key: a
   * `DELETE … WHERE doc_id IN (…)` over absent rows takes InnoDB gap locks, and concurrent slices
   * inserting their own rejects into those gaps deadlocked (MariaDB, 4 slices, 100k documents).
   */
  async clearRejects(tx: LoadTransaction, pipelineId: string, partition: string, docIds: readonly string[]): Promise<void> {
    if (docIds.length === 0) return;
    const rejected: string[] = [];
    for (let from = 0; from < docIds.length; from += CLEAR_REJECTS_CHUNK) {
      const query = this.db
        .selectFrom('es2sql_rejects')
        .select('doc_id')
        .where('pipeline_id', '=', pipelineId)
        .where('source_partition', '=', partition)
        .where('doc_id', 'in', docIds.slice(from, from + CLEAR_REJECTS_CHUNK))
        .compile();
      for (const row of await tx.execute(query)) rejected.push(String(row.doc_id));
    }
    if (rejected.length === 0) return;
    await tx.deleteWhereIn('es2sql_rejects', 'doc_id', rejected, [
      { column: 'pipeline_id', value: pipelineId },
      { column: 'source_partition', value: partition },
    ]);
  }

  async writeDocuments(tx: LoadTransaction, pipelineId: string, documents: readonly DocumentRecord[]): Promise<void> {
    if (documents.length === 0) return;
    await tx.write(documentsWrite(pipelineId, documents, now()));
  }

  /** Whether the pipeline has any reject recorded for the partition (an index read of one row). */
  async hasRejects(pipelineId: string, partition: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('es2sql_rejects')
      .select('doc_id')
      .where('pipeline_id', '=', pipelineId)
      .where('source_partition', '=', partition)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  async rejectSummary(pipelineId: string): Promise<{ partition: string; reason: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('es2sql_rejects')
      .select(['source_partition', 'reason'])
      .select((eb) => eb.fn.countAll().as('count'))
      .where('pipeline_id', '=', pipelineId)
      .groupBy(['source_partition', 'reason'])
      .orderBy('source_partition')
      .orderBy('reason')
      .execute();
    return rows.map((r) => ({ partition: String(r.source_partition), reason: String(r.reason), count: Number(r.count) }));
  }
}

function toRunRecord(row: Record<string, unknown>): RunRecord {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    runId: String(row.run_id),
    pipelineId: String(row.pipeline_id),
    command: String(row.command) as RunCommand,
    status: String(row.status) as RunStatus,
    source: String(row.source),
    target: String(row.target),
    layout: text(row.layout),
    migrationTime: String(row.migration_time),
    startedAt: String(row.started_at),
    finishedAt: text(row.finished_at),
    options: text(row.options),
    stats: text(row.stats),
    error: text(row.error),
  };
}
