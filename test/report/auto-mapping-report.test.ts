import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import { generatePlan } from '../../mappings/auto/generate-plan.ts';
import { planMapping } from '../../mappings/auto/plan-mapping.ts';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { validate, validateExitCode } from '../../pipeline/run/validate.ts';
import { formatCount } from '../../pipeline/report/html-escape.ts';
import type { ValidationReport } from '../../pipeline/report/report-types.ts';
import { deleteIndex, esRequest, esUrl, TEST_ES_MAJORS } from '../helpers/elasticsearch.ts';
import { renderedDom } from './helpers/headless-chromium.ts';

/** The first three documents are the sample the plan is derived from; the others break it one way each. */
const DOCUMENTS: Array<[string, Record<string, unknown>]> = [
  ['s1', { note: 'ab', when: '2026/01/02', tags: 'red', qty: 1 }],
  ['s2', { note: 'cd', when: '2026/01/03', tags: 'blue', qty: 2 }],
  ['s3', { note: 'ef', when: '2026/01/04', tags: 'green', qty: 3 }],
  ['long', { note: 'x'.repeat(100), when: '2026/01/05', tags: 'red', qty: 4 }],
  ['baddate', { note: 'gh', when: 'tomorrow-ish', tags: 'red', qty: 5 }],
  ['twotags', { note: 'ij', when: '2026/01/06', tags: ['a', 'b'], qty: 6 }],
  ['onetag', { note: 'kl', when: '2026/01/07', tags: ['only'], qty: 7 }],
  ['notanumber', { note: 'mn', when: '2026/01/08', tags: 'red', qty: 'many' }],
];

/** Text as a browser serialises a text node: `&`, `<` and `>` escaped, quotes as they are. */
const asTextNode = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

if (TEST_ES_MAJORS.includes(8)) {
  test('validate with a mapping derived from the index (auto): the HTML and JSON reports list values too long, unparseable dates, arrays where the mapping had scalars and type conflicts, with fields, reasons and sample documents', async (t) => {
    const url = esUrl(8);
    const index = `rep${randomBytes(3).toString('hex')}`;
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-auto-report-'));
    // ignore_malformed: Elasticsearch keeps the documents whose date or number it cannot index, as real indices do.
    await esRequest(url, 'PUT', `/${index}`, {
      settings: { number_of_shards: 1, number_of_replicas: 0 },
      mappings: { properties: { note: { type: 'keyword' }, when: { type: 'date', format: 'yyyy/MM/dd', ignore_malformed: true }, tags: { type: 'keyword' }, qty: { type: 'integer', ignore_malformed: true } } },
    });
    try {
      const lines = DOCUMENTS.flatMap(([id, source]) => [JSON.stringify({ index: { _index: index, _id: id } }), JSON.stringify(source)]);
      const bulk = await fetch(new URL('/_bulk?refresh=true', url), { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: `${lines.join('\n')}\n` });
      t.false(((await bulk.json()) as { errors: boolean }).errors);
      // --mapping auto with a sample of three documents (one shard: the first three written).
      const plan = await generatePlan({ url, index }, { sampleSize: 3 });
      t.is(plan.source.documentsScanned, 3);
      const reportPath = join(dir, 'validate.html');
      const result = await validate({ source: { url, index }, dialect: 'postgres', mapping: planMapping(plan, 'auto', { derived: true }), reportPath });
      t.is(result.error, undefined, result.error?.message);
      t.is(validateExitCode(result), EXIT_CODES.rejects);

      const json = JSON.parse(readFileSync(join(dir, 'validate.json'), 'utf8')) as ValidationReport;
      t.deepEqual(json, JSON.parse(JSON.stringify(result.report)));
      t.like(json.totals, { read: 8, wouldMigrate: 4, wouldReject: 4 });
      const rejects = Object.fromEntries(json.rejectReasons.map((r) => [r.reason, { count: r.count, fields: r.fields.map((f) => f.field), docs: r.samples.map((s) => s.docId) }]));
      t.deepEqual(rejects, {
        too_long: { count: 1, fields: ['note'], docs: ['long'] },
        unparseable_date: { count: 1, fields: ['when'], docs: ['baddate'] },
        unexpected_array: { count: 1, fields: ['tags'], docs: ['twotags'] },
        type_conflict: { count: 1, fields: ['qty'], docs: ['notanumber'] },
      });
      const arrays = json.findings.find((f) => f.code === 'array_where_scalar');
      t.like(arrays, { count: 1, severity: 'warning' });
      t.deepEqual(arrays?.samples.map((s) => [s.docId, s.field]), [['onetag', 'tags']]);

      const dom = await renderedDom(reportPath);
      t.regex(dom, /<html lang="en" data-charts="ready">/, 'the page script ran to its end');
      t.true(dom.includes(`migrate would reject ${formatCount(4)} documents`));
      for (const reason of json.rejectReasons) {
        t.true(dom.includes(`<td><code>${reason.reason}</code></td><td class="num">1</td>`), reason.reason);
        const sample = reason.samples[0]!;
        t.true(dom.includes(`<li><code>${sample.docId}</code> <span class="mono">${sample.entity}</span> <code>${sample.field}</code> <span class="detail">${asTextNode(sample.detail)}</span></li>`), `${reason.reason} sample`);
      }
      t.true(dom.includes('<td><code>array_where_scalar</code></td><td><span class="badge warning">warning</span></td>'));
      t.true(dom.includes('tags holds an array of 2 values where the mapping plan has one keyword column'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await deleteIndex(url, index);
    }
  });
}
