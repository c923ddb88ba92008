import type { RunEventListener } from '../batch/run-events.ts';
import { PipelineLock, lockHolderName } from '../sync/pipeline-lock.ts';
import type { StateStore } from './state-store.ts';

/** How a migrate takes the pipeline lock. */
export interface MigrateLockOptions {
  /** Wait while another migrate, sync or cutover holds it: `true` forever, a number of ms, else fail at once. */
  wait?: boolean | number;
  /** Lock tuning (tests): a lock without heartbeat for `staleMs` (default 2 min) is taken over. */
  lock?: { staleMs?: number; heartbeatMs?: number; pollMs?: number };
  /** Scale-out: the process slot of this process (its own lock, see {@link acquireMigrateLock}). */
  process?: { index: number; count: number } | undefined;
  restart?: boolean;
  signal?: AbortSignal | undefined;
  onEvent?: RunEventListener | undefined;
}

/**
 * Takes the lock a migrate holds for its whole run: the pipeline's own lock (the one sync and
 * cutover take), so a second migrate, a `migrate --restart`, a sync or a cutover of the same source
 * and target is refused (or waits with `wait`) instead of doing the same work at the same time. The
 * processes of a scaled-out run (`process`) share one run by design: each takes the lock of its own
 * slot instead, so two processes started for the same slot are refused.
 */
export function acquireMigrateLock(store: StateStore, pipelineId: string, options: MigrateLockOptions): Promise<PipelineLock> {
  const key = options.process ? `${pipelineId}/p${options.process.index}of${options.process.count}` : pipelineId;
  const label = `migrate${options.restart ? ' --restart' : ''}${options.process ? ` (process ${options.process.index} of ${options.process.count})` : ''}`;
  const emit = options.onEvent;
  return PipelineLock.acquire(store, key, lockHolderName(label), {
    ...options.lock,
    wait: options.wait ?? false,
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (event) => {
      if (event.type === 'lock-wait') emit?.({ type: 'info', message: `waiting for ${event.holder} (running since ${event.since}) to finish` });
      else if (event.type === 'lock-takeover') emit?.({ type: 'info', message: `took over the lock left by ${event.previousHolder} (last heartbeat ${event.lastHeartbeat}): that process is gone` });
    },
  });
}
