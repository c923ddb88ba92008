import type { ExitCode } from '../../pipeline/run/exit-codes.ts';

/** What the CLI prints and returns for an error: one line, and the process exit code. */
export interface Failure {
  code: ExitCode;
  message: string;
}
