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
