import { readCutoverMarker } from '../../pipeline/sync/cutover-marker.ts';
import { openLoadAdapter } from '../../pipeline/load/open-load-adapter.ts';
import type { CheckpointRecord, RunRecord } from '../../pipeline/state/run-record.ts';
import { StateStore } from '../../pipeline/state/state-store.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import type { DatabaseLocation } from '../../schema/database-url.ts';
import type { StatusPartition, StatusPipeline, StatusReport, StatusRun } from './status-report.ts';

const ENTITY_ORDER = ['clients', 'actions', 'sessions', 'jobs', 'backups', 'unclassified'];

function parsed(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The mapping a run used, from its recorded options (`freezer` for runs that predate mappings). */
function mappingOfRun(run: RunRecord): string {
  const recorded = parsed(run.options)?.mapping;
  return typeof recorded === 'string' ? recorded : 'freezer';
}

function toStatusRun(run: RunRecord): StatusRun {
  return { ...run, stats: parsed(run.stats), options: parsed(run.options) };
}

function partitionsOf(checkpoints: readonly CheckpointRecord[]): StatusPartition[] {
  const byEntity = new Map<string, StatusPartition>();
  for (const c of checkpoints) {
    const p = byEntity.get(c.partition) ?? { entity: c.partition, slicesDone: 0, slices: c.slices, docsRead: 0, rowsWritten: 0, rejected: 0 };
    p.slices = Math.max(p.slices, c.slices);
    if (c.done) p.slicesDone++;
    p.docsRead += c.docsRead;
    p.rowsWritten += c.rowsWritten;
    p.rejected += c.rejected;
    byEntity.set(c.partition, p);
  }
  return [...byEntity.values()].sort((a, b) => ENTITY_ORDER.indexOf(a.entity) - ENTITY_ORDER.indexOf(b.entity));
}

async function pipelineStatus(store: StateStore, run: RunRecord): Promise<StatusPipeline> {
  const sync = await store.latestRun(run.pipelineId, 'sync');
  const syncStats = sync ? parsed(sync.stats) : null;
  const marker = await readCutoverMarker(store, run.pipelineId).catch(() => undefined);
  return {
    pipelineId: run.pipelineId,
    source: run.source,
    target: run.target,
    rejects: (await store.rejectSummary(run.pipelineId)).map((r) => ({ entity: r.partition, reason: r.reason, count: r.count })),
    lastSync: sync
      ? {
          runId: sync.runId,
          status: sync.status,
          finishedAt: sync.finishedAt,
          lagMs: typeof syncStats?.lagMs === 'number' ? syncStats.lagMs : null,
          remaining: typeof syncStats?.remaining === 'number' ? syncStats.remaining : null,
          workRemains: typeof syncStats?.workRemains === 'boolean' ? syncStats.workRemains : null,
        }
      : null,
    cutover: marker ? { runId: marker.runId, cutOverAt: marker.cutOverAt } : null,
  };
}

/** True when the state database has es2sql's tables at all. */
export async function hasStateTables(db: AnyKysely): Promise<boolean> {
  const tables = await db.introspection.getTables();
  return tables.some((table) => table.name === 'es2sql_runs');
}

/**
 * Reads the status overview from an open state database: the newest `limit` runs, the
 * checkpoints of the run in progress (or the last migrate run), and per pipeline of those runs the
 * rejects by entity and reason, the last sync and the cutover marker. With `mapping`, only the
 * runs of that mapping (runs recorded before mappings existed are Freezer's).
 */
export async function readStatus(db: AnyKysely, location: DatabaseLocation, limit: number, mapping?: string): Promise<StatusReport> {
  const store = new StateStore(db, location.dialect, openLoadAdapter(db, location.dialect), false);
  const runs =
    mapping === undefined
      ? await store.listRuns(limit)
      : (await store.listRuns(Math.max(limit, 10_000))).filter((run) => mappingOfRun(run) === mapping).slice(0, limit);
  const migrateRuns = runs.filter((run) => run.command === 'migrate');
  const focus = migrateRuns.find((run) => run.status !== 'completed') ?? migrateRuns[0];
  const checkpoints = focus ? { runId: focus.runId, status: focus.status, partitions: partitionsOf(await store.checkpoints(focus.runId)) } : null;
  const seen = new Set<string>();
  const pipelines: StatusPipeline[] = [];
  for (const run of runs) {
    if (seen.has(run.pipelineId)) continue;
    seen.add(run.pipelineId);
    pipelines.push(await pipelineStatus(store, run));
  }
  return { stateDatabase: location.display, runs: runs.map(toStatusRun), checkpoints, pipelines };
}
