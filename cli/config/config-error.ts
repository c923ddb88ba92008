/**
 * The one error type of the configuration layer. Every message is a single line that says what is
 * wrong and what to do next, and never carries a password or API key: messages are built from
 * display forms only, and {@link ConfigError.redacted} scrubs them once more with the known secrets.
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  /** The option the problem is about (`target`, `slices`, …) when there is one. */
  readonly key: string | undefined;
  /** The config file the problem is in, when there is one. */
  readonly file: string | undefined;

  constructor(message: string, options: { key?: string; file?: string; cause?: unknown } = {}) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' '), options.cause === undefined ? undefined : { cause: options.cause });
    this.key = options.key;
    this.file = options.file;
  }

  /** A copy whose message went through `redact` (the redactor of the secrets seen so far). */
  redacted(redact: (text: string) => string): ConfigError {
    const copy = new ConfigError(redact(this.message), { key: this.key, file: this.file });
    copy.stack = `${copy.name}: ${copy.message}`;
    return copy;
  }
}
