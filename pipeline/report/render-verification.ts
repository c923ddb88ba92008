import { escapeHtml as esc, formatBytes, formatCount, formatDuration } from './html-escape.ts';
import { card, chart, code, filterBox, num, section, table } from './html-parts.ts';
import type { VerificationReport } from './report-types.ts';

function cards(report: VerificationReport): string {
  const t = report.totals;
  return `<div class="cards">${[
    card('ES documents', formatCount(t.esRead)),
    card('Expected in SQL', formatCount(t.expected)),
    card('SQL rows', formatCount(t.sqlRows)),
    card('Matched', formatCount(t.matched), 'ok'),
    card('Missing', formatCount(t.missing), t.missing > 0 ? 'bad' : 'ok'),
    card('Extra', formatCount(t.extra), t.extra > 0 ? 'bad' : 'ok'),
    card('Different', formatCount(t.different), t.different > 0 ? 'bad' : 'ok'),
    card('Known rejects', formatCount(t.knownRejects), t.knownRejects > 0 ? 'warn' : undefined),
    card('Elapsed', formatDuration(report.elapsedMs)),
    card('Docs / s', formatCount(Math.round(report.docsPerSecond))),
    card('Peak memory', formatBytes(report.peakRssBytes)),
  ].join('')}</div>`;
}

function entities(report: VerificationReport): string {
  const rows = Object.entries(report.entities).map(([name, e]) => [
    code(name), num(e.esCounted), num(e.esRead), num(e.knownRejects), num(e.expected), num(e.sqlRows), num(e.matched), num(e.missing), num(e.extra), num(e.different), num(e.derived),
  ]);
  const columns = ['ES _count', 'ES read', 'Known rejects', 'Expected', 'SQL rows', 'Matched', 'Missing', 'Extra', 'Different', 'Derived'].map((label) => ({ label, numeric: true }));
  const body = `${table([{ label: 'Entity' }, ...columns], rows, 'entities')}<div class="grid2">${chart('chart-entities', 'verification per entity')}${report.totals.knownRejects > 0 ? chart('chart-rejects', 'known rejects per reason') : '<div></div>'}</div>`;
  const hint = `Source: ${report.consistency.source}. SQL: ${report.consistency.sql}. SQL ids from ${report.idMap === 'state' ? "the state's document map" : 'the transforms'}. Derived = rows es2sql created from other documents (no document of their own expects them).`;
  return section('Per entity', hint, body);
}

function differences(report: VerificationReport): string {
  const rows = report.different.map((d) => [code(d.entity), code(d.docId), code(d.sqlId), d.fields.length === 0 ? '<span class="empty">changed again since</span>' : d.fields.map(code).join('<br>')]);
  const shown = report.different.length < report.totals.different ? ` Showing ${formatCount(report.different.length)} of ${formatCount(report.totals.different)}.` : '';
  return section(
    'Different documents',
    `The SQL rows read back differently from the Elasticsearch document; the paths name the API fields that differ.${shown}`,
    `${rows.length > 0 ? filterBox('differences', 'filter by id or field') : ''}${table([{ label: 'Entity' }, { label: 'ES _id' }, { label: 'SQL id' }, { label: 'Differing fields' }], rows, 'differences')}`,
  );
}

function idList(title: string, hint: string, id: string, rows: string[][], columns: string[], total: number): string {
  const shown = rows.length < total ? ` Showing ${formatCount(rows.length)} of ${formatCount(total)}.` : '';
  return section(title, `${hint}${shown}`, `${rows.length > 0 ? filterBox(id, 'filter by id') : ''}${table(columns.map((label) => ({ label })), rows, id)}`);
}

/** The body of a verification report page. */
export function renderVerification(report: VerificationReport): string {
  const t = report.totals;
  return [
    cards(report),
    entities(report),
    differences(report),
    idList('Missing in SQL', 'In Elasticsearch, not a known reject, and no visible SQL row.', 'missing', report.missing.map((m) => [code(m.entity), code(m.docId), code(m.sqlId)]), ['Entity', 'ES _id', 'Expected SQL id'], t.missing),
    idList('Extra in SQL', 'Visible SQL rows no Elasticsearch document accounts for.', 'extra', report.extra.map((e) => [code(e.entity), code(e.sqlId)]), ['Entity', 'SQL id'], t.extra),
    idList(
      'Known rejects',
      'Documents es2sql refuses (state = recorded by migrate/sync in es2sql_rejects; policy = the transforms refuse them now).',
      'known-rejects',
      report.knownRejects.map((k) => [code(k.entity), code(k.docId), code(k.reason), esc(k.source)]),
      ['Entity', 'ES _id', 'Reason', 'Known from'],
      t.knownRejects,
    ),
  ].join('\n');
}
