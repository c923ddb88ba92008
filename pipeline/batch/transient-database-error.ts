/**
 * Database errors worth retrying the whole batch for: deadlocks and lock timeouts between
 * concurrent slices (MySQL 1213/1205, PostgreSQL 40P01/40001/55P03) and SQLite's busy lock.
 * The batch is idempotent, so replaying it is safe.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const e = error as { code?: unknown; errno?: unknown; message?: unknown };
  const code = String(e?.code ?? '');
  if (code === '40P01' || code === '40001' || code === '55P03') return true;
  if (code === 'ER_LOCK_DEADLOCK' || code === 'ER_LOCK_WAIT_TIMEOUT' || e?.errno === 1213 || e?.errno === 1205) return true;
  return /SQLITE_BUSY|database is locked/i.test(String(e?.message ?? ''));
}

/** Runs `work`, retrying transient database errors with a short backoff. */
export async function withDatabaseRetries<T>(work: () => Promise<T>, attempts = 6): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientDatabaseError(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt + Math.random() * 50));
    }
  }
}
