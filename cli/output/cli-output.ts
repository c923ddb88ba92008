import type { SecretRedactor } from '../config/index.ts';
import type { TextSink } from '../cli-io.ts';
import { printable } from './printable.ts';

/** How notes, warnings and errors are written: plain lines, or one JSON object per line. */
export type LogFormat = 'text' | 'json';

type Level = 'debug' | 'info' | 'warning' | 'error';

/**
 * Every line the CLI writes goes through here, and through the secret redactor on its way out, so
 * no password or API key can reach the terminal or a log, whatever code path produced the text.
 *
 * Every line is also made printable (control characters from data shown as `\uXXXX`, see
 * {@link printable}): ids and bad lines can hold terminal escape sequences.
 *
 * stdout carries results (summaries, status, help); stderr carries diagnostics (progress, notes,
 * warnings, the one-line error). `quiet` keeps only errors and the results the user asked for
 * (status output); `debug` adds debug lines.
 */
export class CliOutput {
  readonly #stdout: TextSink;
  readonly #stderr: TextSink;
  readonly redactor: SecretRedactor;
  quiet = false;
  debugEnabled = false;
  format: LogFormat = 'text';
  /** While live progress bars are drawn, diagnostics go through this (so bars stay intact). */
  #diverted: ((line: string) => void) | undefined;

  constructor(stdout: TextSink, stderr: TextSink, redactor: SecretRedactor) {
    this.#stdout = stdout;
    this.#stderr = stderr;
    this.redactor = redactor;
  }

  /** A result the user asked for (status tables, help): printed even with --quiet. */
  result(text: string): void {
    this.#stdout.write(printable(this.redactor.redact(text.endsWith('\n') ? text : `${text}\n`)));
  }

  /** The end-of-run summary: suppressed by --quiet. */
  summary(text: string): void {
    if (!this.quiet) this.result(text);
  }

  info(message: string): void {
    if (!this.quiet) this.#log('info', message);
  }

  warn(message: string): void {
    if (!this.quiet) this.#log('warning', message);
  }

  debug(message: string): void {
    if (this.debugEnabled) this.#log('debug', message);
  }

  /** The one-line error (and, with --debug, the stack after it). Never suppressed. */
  error(message: string, stack?: string): void {
    this.#log('error', message, stack);
  }

  /** A raw diagnostic line (JSON progress records): redacted, not suppressed here. */
  diagnostic(line: string): void {
    this.#emit(line);
  }

  /** The stream progress bars draw on (redacted chunk by chunk). */
  get stderr(): TextSink {
    return this.#stderr;
  }

  /** Sends diagnostics through `sink` (live progress bars) until called again with undefined. */
  divert(sink: ((line: string) => void) | undefined): void {
    this.#diverted = sink;
  }

  #log(level: Level, message: string, stack?: string): void {
    if (this.format === 'json') {
      const record: Record<string, unknown> = { event: 'log', level, message, time: new Date().toISOString() };
      if (stack) record.stack = stack;
      this.#emit(JSON.stringify(record));
      return;
    }
    const prefix = level === 'info' ? '' : `${level}: `;
    this.#emit(`${prefix}${message}`);
    if (stack) this.#emit(stack);
  }

  #emit(line: string): void {
    const safe = printable(this.redactor.redact(line));
    if (this.#diverted) this.#diverted(safe);
    else this.#stderr.write(`${safe}\n`);
  }
}
