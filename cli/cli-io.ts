/** A stream the CLI writes text to (process.stdout, process.stderr, or a collector in tests). */
export interface TextSink {
  write(chunk: string): unknown;
  /** Terminal width when the sink is a terminal. */
  columns?: number;
}

/** Where SIGINT/SIGTERM come from: `process` in the bin, an EventEmitter (or nothing) in tests. */
export interface SignalSource {
  on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

/**
 * Everything {@link main} touches outside itself, passed in so that tests run the CLI in-process
 * with their own streams, environment and working directory, and never touch `process`.
 */
export interface CliIo {
  /** Results: summaries, status tables, help. */
  stdout: TextSink;
  /** Diagnostics: progress, notes, warnings, the one-line error. */
  stderr: TextSink;
  /** Environment variables (only `ES2SQL_*` are read). */
  env: Readonly<Record<string, string | undefined>>;
  /** Working directory for relative paths and the default SQLite target. */
  cwd: string;
  /** True when stderr is a terminal: progress is drawn as live bars instead of JSON lines. */
  isTTY: boolean;
  /** Interrupts: the first one stops the run after its current batch. */
  signals?: SignalSource;
  /** Ends the process at once (a second Ctrl-C); absent in tests. */
  exit?: (code: number) => void;
}
