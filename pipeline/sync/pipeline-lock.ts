import { hostname } from 'node:os';
import type { StateStore } from '../state/state-store.ts';
import type { SyncEventListener } from './sync-events.ts';
import { LockHeldError, LockLostError } from './sync-errors.ts';

/** How to take the lock. */
export interface LockOptions {
  /** Wait while another process holds it: `true` forever, a number of milliseconds, else fail at once. */
  wait?: boolean | number;
  /** A lock without a heartbeat for this long belongs to a dead process and is taken over. Default 120 000. */
  staleMs?: number;
  /** Heartbeat period. Default a quarter of `staleMs`. */
  heartbeatMs?: number;
  /** How often a waiting process looks again. Default 1 000 ms. */
  pollMs?: number;
  signal?: AbortSignal;
  onEvent?: SyncEventListener;
}

interface LockRow {
  holder: string;
  acquired_at: string;
  heartbeat_at: string;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

/** `host pid N <label>`: who holds a lock, as shown to the process that finds it held. */
export function lockHolderName(label: string): string {
  return `${hostname()} pid ${process.pid} ${label}`.slice(0, 255);
}

/**
 * The per-pipeline lock in `es2sql_locks`, held by migrate (also --restart), sync and cutover, so
 * no two of them work on one source and target at once: one row per pipeline, taken with an INSERT (the primary
 * key makes a second INSERT fail), kept alive by a heartbeat, released in `finally`. A row whose
 * heartbeat is older than `staleMs`, or whose holder process on this host no longer exists (kill -9),
 * was left by a process that died; it is taken over with a
 * compare-and-set UPDATE so two waiters cannot both win. When this process's own heartbeat finds
 * the row gone or taken over, {@link lost} aborts, and the run stops before writing more.
 */
export class PipelineLock {
  readonly holder: string;
  readonly pipelineId: string;
  readonly #store: StateStore;
  readonly #lost = new AbortController();
  readonly #timer: NodeJS.Timeout;

  private constructor(store: StateStore, pipelineId: string, holder: string, heartbeatMs: number) {
    this.#store = store;
    this.pipelineId = pipelineId;
    this.holder = holder;
    this.#timer = setInterval(() => void this.#beat(), heartbeatMs);
    this.#timer.unref();
  }

  /** Aborted (with a LockLostError) when another process has taken the lock over. */
  get lost(): AbortSignal {
    return this.#lost.signal;
  }

  /** Takes the lock, waiting if asked to; throws LockHeldError naming the holder otherwise. */
  static async acquire(store: StateStore, pipelineId: string, holder: string, options: LockOptions = {}): Promise<PipelineLock> {
    const staleMs = options.staleMs ?? 120_000;
    const heartbeatMs = options.heartbeatMs ?? Math.max(50, Math.floor(staleMs / 4));
    const deadline = options.wait === true ? Infinity : typeof options.wait === 'number' ? Date.now() + options.wait : 0;
    let announced = '';
    for (;;) {
      options.signal?.throwIfAborted();
      if (await tryInsert(store, pipelineId, holder)) return new PipelineLock(store, pipelineId, holder, heartbeatMs);
      const row = await readLock(store, pipelineId);
      if (row === undefined) continue;
      const age = Date.now() - Date.parse(row.heartbeat_at);
      if ((!(age < staleMs) || holderIsGone(row.holder)) && (await takeOver(store, pipelineId, holder, row))) {
        options.onEvent?.({ type: 'lock-takeover', previousHolder: row.holder, lastHeartbeat: row.heartbeat_at });
        return new PipelineLock(store, pipelineId, holder, heartbeatMs);
      }
      if (Date.now() >= deadline) throw heldError(row, staleMs, options.wait !== undefined && options.wait !== false);
      if (announced !== row.holder) {
        announced = row.holder;
        options.onEvent?.({ type: 'lock-wait', holder: row.holder, since: row.acquired_at });
      }
      await sleep(Math.min(options.pollMs ?? 1000, Math.max(0, deadline - Date.now())), options.signal);
    }
  }

  /** Stops the heartbeat and deletes the row if it is still ours. */
  async release(): Promise<void> {
    clearInterval(this.#timer);
    await this.#store.db.deleteFrom('es2sql_locks').where('pipeline_id', '=', this.pipelineId).where('holder', '=', this.holder).execute();
  }

  async #beat(): Promise<void> {
    try {
      const result = await this.#store.db
        .updateTable('es2sql_locks')
        .set({ heartbeat_at: new Date().toISOString() })
        .where('pipeline_id', '=', this.pipelineId)
        .where('holder', '=', this.holder)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0 && !this.#lost.signal.aborted) {
        clearInterval(this.#timer);
        this.#lost.abort(new LockLostError(`lost the sync lock of pipeline ${this.pipelineId}: another process took it over after this one missed its heartbeats; nothing more was written, rerun sync`));
      }
    } catch {
      // A failed heartbeat is retried on the next tick; only a lock that is gone stops the run.
    }
  }
}

/**
 * The holder ran on this host and its process no longer exists (killed with -9, crashed): its lock
 * is stale at once, without waiting for the heartbeat to age. A holder on another host, or a pid
 * that exists (possibly reused), is left to the heartbeat rule.
 */
export function holderIsGone(holder: string): boolean {
  const match = /^(\S+) pid (\d+) /.exec(holder);
  if (!match || match[1] !== hostname()) return false;
  const pid = Number(match[2]);
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** The command in a holder name (`host pid N migrate …` → `migrate`), for messages. */
function holderCommand(holder: string): string {
  return /^\S+ pid \d+ (\S+)/.exec(holder)?.[1] ?? 'es2sql command';
}

/** Inserts this holder's lock row: true when it did, false when another holder's row is there. */
async function tryInsert(store: StateStore, pipelineId: string, holder: string): Promise<boolean> {
  // A primary-key conflict means "held"; anything else is real, and shows when the row is absent.
  // The holder may release between the failed insert and the read (CI met exactly that: the row
  // was gone, and the conflict was reported as a failure), so an absent row gets another insert;
  // an error that repeats with no row to explain it is real.
  for (let attempt = 1; ; attempt++) {
    const at = new Date().toISOString();
    try {
      await store.db.insertInto('es2sql_locks').values({ pipeline_id: pipelineId, holder, acquired_at: at, heartbeat_at: at }).execute();
      return true;
    } catch (error) {
      if ((await readLock(store, pipelineId)) !== undefined) return false;
      if (attempt >= 3) throw error;
    }
  }
}

async function readLock(store: StateStore, pipelineId: string): Promise<LockRow | undefined> {
  const row = await store.db.selectFrom('es2sql_locks').select(['holder', 'acquired_at', 'heartbeat_at']).where('pipeline_id', '=', pipelineId).executeTakeFirst();
  return row === undefined ? undefined : { holder: String(row.holder), acquired_at: String(row.acquired_at), heartbeat_at: String(row.heartbeat_at) };
}

async function takeOver(store: StateStore, pipelineId: string, holder: string, stale: LockRow): Promise<boolean> {
  const at = new Date().toISOString();
  const result = await store.db
    .updateTable('es2sql_locks')
    .set({ holder, acquired_at: at, heartbeat_at: at })
    .where('pipeline_id', '=', pipelineId)
    .where('holder', '=', stale.holder)
    .where('heartbeat_at', '=', stale.heartbeat_at)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

function heldError(row: LockRow, staleMs: number, waited: boolean): LockHeldError {
  const minutes = Math.round(staleMs / 6000) / 10;
  const advice = waited
    ? 'gave up waiting; try again later'
    : 'wait for it to finish or pass --wait';
  return new LockHeldError(
    `another ${holderCommand(row.holder)} of this source and target is running (${row.holder}, since ${row.acquired_at}, last heartbeat ${row.heartbeat_at}); ${advice} (a lock without heartbeat for ${minutes} min, or whose process on this host is gone, is taken over)`,
    row.holder,
    row.acquired_at,
  );
}
