import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretRedactor } from '../config/index.ts';
import { ReportFileError } from '../errors/report-file-error.ts';

/** Writes a JSON report (pretty-printed, redacted like every other output) to `path`, creating its directory. */
export async function writeJsonReport(path: string, report: unknown, redactor: SecretRedactor): Promise<void> {
  const text = redactor.redact(`${JSON.stringify(report, null, 2)}\n`);
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'ENOSPC' ? 'disk full' : code === 'EISDIR' ? 'it is a directory' : (code ?? 'error');
    throw new ReportFileError(path, reason, { cause: error });
  }
}
