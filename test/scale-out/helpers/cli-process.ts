import { spawn, type ChildProcess } from 'node:child_process';

/** How a child process ended. */
export interface ProcessExit {
  code: number | null;
  /** Ended by our SIGKILL. */
  killed: boolean;
  stdout: string;
  stderr: string;
}

/** A child process started by {@link startNode} and the promise of its end. */
export interface RunningProcess {
  child: ChildProcess;
  exited: Promise<ProcessExit>;
}

/** Runs a TypeScript entry point of the repository with this Node (24, type stripping). */
export function startNode(script: string, args: readonly string[]): RunningProcess {
  const child = spawn(process.execPath, ['--disable-warning=ExperimentalWarning', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk) => (stdout += chunk));
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<ProcessExit>((resolve) => child.on('exit', (code, signal) => resolve({ code, killed: signal === 'SIGKILL', stdout, stderr })));
  return { child, exited };
}

/** `es2sql migrate …` as a user runs it (cli/es2sql.ts). */
export function startCli(args: readonly string[]): RunningProcess {
  return startNode('cli/es2sql.ts', args);
}

/** Exit 0 (all migrated) or 3 (done, with rejected documents: the corpus has dirty data). */
export function finished(run: ProcessExit): boolean {
  return run.code === 0 || run.code === 3;
}
