import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
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

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, 'utf8');
  await rename(temporary, path);
}

/** Writes the HTML page and the JSON (pretty-printed, stable key order as built) of a report. */
export async function writeReport(report: Report, reportPath: string): Promise<ReportFiles> {
  const files = reportFiles(reportPath);
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
  if (reportPath === undefined) return error === undefined ? { report } : { report, error };
  try {
    const files = await writeReport(report, reportPath);
    return error === undefined ? { report, files } : { report, files, error };
  } catch (caught) {
    const writeError = caught instanceof Error ? caught : new Error(String(caught));
    return { report, error: error ?? new Error(`the report could not be written to ${reportPath}: ${writeError.message}`, { cause: writeError }) };
  }
}
