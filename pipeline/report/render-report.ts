import { createHash } from 'node:crypto';
import { chartLibrary } from './chart-library.ts';
import { jsonForScript } from './embed-json.ts';
import { escapeHtml as esc, formatCount } from './html-escape.ts';
import { PAGE_SCRIPT } from './page-script.ts';
import { PAGE_STYLE } from './page-style.ts';
import { renderValidation } from './render-validation.ts';
import { renderVerification } from './render-verification.ts';
import type { Report } from './report-types.ts';

function sha256(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

function status(report: Report): { label: string; tone: string } {
  if (report.outcome === 'error') return { label: 'Stopped by an error', tone: 'error' };
  if (report.kind === 'validation') {
    return report.outcome === 'clean'
      ? { label: 'Clean: migrate would write every document', tone: 'clean' }
      : { label: `migrate would reject ${formatCount(report.totals.wouldReject)} document${report.totals.wouldReject === 1 ? '' : 's'}${report.findings.some((f) => f.severity === 'blocking') ? ' and stop on blocking problems' : ''}`, tone: 'rejects' };
  }
  const differences = report.totals.missing + report.totals.extra + report.totals.different;
  return report.clean
    ? { label: 'Clean: SQL holds what Elasticsearch holds', tone: 'clean' }
    : { label: `${formatCount(differences)} difference${differences === 1 ? '' : 's'} between Elasticsearch and SQL`, tone: 'differences' };
}

/**
 * One self-contained HTML page for a report: inline CSS, Chart.js and the page script (no
 * network), the report JSON in a `<script type="application/json">` element (escaped by
 * {@link jsonForScript}), every document-derived value HTML-escaped, and a Content-Security-Policy
 * that allows exactly these scripts and this stylesheet by hash — so even a value that slipped
 * through could not run.
 */
export function renderReportHtml(report: Report): string {
  const chartJs = chartLibrary();
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(chartJs)} ${sha256(PAGE_SCRIPT)}`,
    `style-src ${sha256(PAGE_STYLE)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  const title = report.kind === 'validation' ? 'es2sql validation report' : 'es2sql verification report';
  const { label, tone } = status(report);
  const source = report.source ? `${report.source.display}${report.source.version ? ` (Elasticsearch ${report.source.version}, ${report.source.layout})` : ` (${report.source.layout})`}` : 'source not opened';
  const target = report.target ? `${report.target.display ?? `no database (${report.target.dialect})`} — layout ${report.target.layout}, ${report.target.schemaFrom === 'introspected' ? 'schema introspected' : 'schema from the layout definition'}` : 'target not opened';
  const body = report.kind === 'validation' ? renderValidation(report) : renderVerification(report);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="es2sql report format ${report.formatVersion}">
<title>${esc(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<header>
<h1>${esc(title)}</h1>
<div class="route"><code>${esc(source)}</code> → <code>${esc(target)}</code></div>
<div class="status ${esc(tone)}" id="status">${esc(label)}</div>
</header>
<main>
${report.error ? `<div class="error-box"><strong>Error:</strong> ${esc(report.error)}</div>` : ''}
${body}
</main>
<footer>Generated ${esc(report.generatedAt)} · report format ${esc(report.formatVersion)} · the same data as JSON is embedded below and written beside this file.</footer>
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script>${chartJs}</script>
<script>${PAGE_SCRIPT}</script>
</body>
</html>
`;
}
