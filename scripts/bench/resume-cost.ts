import { setTimeout as sleep } from 'node:timers/promises';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { defaultWorkers } from '../../cli/commands/default-workers.ts';
import { createBenchDatabase } from './bench-database.ts';
import { startCountingProxy } from './counting-proxy.ts';
import { runMigrate, spawnMigrate } from './spawn-migrate.ts';

/** What a kill -9 at mid-run cost the rerun. */
export interface ResumeCost {
  /** Documents committed (checkpointed) when the process was killed. */
  committedAtKill: number;
  /**
   * Documents read twice because of the kill, beyond the repeated reference pass: what both
   * processes fetched in their migration passes minus the index size. It is the sum of
   * `uncommitted` and `rerunOverlap`.
   */
  reReads: number;
  /** Documents the killed process fetched in its migration pass but never committed (in flight). */
  uncommitted: number;
  /** Documents the rerun fetched although a checkpoint already covered them. */
  rerunOverlap: number;
  /**
   * Documents of the first passes, both processes together. A start reads the clients first; it
   * reads the actions first too unless it maps them all itself on one thread (a fresh run learns
   * the action catalog as it maps the actions; the rerun, with actions committed, reads them).
   */
  referencePassReads: number;
  /** The bound the target sets: batch size × slices. */
  allowed: number;
  batchSize: number;
  slices: number;
}

async function committedDocs(url: string): Promise<number> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const row = await db.selectFrom('es2sql_checkpoints').select((eb) => eb.fn.sum<number>('docs_read').as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  } catch {
    return 0;
  } finally {
    await db.destroy();
  }
}

/**
 * Runs migrate through a proxy that counts the hits Elasticsearch returns, kills it with SIGKILL
 * once half the documents are committed, reruns it to the end, and splits the extra documents
 * fetched into the first passes (each start's), pages the killed process read but
 * never committed (in flight) and pages the rerun read although they were committed: the last two
 * are the re-reads the checkpoints should bound.
 */
export async function measureResumeCost(dialect: Dialect, esUrl: string, index: string, total: number, options: { slices: number; batchSize: number }): Promise<ResumeCost> {
  const proxy = await startCountingProxy(esUrl);
  const target = await createBenchDatabase(dialect, 'resume');
  try {
    const migrate = { source: { url: proxy.url, index }, target: target.url, slices: options.slices, batchSize: options.batchSize };
    const victim = spawnMigrate({ migrate });
    let ended = false;
    void victim.done.then(() => (ended = true));
    while (!ended && (await committedDocs(target.url)) < total / 2) await sleep(50);
    if (ended) throw new Error('the migrate process finished before it could be killed at mid-run');
    victim.child.kill('SIGKILL');
    await victim.done;
    // Its last searches may still be answered (counted as the killed process's, as they were its reads).
    await proxy.settled();
    const fetchedByVictim = proxy.hits();
    const committedAtKill = await committedDocs(target.url);
    proxy.reset();
    const rerun = await runMigrate({ migrate });
    const fetchedByRerun = proxy.hits();
    if (rerun.stats.read !== total) throw new Error(`the rerun ended with ${rerun.stats.read} documents read in all, expected ${total}`);
    const { clients, sessions, actions } = rerun.stats.partitions;
    const [clientDocs, sessionDocs, actionDocs] = [clients?.total ?? 0, sessions?.total ?? 0, actions?.total ?? 0];
    // Partitions are committed one after another (clients, sessions, actions…): whether the kill
    // came after the first committed action page decides whether the rerun reads the actions first.
    const victimFirstPass = clientDocs + (defaultWorkers() === 0 ? 0 : actionDocs);
    const rerunFirstPass = clientDocs + (defaultWorkers() === 0 && committedAtKill <= clientDocs + sessionDocs ? 0 : actionDocs);
    const uncommitted = fetchedByVictim - victimFirstPass - committedAtKill;
    const rerunOverlap = fetchedByRerun - rerunFirstPass - (total - committedAtKill);
    return {
      committedAtKill,
      reReads: uncommitted + rerunOverlap,
      uncommitted,
      rerunOverlap,
      referencePassReads: victimFirstPass + rerunFirstPass,
      // One page committing and one read ahead per slice (encodedPages).
      allowed: 2 * options.batchSize * options.slices,
      batchSize: options.batchSize,
      slices: options.slices,
    };
  } finally {
    await proxy.close();
    await target.drop();
  }
}
