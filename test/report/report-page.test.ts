import test from 'ava';
import { createHash } from 'node:crypto';
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../pipeline/run/migrate.ts';
import { validate } from '../../pipeline/run/validate.ts';
import { verify } from '../../pipeline/run/verify.ts';
import { formatCount } from '../../pipeline/report/html-escape.ts';
import { renderReportHtml } from '../../pipeline/report/render-report.ts';
import type { ValidationReport, VerificationReport } from '../../pipeline/report/report-types.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { LayoutChoice } from '../../schema/index.ts';
import { corpusFile, type CorpusFile } from '../validate/helpers/corpus-file.ts';
import { renderedDom, screenshot } from './helpers/headless-chromium.ts';
import { countColour, readPng } from './helpers/png.ts';

const HEAD: LayoutChoice = { layout: 'B', revision: '7a3b9c1d2e4f', label: '--layout b' };
const SCRIPT_PROBE = "<script>window.__pwned=1;document.title='PWNED'</script>";
const IMG_PROBE = `<img src=x onerror="document.title='PWNED';document.documentElement.setAttribute('data-pwned','1')">`;
const PROBE_BACKUP = 'b00000000000000000000000000000ad';

/** Freezer documents carrying the probes in ids, descriptions, values and field names. */
function hostileLines(): string[] {
  const owner = { user_id: 'u-probe', project_id: 'p-probe' };
  return [
    { _index: 'freezer', _type: 'sessions', _id: IMG_PROBE, _source: { session_id: 's-probe', ...owner, description: SCRIPT_PROBE, hold_off: SCRIPT_PROBE, schedule: {} } },
    { _index: 'freezer', _type: 'jobs', _id: 'j-probe', _source: { job_id: 'j-probe', ...owner, client_id: SCRIPT_PROBE, description: SCRIPT_PROBE, job_schedule: { [IMG_PROBE]: 1 }, job_actions: [] } },
    { _index: 'freezer', _type: 'actions', _id: SCRIPT_PROBE, _source: { action_id: 'a-probe', ...owner, freezer_action: { mode: 'fs' } } },
    { _index: 'freezer', _type: 'backups', _id: PROBE_BACKUP, _source: { backup_id: PROBE_BACKUP, ...owner, user_name: SCRIPT_PROBE, backup_metadata: { container: 'c', [IMG_PROBE]: SCRIPT_PROBE } } },
  ].map((line) => JSON.stringify(line));
}

let corpus: CorpusFile;
test.before(async () => {
  corpus = await corpusFile({ docs: 600, seed: 31 });
  appendFileSync(corpus.file, `${hostileLines().join('\n')}\n`);
});
test.after.always(() => corpus?.remove());

/** What the page must never show after its scripts ran, and what it must. */
function assertSafe(t: import('ava').ExecutionContext, dom: string, title: string): void {
  t.true(dom.includes(`<title>${title}</title>`), 'the title was changed');
  t.false(dom.includes('PWNED</title>'));
  t.false(dom.includes('data-pwned="1"'), 'the onerror handler ran');
  t.false(/<img\b/i.test(dom), 'an injected element made it into the DOM');
  t.false(dom.includes('<script>window.__pwned'), 'the probe became a script element');
  t.true(dom.includes('&lt;script&gt;window.__pwned=1;document.title=\'PWNED\'&lt;/script&gt;'), 'the probe is shown as text');
  t.regex(dom, /<html lang="en" data-charts="ready">/, 'the page script ran to its end (Chart.js loaded under the CSP)');
}

test.serial('validation report renders in headless Chromium: numbers, charts, samples, and no probe runs', async (t) => {
  const reportPath = join(corpus.dir, 'validation.html');
  const result = await validate({ source: { file: corpus.file }, dialect: 'sqlite', layout: HEAD, reportPath });
  t.is(result.error, undefined, result.error?.message);
  const report = result.report;
  t.true(report.findings.some((f) => f.samples.some((s) => s.docId === IMG_PROBE && s.detail.includes(SCRIPT_PROBE))));
  t.true(report.references.some((r) => r.samples.some((s) => s.reference === SCRIPT_PROBE)));
  t.true(report.findings.some((f) => f.samples.some((s) => s.detail.includes(IMG_PROBE))), 'a field name carries the probe');

  const dom = await renderedDom(reportPath);
  assertSafe(t, dom, 'es2sql validation report');
  for (const value of [report.totals.read, report.totals.wouldMigrate, report.totals.wouldReject]) t.true(dom.includes(`<div class="value">${formatCount(value)}</div>`), `card ${value}`);
  for (const [entity, e] of Object.entries(report.entities)) {
    t.true(dom.includes(`<td><code>${entity}</code></td><td class="num">${formatCount(e.counted)}</td><td class="num">${formatCount(e.read)}</td><td class="num">${formatCount(e.wouldMigrate)}</td><td class="num">${formatCount(e.wouldReject)}</td>`), entity);
  }
  for (const [table, rows] of Object.entries(report.tables)) t.true(dom.includes(`<td><code>${table}</code></td><td class="num">${formatCount(rows.rows)}</td>`), table);
  t.true(dom.includes(`migrate would reject ${formatCount(report.totals.wouldReject)} documents`));

  const png = join(corpus.dir, 'validation.png');
  await screenshot(reportPath, png, 1280, 1400);
  const image = readPng(png);
  t.is(image.width, 1280);
  t.true(countColour(image, '#10b981') > 2000, 'the "would migrate" bars were drawn');
  t.true(countColour(image, '#ef4444') > 2000, 'the "would reject" and reject-reason bars were drawn');
});

test.serial('verification report renders in headless Chromium: differences with their fields, and no probe runs', async (t) => {
  const target = `sqlite:${join(corpus.dir, 'target.db')}`;
  const migrated = await migrate({ source: { file: corpus.file }, target, layout: HEAD });
  t.is(migrated.error, undefined, migrated.error?.message);
  const db = openDatabase(parseDatabaseUrl(target));
  try {
    await db.updateTable('backups').set({ backup_metadata: '{"container": "c"}' }).where('id', '=', PROBE_BACKUP).execute();
  } finally {
    await db.destroy();
  }
  const reportPath = join(corpus.dir, 'verification.html');
  const result = await verify({ source: { file: corpus.file }, target, reportPath });
  t.is(result.error, undefined, result.error?.message);
  const report = result.report;
  t.deepEqual(report.different, [{ entity: 'backups', docId: PROBE_BACKUP, sqlId: PROBE_BACKUP, fields: [`backup_metadata.${IMG_PROBE}`] }]);
  t.true(report.knownRejects.some((r) => r.docId === SCRIPT_PROBE));

  const dom = await renderedDom(reportPath);
  assertSafe(t, dom, 'es2sql verification report');
  t.true(dom.includes('1 difference between Elasticsearch and SQL'));
  t.true(dom.includes(`<div class="label">Different</div><div class="value">1</div>`));
  t.true(dom.includes(`<div class="label">Matched</div><div class="value">${formatCount(report.totals.matched)}</div>`));
  t.true(dom.includes('<code>backup_metadata.&lt;img src=x onerror="document.title=\'PWNED\';'));

  const png = join(corpus.dir, 'verification.png');
  await screenshot(reportPath, png, 1280, 1400);
  t.true(countColour(readPng(png), '#10b981') > 2000, 'the "matched" bars were drawn');
});

test.serial('the probes do run in a page that does not escape them (the check above can fail)', async (t) => {
  const raw = join(corpus.dir, 'unsafe.html');
  writeFileSync(raw, `<!DOCTYPE html><html><head><title>control</title></head><body><p>${IMG_PROBE}</p><p>${SCRIPT_PROBE}</p></body></html>`);
  const dom = await renderedDom(raw);
  t.true(dom.includes('PWNED</title>'));
  t.true(dom.includes('data-pwned="1"'));
});

function syntheticValidation(detail: string): ValidationReport {
  return {
    formatVersion: 1,
    kind: 'validation',
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: { kind: 'file', display: '/tmp/x.ndjson', layout: 'file' },
    target: { display: null, dialect: 'sqlite', exists: false, layout: 'B@7a3b9c1d2e4f', schemaFrom: 'layout-definition' },
    elapsedMs: 1234,
    docsPerSecond: 810.5,
    peakRssBytes: 100 << 20,
    outcome: 'rejects',
    totals: { counted: 1, read: 1, wouldMigrate: 0, wouldReject: 1 },
    entities: { sessions: { counted: 1, read: 1, wouldMigrate: 0, wouldReject: 1, rejects: { too_long: 1 }, findings: {} } },
    tables: {},
    rejectReasons: [{ reason: 'too_long', count: 1, entities: { sessions: 1 }, fields: [{ field: 'description', count: 1 }], samples: [{ docId: 'id</script><script>alert(1)</script>', entity: 'sessions', field: 'description', detail }] }],
    findings: [],
    topFields: [],
    references: [],
    duplicateKeys: [],
    sampleLimit: 20,
  };
}

test('the embedded JSON gives the report back exactly, and the CSP allows exactly the page\'s own scripts and style', (t) => {
  const report = syntheticValidation('description "</script><!-- \u2028\u2029 & <b>" is too long');
  const html = renderReportHtml(report);
  const json = /<script type="application\/json" id="report-data">([^<]*)<\/script>/.exec(html);
  t.truthy(json, 'the data element is not broken by the values');
  t.deepEqual(JSON.parse(json![1]!), report);
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1]!.replaceAll('&#39;', "'");
  t.regex(csp, /default-src 'none'/);
  const inline = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1]!);
  t.is(inline.length, 2);
  for (const script of inline) t.true(csp.includes(`'sha256-${createHash('sha256').update(script).digest('base64')}'`));
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
  t.true(csp.includes(`'sha256-${createHash('sha256').update(style).digest('base64')}'`));
  t.false(html.includes('<b>'));
  t.false(/https?:\/\/(?!www\.chartjs\.org)/.test(html.replace(/<script>[\s\S]*?<\/script>/g, '')), 'no network address outside the inlined library');
});

test('a verification report with nothing to show still renders every section', (t) => {
  const report: VerificationReport = {
    formatVersion: 1,
    kind: 'verification',
    generatedAt: '2026-01-01T00:00:00.000Z',
    source: null,
    target: null,
    elapsedMs: 0,
    docsPerSecond: 0,
    peakRssBytes: 0,
    outcome: 'error',
    error: 'cannot reach the target database <postgres://x>',
    clean: false,
    consistency: { source: '', sql: '' },
    idMap: 'derived',
    totals: { esCounted: 0, esRead: 0, knownRejects: 0, expected: 0, sqlRows: 0, matched: 0, missing: 0, extra: 0, different: 0, derived: 0 },
    entities: {},
    missing: [],
    extra: [],
    different: [],
    knownRejects: [],
    knownRejectReasons: {},
    listLimit: 1000,
  };
  const html = renderReportHtml(report);
  t.true(html.includes('Stopped by an error'));
  t.true(html.includes('cannot reach the target database &lt;postgres://x&gt;'));
});
