import { escapeHtml as esc, formatCount, formatDuration } from './html-escape.ts';
import { badge, card, chart, code, counts, fieldList, num, sampleList, section, table } from './html-parts.ts';
import type { ValidationReport } from './report-types.ts';

function cards(report: ValidationReport): string {
  const rows = Object.values(report.tables).reduce((sum, t) => sum + t.rows, 0);
  const blocking = report.findings.filter((f) => f.severity === 'blocking').reduce((sum, f) => sum + f.count, 0);
  return `<div class="cards">${[
    card('Documents read', formatCount(report.totals.read)),
    card('Would migrate', formatCount(report.totals.wouldMigrate), 'ok'),
    card('Would reject', formatCount(report.totals.wouldReject), report.totals.wouldReject > 0 ? 'bad' : 'ok'),
    card('Blocking problems', formatCount(blocking), blocking > 0 ? 'bad' : 'ok'),
    card('Rows to write', formatCount(rows)),
    card('Elapsed', formatDuration(report.elapsedMs)),
    card('Docs / s', formatCount(Math.round(report.docsPerSecond))),
  ].join('')}</div>`;
}

function entities(report: ValidationReport): string {
  const rows = Object.entries(report.entities).map(([name, e]) => {
    const top = Object.entries(e.rejects).sort((a, b) => b[1] - a[1])[0];
    return [code(name), num(e.counted), num(e.read), num(e.wouldMigrate), num(e.wouldReject), top ? `${code(top[0])}&nbsp;${num(top[1])}` : '<span class="empty">—</span>'];
  });
  const body = `<div class="grid2"><div>${table(
    [{ label: 'Entity' }, { label: 'Counted', numeric: true }, { label: 'Read', numeric: true }, { label: 'Would migrate', numeric: true }, { label: 'Would reject', numeric: true }, { label: 'Top reject reason' }],
    rows,
    'entities',
  )}</div>${chart('chart-entities', 'documents per entity: would migrate and would reject')}</div>`;
  return section('Documents per entity', 'Counted = the source\u2019s _count when the run started; read = documents the dry run transformed.', body);
}

function rejects(report: ValidationReport): string {
  const rows = report.rejectReasons.map((r) => [code(r.reason), num(r.count), counts(r.entities), fieldList(r.fields), sampleList(r.samples, r.count)]);
  const body = `${report.rejectReasons.length > 0 ? chart('chart-rejects', 'documents per reject reason') : ''}${table([{ label: 'Reason' }, { label: 'Documents', numeric: true }, { label: 'Entities' }, { label: 'Fields' }, { label: 'Samples' }], rows, 'reject-reasons')}`;
  return section('Reject reasons', 'Documents migrate would refuse, with the reason it records in es2sql_rejects (docs/dirty-data.md).', body);
}

function findings(report: ValidationReport): string {
  const rows = report.findings.map((f) => [code(f.code), badge(f.severity, f.severity), badge(f.origin, f.origin), num(f.count), counts(f.entities), fieldList(f.fields), sampleList(f.samples, f.count)]);
  const body = `${report.findings.length > 0 ? chart('chart-findings', 'findings by code', true) : ''}${table(
    [{ label: 'Code' }, { label: 'Severity' }, { label: 'Origin' }, { label: 'Occurrences', numeric: true }, { label: 'Entities' }, { label: 'Fields' }, { label: 'Samples' }],
    rows,
    'findings',
  )}`;
  return section('Findings', 'Normalisations migrate would apply and hazards worth knowing before cutover (bar colour: blue info, amber warning, red blocking). Transform findings are counted per occurrence, as migrate counts them.', body);
}

function fields(report: ValidationReport): string {
  const rows = report.topFields.map((f) => [code(f.field), num(f.count), counts(f.reasons)]);
  return section('Top offending fields', 'Source fields behind rejects and warnings (list positions folded to *).', table([{ label: 'Field' }, { label: 'Times', numeric: true }, { label: 'Reasons and codes' }], rows, 'top-fields'));
}

function references(report: ValidationReport): string {
  const rows = report.references.map((r) => [
    code(r.kind),
    badge(r.severity, r.severity),
    num(r.checked),
    num(r.count),
    esc(r.description),
    r.samples.length === 0 ? '' : `<details><summary>${esc(formatCount(r.samples.length))} sample${r.samples.length === 1 ? '' : 's'}</summary><ul class="samples">${r.samples.map((s) => `<li><code>${esc(s.docId)}</code> ${esc(s.entity)} → <code>${esc(s.reference)}</code></li>`).join('')}</ul></details>`,
  ]);
  return section('References that would dangle', 'Checked after the whole source was read (and against the existing target).', table([{ label: 'Kind' }, { label: 'Severity' }, { label: 'Checked', numeric: true }, { label: 'Dangling', numeric: true }, { label: 'Meaning' }, { label: 'Samples' }], rows, 'references'));
}

function duplicates(report: ValidationReport): string {
  const rows = report.duplicateKeys.map((d) => [
    code(d.table),
    num(d.keys),
    num(d.documents),
    `<details><summary>${esc(formatCount(d.samples.length))} sample key${d.samples.length === 1 ? '' : 's'}</summary><ul class="samples">${d.samples.map((s) => `<li><code>${esc(s.key)}</code> ← ${s.docIds.map((id) => `<code>${esc(id)}</code>`).join(', ')}</li>`).join('')}</ul></details>`,
  ]);
  return section('Duplicate keys', 'Primary keys more than one document writes: the document read last wins.', table([{ label: 'Table' }, { label: 'Keys', numeric: true }, { label: 'Documents', numeric: true }, { label: 'Samples' }], rows, 'duplicate-keys'));
}

function tables(report: ValidationReport): string {
  const rows = Object.entries(report.tables).map(([name, t]) => [code(name), num(t.rows), num(t.upserts), num(t.insertIfAbsent), t.existing === undefined ? '<span class="empty">—</span>' : num(t.existing)]);
  return section(
    'Predicted rows per table',
    'Distinct primary keys migrate would write: the row count of each table after migrating into an empty target.',
    table([{ label: 'Table' }, { label: 'Rows', numeric: true }, { label: 'Upserts', numeric: true }, { label: 'Insert if absent', numeric: true }, { label: 'Already in target', numeric: true }], rows, 'predicted-rows'),
  );
}

/** The body of a validation report page. */
export function renderValidation(report: ValidationReport): string {
  return [cards(report), entities(report), rejects(report), findings(report), fields(report), references(report), duplicates(report), tables(report)].join('\n');
}
