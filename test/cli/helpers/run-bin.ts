import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above test/cli/helpers). */
export const REPO = fileURLToPath(new URL('../../../', import.meta.url));
/** Node 24 from the `node` devDependency (the system node may be older). */
export const NODE = `${REPO}node_modules/.bin/node`;
/** The bin as `npm run es2sql` runs it: the TypeScript directly. */
export const BIN = `${REPO}cli/es2sql.ts`;

export interface BinRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `es2sql <argv>` as a child process (pipes, so not a terminal); `onStderr` sees stderr as it arrives. */
export function startBin(argv: readonly string[], options: { cwd?: string; env?: Record<string, string>; onStderr?: (text: string, child: ChildProcess) => void } = {}): { child: ChildProcess; done: Promise<BinRun> } {
  const child = spawn(NODE, ['--disable-warning=ExperimentalWarning', BIN, ...argv], {
    cwd: options.cwd ?? REPO,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/root', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (text: string) => (stdout += text));
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderr += text;
    options.onStderr?.(stderr, child);
  });
  const done = new Promise<BinRun>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { child, done };
}

/** Runs `es2sql <argv>` as a child process to the end. */
export function runBin(argv: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<BinRun> {
  return startBin(argv, options).done;
}
