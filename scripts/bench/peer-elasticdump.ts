import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One elasticdump export: its settings and rate. */
export interface PeerRun {
  settings: string;
  docs: number;
  seconds: number;
}

/** The settings tried: its default, then its largest page with scroll and with search_after + PIT. */
export const ELASTICDUMP_SETTINGS: readonly string[][] = [
  ['--limit=100'],
  ['--limit=10000'],
  ['--limit=10000', '--searchAfter', '--pit'],
];

function elasticdumpBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('elasticdump/package.json')), 'bin', 'elasticdump');
}

function lineCount(path: string): number {
  const text = readFileSync(path);
  let lines = 0;
  for (let i = text.indexOf(10); i !== -1; i = text.indexOf(10, i + 1)) lines++;
  return lines;
}

/**
 * elasticdump (the npm package) exporting the index to an NDJSON file, `--type=data`, with this
 * Node; wall time of the whole process, documents counted in the file it wrote.
 */
export async function runElasticdump(url: string, index: string, settings: readonly string[]): Promise<PeerRun> {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-bench-dump-'));
  const output = join(dir, 'dump.ndjson');
  try {
    const started = performance.now();
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [elasticdumpBin(), `--input=${url.replace(/\/$/, '')}/${index}`, `--output=${output}`, '--type=data', '--quiet', ...settings], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('error', reject);
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`elasticdump ${settings.join(' ')} exited ${code}: ${stderr.trim().slice(-500)}`))));
    });
    const seconds = (performance.now() - started) / 1000;
    return { settings: settings.join(' '), docs: lineCount(output), seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Every setting of {@link ELASTICDUMP_SETTINGS}; the best is the peer figure, the default is shown
 * for context (on corpora up to 200k documents: beyond that its 100-document pages take too long).
 */
export async function measureElasticdump(url: string, index: string, docs: number, log: (line: string) => void): Promise<{ best: PeerRun; runs: PeerRun[] }> {
  const runs: PeerRun[] = [];
  for (const settings of ELASTICDUMP_SETTINGS) {
    if (settings.includes('--limit=100') && docs > 200_000) continue;
    const run = await runElasticdump(url, index, settings);
    log(`elasticdump ${run.settings}: ${run.docs} docs in ${run.seconds.toFixed(1)} s`);
    runs.push(run);
  }
  const rate = (r: PeerRun) => r.docs / r.seconds;
  return { best: runs.reduce((a, b) => (rate(b) > rate(a) ? b : a)), runs };
}
