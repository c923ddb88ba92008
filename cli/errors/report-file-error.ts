/** The report file cannot be written; the run itself may have succeeded. */
export class ReportFileError extends Error {
  override name = 'ReportFileError';
  readonly path: string;

  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`cannot write the report file ${path} (${reason}); choose another path with --report, or create its directory`, options);
    this.path = path;
  }
}
