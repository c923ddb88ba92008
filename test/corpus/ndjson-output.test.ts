import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { CorpusOptions } from '../../fixtures/corpus/corpus-options.ts';
import { generateCorpus } from '../../fixtures/corpus/generate-corpus.ts';
import { writeNdjson } from '../../fixtures/corpus/write-ndjson.ts';
import { writeNdjsonParallel } from '../../fixtures/corpus/write-ndjson-parallel.ts';
import { isJsonObject, JsonNumber, type JsonObject } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';

const IDENTITY = { backups: 'backup_id', jobs: 'job_id', actions: 'action_id', sessions: 'session_id' } as const;

async function written(t: { teardown: (fn: () => Promise<void>) => void }, options: CorpusOptions): Promise<{ ndjson: string; manifest: string; bytes: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const stats = await writeNdjson(generateCorpus(options), join(dir, 'c.ndjson'), { manifest: join(dir, 'c.cases.ndjson') });
  const ndjson = await readFile(join(dir, 'c.ndjson'), 'utf8');
  return { ndjson, manifest: await readFile(join(dir, 'c.cases.ndjson'), 'utf8'), bytes: stats.bytes };
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

test('the same seed gives the same bytes; another seed gives other documents', async (t) => {
  const a = await written(t, { docs: 2000, seed: 7 });
  const b = await written(t, { docs: 2000, seed: 7 });
  const c = await written(t, { docs: 2000, seed: 8 });
  t.is(sha(a.ndjson), sha(b.ndjson));
  t.is(sha(a.manifest), sha(b.manifest));
  t.not(sha(a.ndjson), sha(c.ndjson));
  const idsA = new Set(a.ndjson.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { _id: string })._id));
  const idsC = c.ndjson.split('\n').filter(Boolean).map((line) => (JSON.parse(line) as { _id: string })._id);
  t.true(idsC.filter((id) => idsA.has(id)).length < 5, 'different seeds share (almost) no ids');
  t.is(a.bytes, Buffer.byteLength(a.ndjson));
});

for (const layout of ['multi-type', 'typeless', 'per-entity'] as const) {
  test(`every line is an elasticdump record (${layout}) and the manifest follows it line by line`, async (t) => {
    const { ndjson, manifest } = await written(t, { docs: 1500, seed: 3, layout, index: 'freezer' });
    const lines = ndjson.split('\n');
    t.is(lines.pop(), '', 'ends with a newline');
    const cases = manifest.trimEnd().split('\n').map((line) => JSON.parse(line) as { _index: string; _type: string | null; _id: string; entity: keyof typeof IDENTITY | 'clients'; cases: string[] });
    t.is(lines.length, 1500);
    t.is(cases.length, 1500);
    lines.forEach((line, i) => {
      const record = parseJson(line) as JsonObject;
      const entry = cases[i] as (typeof cases)[number];
      t.deepEqual(Object.keys(record), layout === 'typeless' ? ['_index', '_id', '_source'] : ['_index', '_type', '_id', '_source']);
      t.true(isJsonObject(record._source));
      t.is(record._index, layout === 'per-entity' ? `freezer-${entry.entity}` : 'freezer');
      t.is(record._type ?? null, layout === 'typeless' ? null : entry.entity);
      t.is(record._id, entry._id);
      t.is(entry._type, (record._type as string | undefined) ?? null);
      const field = entry.entity === 'clients' ? undefined : IDENTITY[entry.entity];
      const source = record._source as JsonObject;
      if (field !== undefined && field in source) t.is(source[field], record._id);
    });
  });
}

test('numbers keep their exact text: integers above 2^53 and 1.0 survive the NDJSON line', async (t) => {
  const { ndjson, manifest } = await written(t, { docs: 3000, seed: 12, rates: { 'dirty.big_integer': 0.5, 'dirty.float_one_point_zero': 0.5 } });
  const lines = ndjson.trimEnd().split('\n');
  const cases = manifest.trimEnd().split('\n').map((line) => JSON.parse(line) as { cases: string[] });
  let big = 0;
  let float = 0;
  lines.forEach((line, i) => {
    const labels = (cases[i] as { cases: string[] }).cases;
    const metadata = ((parseJson(line) as JsonObject)._source as JsonObject).backup_metadata as JsonObject | undefined;
    if (labels.includes('dirty.big_integer')) {
      const value = metadata?.backup_size_uncompressed;
      t.true(value instanceof JsonNumber);
      const text = (value as JsonNumber).source;
      t.true(BigInt(text) > 2n ** 53n && String(Number(text)) !== text, `${text} is not representable as a double`);
      t.true(line.includes(`"backup_size_uncompressed":${text},`));
      big++;
    }
    if (labels.includes('dirty.float_one_point_zero')) {
      t.true(line.includes('"compression_ratio":1.0'));
      t.is((metadata?.compression_ratio as JsonNumber).source, '1.0');
      float++;
    }
  });
  t.true(big > 100 && float > 100);
});

test('hostile text round-trips through the NDJSON line (quotes, backslashes, NUL, > 64 KiB)', async (t) => {
  const docs = [...generateCorpus({ docs: 300, seed: 1 })];
  const { ndjson } = await written(t, { docs: 300, seed: 1 });
  const lines = ndjson.trimEnd().split('\n');
  const hostile = docs.map((doc, i) => [doc, lines[i] as string] as const).filter(([doc]) => doc.cases.includes('dirty.hostile_values'));
  t.true(hostile.length > 0);
  for (const [doc, line] of hostile) t.deepEqual(JSON.parse(JSON.stringify(doc.source)), (JSON.parse(line) as { _source: unknown })._source);
  t.true(lines.some((line) => line.length > 65_536 && line.includes('\\u0000')));
});

test('worker threads write the same bytes as the single-threaded writer (NDJSON and manifest)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'corpus-test-'));
  t.teardown(() => rm(dir, { recursive: true, force: true }));
  const options: CorpusOptions = { docs: 30_001, seed: 6, layout: 'typeless', dirtyRate: 0.1 };
  const serial = await writeNdjson(generateCorpus(options), join(dir, 's.ndjson'), { manifest: join(dir, 's.cases.ndjson') });
  for (const workers of [1, 3]) {
    const parallel = await writeNdjsonParallel(options, join(dir, `p${workers}.ndjson`), { manifest: join(dir, `p${workers}.cases.ndjson`), workers });
    t.deepEqual(parallel, serial);
    t.is(sha(await readFile(join(dir, `p${workers}.ndjson`), 'utf8')), sha(await readFile(join(dir, 's.ndjson'), 'utf8')));
    t.is(sha(await readFile(join(dir, `p${workers}.cases.ndjson`), 'utf8')), sha(await readFile(join(dir, 's.cases.ndjson'), 'utf8')));
  }
});
