import type { RejectListing } from '../status/list-rejects.ts';
import type { StatusPipeline, StatusReport, StatusRun } from '../status/status-report.ts';
import { formatElapsed } from './format-seconds.ts';
import { textTable, withSeparators } from './text-table.ts';

function shortTime(iso: string | null): string {
  return iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '';
}

function took(run: StatusRun): string {
  if (!run.finishedAt) return '';
  return formatElapsed(Date.parse(run.finishedAt) - Date.parse(run.startedAt));
}

function number(stats: Record<string, unknown> | null, ...keys: string[]): number | undefined {
  for (const key of keys) if (typeof stats?.[key] === 'number') return stats[key] as number;
  return undefined;
}

function runsTable(runs: readonly StatusRun[]): string {
  return textTable(
    [{ header: 'started' }, { header: 'command' }, { header: 'status' }, { header: 'took', align: 'right' }, { header: 'documents', align: 'right' }, { header: 'rejected', align: 'right' }, { header: 'run' }],
    runs.map((run) => [shortTime(run.startedAt), run.command, run.status, took(run), number(run.stats, 'read', 'done'), number(run.stats, 'rejected'), run.runId]),
  );
}

function pipelineLines(pipeline: StatusPipeline, several: boolean): string[] {
  const lines: string[] = [];
  const title = several ? ` of ${pipeline.source} → ${pipeline.target}` : '';
  if (pipeline.rejects.length === 0) lines.push(`Rejects${title}: none`);
  else {
    const total = pipeline.rejects.reduce((n, r) => n + r.count, 0);
    lines.push(`Rejects${title}: ${withSeparators(total)} documents`);
    lines.push(textTable([{ header: 'entity' }, { header: 'reason' }, { header: 'documents', align: 'right' }], pipeline.rejects.map((r) => [r.entity, r.reason, r.count])));
    lines.push(`list them: es2sql status --rejects [--entity ${pipeline.rejects[0]!.entity}]; table es2sql_rejects holds each whole document (reasons: docs/dirty-data.md)`);
  }
  const sync = pipeline.lastSync;
  if (!sync) lines.push('Sync: no sync run yet');
  else {
    const state = sync.status !== 'completed' ? sync.status : sync.workRemains ? `changes remain (${sync.remaining ?? '?'})` : `in step, lag ${formatElapsed(sync.lagMs ?? 0)}`;
    lines.push(`Sync: last run ${shortTime(sync.finishedAt) || 'still running'}: ${state} (run ${sync.runId})`);
  }
  lines.push(pipeline.cutover ? `Cutover: cut over at ${shortTime(pipeline.cutover.cutOverAt)} (run ${pipeline.cutover.runId}); freezer-api writes to SQL` : 'Cutover: not cut over');
  return lines;
}

/** The plain-text status overview: runs, checkpoints, then per pipeline rejects, sync and cutover. */
export function statusText(report: StatusReport): string {
  const lines = [`state database: ${report.stateDatabase}`, ''];
  if (report.runs.length === 0) {
    lines.push('no es2sql runs recorded yet; start with es2sql migrate');
    return lines.join('\n');
  }
  lines.push('Runs (newest first)', runsTable(report.runs), '');
  if (report.checkpoints) {
    const c = report.checkpoints;
    lines.push(`Checkpoints of migrate run ${c.runId} (${c.status})`);
    lines.push(
      c.partitions.length === 0
        ? 'none yet'
        : textTable(
            [{ header: 'entity' }, { header: 'slices done', align: 'right' }, { header: 'read', align: 'right' }, { header: 'rows written', align: 'right' }, { header: 'rejected', align: 'right' }],
            c.partitions.map((p) => [p.entity, `${p.slicesDone}/${p.slices}`, p.docsRead, p.rowsWritten, p.rejected]),
          ),
    );
    if (c.status !== 'completed') lines.push('rerun the same migrate command to resume from these checkpoints');
    lines.push('');
  }
  for (const pipeline of report.pipelines) lines.push(...pipelineLines(pipeline, report.pipelines.length > 1), '');
  return lines.join('\n').trimEnd();
}

/** `status --rejects`: one line per rejected document. */
export function rejectsText(listing: { total: number; rejects: RejectListing[] }, limit: number): string {
  if (listing.total === 0) return 'no rejected documents';
  const table = textTable(
    [{ header: 'entity' }, { header: 'document id' }, { header: 'reason' }, { header: 'field' }, { header: 'detail' }],
    listing.rejects.map((r) => [r.entity, r.docId, r.reason, r.field ?? '', r.detail.replace(/\s+/g, ' ')]),
  );
  const more = listing.total > listing.rejects.length ? `\nshowing ${listing.rejects.length} of ${withSeparators(listing.total)}; --limit ${Math.min(listing.total, limit * 10)} shows more` : '';
  return `${table}${more}`;
}
