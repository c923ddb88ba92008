/** Figures for one source partition (an entity, or `unclassified`). */
export interface PartitionStats {
  /** Documents in the source when the run started (`_count`), for progress and reconciliation. */
  total: number;
  read: number;
  migrated: number;
  rejected: number;
  /** Rows written in all tables (a job can write a job row, link rows and actions). */
  rows: number;
  /** Finding code → documents it applied to. */
  findings: Record<string, number>;
}

/** What a migrate run did, returned whole by the library and printed by the CLI. */
export interface RunStats {
  runId: string;
  /** The run continued from checkpoints of an interrupted run. */
  resumed: boolean;
  /** The run found the migration already complete and wrote nothing. */
  alreadyComplete: boolean;
  layout: string;
  partitions: Record<string, PartitionStats>;
  read: number;
  migrated: number;
  rejected: number;
  rows: number;
  /** Source requests retried (429/5xx/resets) and search contexts reopened. */
  retries: number;
  reopenedContexts: number;
  /** Count differences between `_count` at start and documents read (ES changed during the run). */
  reconciliation: { partition: string; counted: number; read: number }[];
  elapsedMs: number;
  docsPerSecond: number;
}

export function emptyPartitionStats(total = 0): PartitionStats {
  return { total, read: 0, migrated: 0, rejected: 0, rows: 0, findings: {} };
}

export function addFindings(into: Record<string, number>, from: Record<string, number>): void {
  for (const [code, count] of Object.entries(from)) into[code] = (into[code] ?? 0) + count;
}
