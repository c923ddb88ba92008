import type { SyncStats } from './sync-stats.ts';

/** What a sync or cutover tells its caller while it works (the CLI turns these into output). */
export type SyncEvent =
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string }
  /** The lock is held by someone else and the caller asked to wait. Sent once, then again if the holder changes. */
  | { type: 'lock-wait'; holder: string; since: string }
  /** A stale lock (no heartbeat for `staleMs`) was taken over from a holder that died. */
  | { type: 'lock-takeover'; previousHolder: string; lastHeartbeat: string }
  /**
   * One partition swept: `staged` of its `swept` entries went to `es2sql_sweep` (all of them when
   * `fullPass`, else only the new and changed ones).
   */
  | { type: 'sweep-done'; partition: string; swept: number; staged: number; fullPass: boolean; complete: boolean; error?: string }
  /** A partition is swept again with every id staged, because its deletes cannot be settled by counting. */
  | { type: 'full-pass'; partition: string; reason: 'counts differ' | 'repeated ids' | 'not in the source' }
  /** Changes found per partition once the sweep is diffed against the document map. */
  | { type: 'found'; partitions: Record<string, { new: number; changed: number; deleted: number }> }
  /** One committed batch of applied changes. */
  | { type: 'applied'; partition: string; kind: 'upsert' | 'delete'; documents: number; rows: number }
  /** `syncEvery`: one run ended (with its stats and lag). */
  | { type: 'run-done'; run: number; stats: SyncStats; error?: Error };

export type SyncEventListener = (event: SyncEvent) => void;
