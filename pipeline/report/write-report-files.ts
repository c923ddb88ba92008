import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidOptionsError } from '../validate/invalid-options-error.ts';
import { DirectoryError, ensureDirectory, fileErrorReason } from './ensure-directory.ts';
import { renderReportHtml } from './render-report.ts';
import type { Report } from './report-types.ts';

/** The two files a report is written to. */
export interface ReportFiles {
  html: string;
  json: string;
}

/**
 * Where a report goes: `reportPath` is the HTML page; the JSON sits beside it with `.json` in
 * place of a `.html`/`.htm` extension (`report.html` → `report.json`), else appended
 * (`out/report` → `out/report` + `out/report.json`).
 */
export function reportFiles(reportPath: string): ReportFiles {
  const match = /\.html?$/i.exec(reportPath);
  return { html: reportPath, json: match ? `${reportPath.slice(0, match.index)}.json` : `${reportPath}.json` };
}

/** Writes through a temporary file beside `path`, which is removed again when the write fails. */
async function writeAtomically(path: string, text: string): Promise<void> {
  await ensureDirectory(dirname(path));
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, text, 'utf8');
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => {});
    throw error;
  }
}

/** Writes the HTML page and the JSON (pretty-printed, stable key order as built) of a report. */
export async function writeReport(report: Report, reportPath: string): Promise<ReportFiles> {
  const files = reportFiles(reportPath);
  // Refuse a directory before anything is written (else the JSON would land beside it).
  for (const path of [files.html, files.json]) {
    if (await stat(path).then((s) => s.isDirectory(), () => false)) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR' });
  }
  await writeAtomically(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await writeAtomically(files.html, renderReportHtml(report));
  return files;
}

/** What validate and verify return: the report, its files when written, the error when one ended the run. */
export interface ReportResult<R extends Report> {
  report: R;
  /** Where the report was written, when a report path was given. */
  files?: ReportFiles;
  error?: Error;
}

/**
 * The result of a finished validate or verify: writes the report when `reportPath` is given. A run
 * that ended in an error still writes what it saw; a report that cannot be written becomes the
 * error when the run had none.
 */
export async function reportResult<R extends Report>(report: R, reportPath: string | undefined, error: Error | undefined): Promise<ReportResult<R>> {
  // A run refused for its options (a usage error) produced nothing worth a report.
  if (reportPath === undefined || error instanceof InvalidOptionsError) return error === undefined ? { report } : { report, error };
  try {
    const files = await writeReport(report, reportPath);
    return error === undefined ? { report, files } : { report, files, error };
  } catch (caught) {
    const writeError = caught instanceof Error ? caught : new Error(String(caught));
    const reason = writeError instanceof DirectoryError ? writeError.message : fileErrorReason(writeError);
    return { report, error: error ?? new Error(`the report could not be written to ${reportPath}: ${reason}; choose another path with --report`, { cause: writeError }) };
  }
}
