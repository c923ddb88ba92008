/**
 * A command line es2sql cannot run: unknown command or option, a bad value, a flag combination that
 * contradicts itself. The message is one line that says what is wrong and what to do instead; the
 * CLI prints it and exits with EXIT_CODES.usage.
 */
export class UsageError extends Error {
  override name = 'UsageError';

  constructor(message: string) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' ').trim());
  }
}
