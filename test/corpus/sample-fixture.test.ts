import { readFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { text } from 'node:stream/consumers';
import test from 'ava';
import { DIRTY_CASES, GENERATION_CASES } from '../../fixtures/corpus/case-catalog.ts';
import type { CorpusLayout } from '../../fixtures/corpus/corpus-options.ts';
import { generateCorpus } from '../../fixtures/corpus/generate-corpus.ts';
import { writeNdjson } from '../../fixtures/corpus/write-ndjson.ts';

/**
 * The shipped samples are what the generator gives for these options; regenerate them with
 *   scripts/corpus --docs 300 --seed 42 --out fixtures/freezer-sample.ndjson --manifest fixtures/freezer-sample.cases.ndjson
 *   scripts/corpus --docs 300 --seed 42 --es-layout typeless --out fixtures/freezer-sample-typeless.ndjson --manifest fixtures/freezer-sample-typeless.cases.ndjson
 */
const SAMPLES: Array<[string, CorpusLayout]> = [
  ['fixtures/freezer-sample', 'multi-type'],
  ['fixtures/freezer-sample-typeless', 'typeless'],
];

for (const [base, layout] of SAMPLES) {
  test(`${base}.ndjson and its manifest are the generator's output for seed 42 (${layout})`, async (t) => {
    const out = new PassThrough();
    const manifest = new PassThrough();
    const [ndjsonText, manifestText] = await Promise.all([text(out), text(manifest), writeNdjson(generateCorpus({ docs: 300, seed: 42, layout }), out, { manifest }).then(() => {
      out.end();
      manifest.end();
    })]);
    t.is(await readFile(`${base}.ndjson`, 'utf8'), ndjsonText, 'regenerate the sample (see the comment at the top of this file)');
    t.is(await readFile(`${base}.cases.ndjson`, 'utf8'), manifestText);
  });

  test(`${base}.cases.ndjson covers every case the ${layout} layout can carry`, async (t) => {
    const lines = (await readFile(`${base}.cases.ndjson`, 'utf8')).trimEnd().split('\n');
    const seen = new Set(lines.flatMap((line) => (JSON.parse(line) as { cases: string[] }).cases));
    const expected = [...DIRTY_CASES, ...GENERATION_CASES].filter((code) => layout === 'typeless' || code !== 'dirty.unclassifiable');
    t.deepEqual(expected.filter((code) => !seen.has(code)), []);
    t.is(lines.length, 300);
  });
}
