import { writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { DirectoryError, ensureDirectory, fileErrorReason } from '../../pipeline/report/ensure-directory.ts';
import type { SecretRedactor } from '../config/index.ts';
import { ReportFileError } from '../errors/report-file-error.ts';

/** Writes a JSON report (pretty-printed, redacted like every other output) to `path`, creating its directory. */
export async function writeJsonReport(path: string, report: unknown, redactor: SecretRedactor): Promise<void> {
  const text = redactor.redact(`${JSON.stringify(report, null, 2)}\n`);
  try {
    await ensureDirectory(dirname(path));
    await writeFile(path, text);
  } catch (error) {
    const reason = error instanceof DirectoryError ? error.message : fileErrorReason(error);
    throw new ReportFileError(path, reason, { cause: error });
  }
}
