import { EventEmitter } from 'node:events';
import { main } from '../../../cli/main.ts';
import type { CliIo } from '../../../cli/cli-io.ts';

/** What a CLI run left behind: its exit code and everything it wrote. */
export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A text sink that keeps what is written. */
export class Collector {
  text = '';
  columns?: number;
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface RunCliOptions {
  env?: Record<string, string | undefined>;
  cwd?: string;
  isTTY?: boolean;
  /** Emit SIGINT/SIGTERM through this to interrupt the run. */
  signals?: EventEmitter;
}

/** Runs `es2sql <argv>` in this process through `main(argv, io)`, with its own streams and environment. */
export async function runCli(argv: readonly string[], options: RunCliOptions = {}): Promise<CliRun> {
  const stdout = new Collector();
  const stderr = new Collector();
  const io: CliIo = { stdout, stderr, env: options.env ?? {}, cwd: options.cwd ?? process.cwd(), isTTY: options.isTTY ?? false };
  if (options.signals) io.signals = options.signals as unknown as CliIo['signals'];
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The non-empty lines of a text. */
export function lines(text: string): string[] {
  return text.split('\n').filter((line) => line.trim() !== '');
}

/** The last `error: …` line of stderr, without the prefix. */
export function errorLine(run: CliRun): string | undefined {
  return lines(run.stderr).filter((line) => line.startsWith('error: ')).at(-1)?.slice('error: '.length);
}
