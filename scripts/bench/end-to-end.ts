import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWritableDatabase } from '../../pipeline/load/target-database.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { createBenchDatabase, type BenchDatabase } from './bench-database.ts';
import type { EndToEnd } from './bench-results.ts';
import { withCpuAccounting } from './cpu-accounting.ts';
import { summariseProfile, type ProfileSummary } from './profile-summary.ts';
import { runMigrate } from './spawn-migrate.ts';

/** An end-to-end run and the database it filled (the write bound takes its rows; drop it after). */
export interface EndToEndRun {
  result: EndToEnd;
  target: BenchDatabase;
  profile?: ProfileSummary;
  /** The `.cpuprofile` file, kept for a closer look (chrome://inspect, speedscope). */
  profileFile?: string;
}

async function effectiveSettings(url: string): Promise<{ batchSize: number; slices: number }> {
  const opened = openWritableDatabase(url);
  try {
    const row = await opened.db.selectFrom('es2sql_checkpoints').select((eb) => eb.fn.max<number>('slices').as('slices')).executeTakeFirst();
    return { batchSize: opened.adapter.capabilities.preferredBatchRows, slices: Number(row?.slices ?? 0) };
  } finally {
    await opened.close();
  }
}

/**
 * es2sql end to end: one `migrate` process (library defaults for slices and batch size) from the
 * corpus index into a fresh database of the dialect. The rate is the documents over the time
 * `migrate()` took inside the process (connecting, schema creation, reference pass included; Node's
 * start-up not); RSS is the process's own peak (VmHWM, pipeline/report/peak-rss.ts).
 */
export async function measureEndToEnd(dialect: Dialect, esUrl: string, index: string, options: { profile?: boolean } = {}): Promise<EndToEndRun> {
  const target = await createBenchDatabase(dialect, 'e2e');
  const profileDir = options.profile ? mkdtempSync(join(tmpdir(), 'es2sql-bench-prof-')) : undefined;
  try {
    const { result: report, cpu } = await withCpuAccounting(() => runMigrate({ migrate: { source: { url: esUrl, index }, target: target.url }, profileDir }));
    const settings = await effectiveSettings(target.url);
    const profileName = profileDir ? readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile')) : undefined;
    const profileFile = profileDir && profileName ? join(profileDir, profileName) : undefined;
    return {
      target,
      result: {
        docs: report.stats.read,
        seconds: report.wallMs / 1000,
        maxRssBytes: report.maxRssBytes,
        cpuSeconds: report.cpuMs / 1000,
        rows: report.stats.rows,
        rejected: report.stats.rejected,
        cpu,
        ...settings,
      },
      profile: profileFile ? summariseProfile(profileFile) : undefined,
      profileFile,
    };
  } catch (error) {
    await target.drop();
    throw error;
  }
}
