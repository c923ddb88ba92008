import type { SyncStats } from './sync-stats.ts';

/** What a sync or cutover tells its caller while it works (the CLI turns these into output). */
export type SyncEvent =
  | { type: 'info'; message: string }
  | { type: 'warning'; message: string }
  /** The lock is held by someone else and the caller asked to wait. Sent once, then again if the holder changes. */
  | { type: 'lock-wait'; holder: string; since: string }
  /** A stale lock (no heartbeat for `staleMs`) was taken over from a holder that died. */
  | { type: 'lock-takeover'; previousHolder: string; lastHeartbeat: string }
  | { type: 'sweep-done'; partition: string; swept: number; complete: boolean; error?: string }
  /** Changes found per partition once the sweep is diffed against the document map. */
  | { type: 'found'; partitions: Record<string, { new: number; changed: number; deleted: number }> }
  /** One committed batch of applied changes. */
  | { type: 'applied'; partition: string; kind: 'upsert' | 'delete'; documents: number; rows: number }
  /** `syncEvery`: one run ended (with its stats and lag). */
  | { type: 'run-done'; run: number; stats: SyncStats; error?: Error };

export type SyncEventListener = (event: SyncEvent) => void;
