import type { FieldCount, ReportSample } from './report-types.ts';
import { escapeHtml as esc, formatCount } from './html-escape.ts';

/** A summary card; `value` is plain text (escaped here). */
export function card(label: string, value: string, tone?: 'ok' | 'warn' | 'bad'): string {
  return `<div class="card${tone ? ` ${tone}` : ''}"><div class="label">${esc(label)}</div><div class="value">${esc(value)}</div></div>`;
}

export interface Column {
  label: string;
  numeric?: boolean;
}

/** A table; cells are HTML the caller has escaped. */
export function table(columns: readonly Column[], rows: readonly (readonly string[])[], id?: string): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const head = columns.map((c) => `<th${c.numeric ? ' class="num"' : ''}>${esc(c.label)}</th>`).join('');
  const body = rows
    .map((cells) => `<tr>${cells.map((cell, i) => `<td${columns[i]?.numeric ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`)
    .join('');
  return `<table${id ? ` id="${esc(id)}"` : ''}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function num(value: number): string {
  return esc(formatCount(value));
}

export function code(value: string): string {
  return `<code>${esc(value)}</code>`;
}

export function badge(text: string, kind: string): string {
  return `<span class="badge ${esc(kind)}">${esc(text)}</span>`;
}

/** `entity: n` pairs, most frequent first. */
export function counts(record: Readonly<Record<string, number>>): string {
  return Object.entries(record)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${esc(key)}&nbsp;${num(n)}`)
    .join(', ');
}

export function fieldList(fields: readonly FieldCount[]): string {
  return fields.length === 0 ? '<span class="empty">—</span>' : fields.map((f) => `${code(f.field)}&nbsp;${num(f.count)}`).join('<br>');
}

/** Sample documents behind a finding, collapsed. */
export function sampleList(samples: readonly ReportSample[], total: number): string {
  if (samples.length === 0) return '';
  const items = samples
    .map((s) => `<li><code>${esc(s.docId)}</code> <span class="mono">${esc(s.entity)}</span>${s.field === undefined ? '' : ` ${code(s.field)}`} <span class="detail">${esc(s.detail)}</span></li>`)
    .join('');
  const more = total > samples.length ? ` of ${formatCount(total)}` : '';
  return `<details><summary>${esc(formatCount(samples.length))}${esc(more)} sample document${samples.length === 1 ? '' : 's'}</summary><ul class="samples">${items}</ul></details>`;
}

export function section(title: string, hint: string, body: string, id?: string): string {
  return `<section${id ? ` id="${esc(id)}"` : ''}><h2>${esc(title)}</h2>${hint ? `<p class="hint">${esc(hint)}</p>` : ''}${body}</section>`;
}

export function chart(id: string, label: string, tall = false): string {
  return `<div class="chart${tall ? ' tall' : ''}"><canvas id="${esc(id)}" role="img" aria-label="${esc(label)}"></canvas></div>`;
}

export function filterBox(tableId: string, placeholder: string): string {
  return `<input class="filter" type="search" data-filter="${esc(tableId)}" placeholder="${esc(placeholder)}">`;
}
