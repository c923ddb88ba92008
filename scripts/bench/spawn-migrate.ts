import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LAUNCH_ENV, LAUNCH_FLAGS } from '../../cli/heap-settings.ts';
import type { MigrateOptions } from '../../pipeline/run/migrate.ts';
import type { MigrateProcessReport } from './migrate-process.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Where {@link compileMigrateProcess} writes the child and the code it runs, as JavaScript. */
const BUILD = join(ROOT, '.bench-build');
const CHILD = join(BUILD, 'bin', 'bench-migrate-process.js');
/**
 * The same child from the compiled files, for CPU profiles: in the bundle every function's frame
 * names a shared chunk, so the profile summary (profile-summary.ts) could not tell modules apart.
 */
const PROFILED_CHILD = join(BUILD, 'scripts', 'bench', 'migrate-process.js');

/**
 * Compiles the benchmarked child and the product code into JavaScript (tsconfig.bench.json →
 * `.bench-build/`) and bundles it with the bin's entries, as `npm run build` builds the published bin: the migrate processes then run
 * what a user runs. Started from the TypeScript sources, Node strips the types of every module at
 * each start (amaro, a WebAssembly build of swc, in each process and each worker thread): 0.2 s of
 * CPU and 12 MB of RSS on a 100k-document migrate that the bin never pays.
 */
export function compileMigrateProcess(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.bench.json')], { cwd: ROOT, stdio: 'inherit' });
  // Then bundled as `npm run build` bundles the bin (scripts/bundle-bin.ts), the child an entry of its own.
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'bundle-bin.ts'), BUILD, 'bench-migrate-process=scripts/bench/migrate-process.js'], { cwd: ROOT, stdio: 'inherit' });
}

/** Options of one benchmarked migrate process (MigrateOptions as JSON, plus how to run it). */
export interface SpawnMigrateOptions {
  migrate: Omit<MigrateOptions, 'migrationTime' | 'signal' | 'onEvent'> & { migrationTime?: string };
  /** Write a `.cpuprofile` into this directory (node --cpu-prof). */
  profileDir?: string;
  /** `--mapping` as the CLI takes it (freezer, auto, a file); the child resolves it. Default: Freezer. */
  mapping?: string;
}

/** A running migrate process: its pid (for kill -9) and the promise of its end. */
export interface MigrateProcess {
  child: ChildProcess;
  /** The child's report, or undefined when it was killed or crashed; `wallMs` measured here. */
  done: Promise<{ report: MigrateProcessReport | undefined; wallMs: number; code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the compiled scripts/bench/migrate-process.ts ({@link compileMigrateProcess} first) with this Node and the bin's launch flags and environment, as the bin starts. */
export function spawnMigrate(options: SpawnMigrateOptions): MigrateProcess {
  const flags = [...LAUNCH_FLAGS, '--disable-warning=ExperimentalWarning'];
  if (options.profileDir) flags.push('--cpu-prof', `--cpu-prof-dir=${options.profileDir}`);
  const started = performance.now();
  const child = spawn(process.execPath, [...flags, options.profileDir ? PROFILED_CHILD : CHILD, JSON.stringify(options.migrate), ...(options.mapping === undefined ? [] : [options.mapping])], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...LAUNCH_ENV } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<Awaited<MigrateProcess['done']>>((resolve) => {
    child.on('exit', (code, signal) => {
      const wallMs = performance.now() - started;
      const line = stdout.trim().split('\n').pop();
      let report: MigrateProcessReport | undefined;
      try {
        report = line ? (JSON.parse(line) as MigrateProcessReport) : undefined;
      } catch {
        report = undefined;
      }
      resolve({ report, wallMs, code, signal, stderr });
    });
  });
  return { child, done };
}

/** Runs a migrate process to its end; throws with its stderr when it did not finish the run. */
export async function runMigrate(options: SpawnMigrateOptions): Promise<MigrateProcessReport & { parentWallMs: number }> {
  const { report, wallMs, code, stderr } = await spawnMigrate(options).done;
  if (!report || report.error) throw new Error(`migrate process failed (exit ${code}): ${report?.error ?? stderr.trim().slice(-2000)}`);
  return { ...report, parentWallMs: wallMs };
}
