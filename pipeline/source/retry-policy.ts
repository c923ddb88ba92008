import { SourceError, SourceShardFailureError } from './source-error.ts';

/** How transient failures are retried: exponential backoff with jitter, capped. */
export interface RetryPolicy {
  /** Retries after the first attempt before giving up (0 = never retry). */
  maxRetries: number;
  /** Delay ceiling of the first retry; doubles with every further retry. */
  baseDelayMs: number;
  /** Upper bound of any single delay. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { maxRetries: 10, baseDelayMs: 250, maxDelayMs: 30_000 };

/** What the source reports through `onRetry` before it waits and repeats something. */
export interface RetryInfo {
  /** 1-based number of this retry. */
  attempt: number;
  maxRetries: number;
  /** How long the source waits before the retry. */
  delayMs: number;
  /** Why: `HTTP 429`, `connection reset`, `2 of 5 shards failed`, `scroll expired`, … */
  reason: string;
  /** What was being done: `search page of jobs`, `count of backups`, … */
  operation: string;
}

/**
 * Delay before retry number `attempt` (1-based): a random value in the upper half of
 * `min(maxDelayMs, baseDelayMs · 2^(attempt-1))`, so parallel slices do not retry in lockstep but
 * no retry comes back sooner than half its backoff.
 */
export function retryDelay(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Waits, or throws the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Short reason of a transient error for {@link RetryInfo.reason}. */
export function retryReason(error: unknown): string {
  if (error instanceof SourceShardFailureError) return error.failed > 0 ? `${error.failed} of ${error.total} shards failed` : 'search timed out';
  if (error instanceof SourceError) {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') return `HTTP ${status}`;
    const reason = (error as { reason?: unknown }).reason;
    if (typeof reason === 'string') return reason;
    return error.problem;
  }
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs `attempt` until it succeeds, a non-transient error occurs, or `policy.maxRetries` retries
 * are spent (the last error is then thrown, marked with {@link SourceError.gaveUp}).
 */
export async function withRetries<T>(
  policy: RetryPolicy,
  operation: string,
  attempt: () => Promise<T>,
  hooks: { onRetry: (info: RetryInfo) => void; signal?: AbortSignal | undefined },
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      hooks.signal?.throwIfAborted();
      if (!(error instanceof SourceError) || !error.transient) throw error;
      if (retry >= policy.maxRetries) throw error.gaveUp(retry);
      const delayMs = retryDelay(policy, retry + 1);
      hooks.onRetry({ attempt: retry + 1, maxRetries: policy.maxRetries, delayMs, reason: retryReason(error), operation });
      await sleep(delayMs, hooks.signal);
    }
  }
}
