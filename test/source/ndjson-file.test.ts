import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SourceCursor } from '../../pipeline/source/document-source.ts';
import { openSource } from '../../pipeline/source/open-source.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { SourceCursorError, SourceFileError, SourceLineError } from '../../pipeline/source/source-error.ts';
import { ENTITIES, type Entity } from '../../core/entity.ts';
import { JsonNumber } from '../../core/json-value.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { freezerSourceText } from '../helpers/freezer-seed.ts';

interface Line {
  id: string;
  partition: Entity | 'unclassified';
  sourceText: string;
  type: string | null;
  version: number | null;
}

/** An elasticdump file with the usual variety: typed and typeless lines, extra keys, CRLF, blanks, a BOM. */
function dumpOf(count: number): { text: string; lines: Line[] } {
  const lines: Line[] = [];
  const out: string[] = [];
  for (let n = 0; n < count; n++) {
    const entity = ENTITIES[n % ENTITIES.length]!;
    const id = `${entity.slice(0, 3)}-${n}-ü`;
    const sourceText = n % 11 === 0 ? freezerSourceText(entity, id, n).replace(/^\{/, '{"_id":"inner-id",') : freezerSourceText(entity, id, n);
    const typed = n % 3 !== 0;
    const version = n % 4 === 0 ? null : (n % 5) + 1;
    lines.push({ id, partition: entity, sourceText, type: typed ? entity : null, version });
    const meta = `"_index":"freezer",${typed ? `"_type":"${entity}",` : ''}"_id":"${id}"${version === null ? '' : `,"_version":${version}`},"_score":1.0`;
    out.push(`{${meta},"_source":${sourceText}${n % 2 === 0 ? ',"sort":[1,"x"]' : ''}}`);
    if (n % 50 === 7) out.push('');
  }
  lines.push({ id: 'orphan-1', partition: 'unclassified', sourceText: '{"note":"no rule"}', type: 'other', version: null });
  out.push('{"_index":"freezer","_type":"other","_id":"orphan-1","_source":{"note":"no rule"}}');
  lines.push({ id: 'doc-typed', partition: 'sessions', sourceText: '{"session_id":"s"}', type: null, version: 3 });
  out.push('{"_index":"freezer","_type":"_doc","_id":"doc-typed","_version":3,"_source":{"session_id":"s"}}');
  // A BOM before the first line, a CRLF in the middle, no newline after the last line.
  return { text: `\uFEFF${out.slice(0, 20).join('\n')}\r\n${out.slice(20).join('\n')}`, lines };
}

async function withDump(text: string, run: (path: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'es2sql-ndjson-'));
  try {
    const path = join(dir, 'freezer.ndjson');
    await writeFile(path, text);
    await run(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readSlices(source: Awaited<ReturnType<typeof openSource>>, partition: string, slices: number, pageSize: number): Promise<SourceDocument[]> {
  const documents: SourceDocument[] = [];
  for (let slice = 0; slice < slices; slice++) {
    for await (const page of source.read(partition, slice, slices, null, { pageSize })) documents.push(...page.documents);
  }
  return documents;
}

test('NDJSON file: partitions from _type or content, counts, and any slice count reads every line exactly once', async (t) => {
  const { text, lines } = dumpOf(700);
  await withDump(text, async (path) => {
    const source = await openSource({ file: path });
    const description = await source.describe();
    t.deepEqual(description, { kind: 'file', display: path, layout: 'file', partitions: [...ENTITIES, 'unclassified'], strategy: 'file' });
    for (const partition of description.partitions) {
      const expected = lines.filter((line) => line.partition === partition);
      t.is(await source.count(partition), expected.length);
      for (const requested of [1, 2, 3, 7]) {
        const slices = await source.sliceCount(partition, requested);
        t.is(slices, requested);
        const documents = await readSlices(source, partition, slices, 16);
        t.deepEqual(documents.map((document) => document.id).sort(), expected.map((line) => line.id).sort(), `${partition} in ${slices} slices`);
        const byId = new Map(expected.map((line) => [line.id, line]));
        for (const document of documents) {
          const want = byId.get(document.id)!;
          t.is(JSON.stringify(document.source), want.sourceText);
          t.is(document.type, want.type);
          t.is(document.version, want.version);
          t.is(document.index, 'freezer');
        }
      }
    }
    await source.close();
  });
});

test('NDJSON file: a "_id" key inside _source and numbers above 2^53 survive untouched', async (t) => {
  const { text } = dumpOf(30);
  await withDump(text, async (path) => {
    const source = await openSource({ file: path });
    const documents = await readSlices(source, 'clients', 1, 100);
    const first = documents.find((document) => document.id === 'cli-0-ü')!;
    t.is(first.source._id, 'inner-id');
    t.is(String(first.source.big), '9007199254740993');
    t.is(JSON.stringify(first.source.ratio), '1.0');
  });
});

test('NDJSON file: resuming from a byte-offset cursor reads exactly the rest of the slice; a cursor of another slicing is refused', async (t) => {
  const { text, lines } = dumpOf(500);
  await withDump(text, async (path) => {
    const source = await openSource({ file: path });
    const expected = lines.filter((line) => line.partition === 'jobs').map((line) => line.id).sort();
    const got: string[] = [];
    let someCursor: SourceCursor | null = null;
    for (let slice = 0; slice < 3; slice++) {
      let cursor: SourceCursor | null = null;
      for await (const page of source.read('jobs', slice, 3, null, { pageSize: 9 })) {
        got.push(...page.documents.map((document) => document.id));
        cursor = page.cursor;
        break;
      }
      someCursor ??= cursor;
      const stored = JSON.parse(JSON.stringify(cursor)) as SourceCursor;
      for await (const page of source.read('jobs', slice, 3, stored, { pageSize: 9 })) got.push(...page.documents.map((document) => document.id));
    }
    t.deepEqual(got.sort(), expected);
    const error = await t.throwsAsync(
      async () => {
        for await (const _ of source.read('jobs', 0, 2, someCursor, { pageSize: 9 })) void _;
      },
      { instanceOf: SourceCursorError },
    );
    t.regex(error?.message ?? '', /^cannot resume: the cursor belongs to slice 0 of 3, not 0 of 2; /);
  });
});

test('NDJSON file: sweep lists ids and versions; fetch finds documents by id in their partition only', async (t) => {
  const { text, lines } = dumpOf(120);
  await withDump(text, async (path) => {
    const source = await openSource({ file: path });
    const entries = [];
    for await (const page of source.sweep('actions', 0, 1, null, { pageSize: 7 })) entries.push(...page.entries);
    const expected = lines.filter((line) => line.partition === 'actions');
    t.deepEqual(entries, expected.map((line) => ({ id: line.id, version: line.version })));
    const fetched = await source.fetch('actions', [expected[2]!.id, 'missing', expected[9]!.id]);
    t.deepEqual(fetched.map((document) => document.id), [expected[2]!.id, expected[9]!.id]);
    t.is(JSON.stringify(fetched[0]!.source), expected[2]!.sourceText);
    t.deepEqual(await source.fetch('jobs', [expected[2]!.id]), []);
  });
});

const MALFORMED: Array<{ line: string; problem: string }> = [
  { line: '{"_index":"freezer","_id":"x",', problem: 'not valid JSON' },
  { line: '{"_index":"freezer","_type":"jobs","_id":"x"}', problem: '"_source" is missing or not an object' },
  { line: '{"_index":"freezer","_type":"jobs","_id":7,"_source":{}}', problem: '"_id" is missing or not a non-empty string' },
  { line: '["not","an","object"]', problem: 'not a JSON object' },
];

for (const { line, problem } of MALFORMED) {
  test(`NDJSON file: a malformed line (${problem}) fails with its line number, also from the middle of a slice`, async (t) => {
    const { text } = dumpOf(90);
    const rows = text.split('\n');
    rows.splice(61, 0, line); // becomes line 62
    await withDump(rows.join('\n'), async (path) => {
      const opened = await t.throwsAsync(openSource({ file: path }).then((source) => source.describe()), { instanceOf: SourceLineError });
      t.true(opened?.message.startsWith(`malformed NDJSON at ${path} line 62: ${problem}`));
      t.true(opened?.message.endsWith('; fix or remove that line (elasticdump format: {"_index","_type","_id","_source"} per line)'));
      t.false(opened?.message.includes('\n'));
      t.like(opened, { line: 62 });
      // Reading the slice that holds it (the last of two) fails the same way, after the good pages before it.
      const source = await openSource({ file: path });
      const error = await t.throwsAsync(async () => {
        for await (const _ of source.read('jobs', 1, 2, null, { pageSize: 3 })) void _;
      });
      t.is(error?.message, opened?.message);
    });
  });
}

test('NDJSON file: a missing file is a one-line SourceFileError', async (t) => {
  const error = await t.throwsAsync(openSource({ file: '/nonexistent/dir/freezer.ndjson' }), { instanceOf: SourceFileError });
  t.is(error?.message, 'cannot read NDJSON file /nonexistent/dir/freezer.ndjson: no such file; check --source');
});

test('NDJSON file: a copy opened with the scan another copy shared (a worker thread) reads the same documents without scanning the file again', async (t) => {
  const { text, lines } = dumpOf(150);
  await withDump(text, async (path) => {
    const first = await openSource({ file: path });
    const shared = structuredClone(await first.shareState!());
    const copy = await openSource({ file: path }, undefined, shared);
    for (const partition of ['jobs', 'backups', 'unclassified']) {
      t.deepEqual((await readSlices(copy, partition, 3, 4)).map((document) => document.id), lines.filter((line) => line.partition === partition).map((line) => line.id), partition);
    }
    // The same bytes made unreadable as JSON: a scan would fail on line 1, the adopted one does not look.
    const broken = Buffer.alloc(Buffer.byteLength(text), 'x');
    await writeFile(path, broken);
    const adopted = await openSource({ file: path }, undefined, shared);
    t.deepEqual((await adopted.describe()).partitions, (await first.describe()).partitions);
    t.is(await adopted.count('actions'), lines.filter((line) => line.partition === 'actions').length);
    await t.throwsAsync(openSource({ file: path }).then((source) => source.describe()), { instanceOf: SourceLineError });
    // A scan of a file of another size, or something that is no scan, is not adopted.
    await writeFile(path, broken.subarray(1));
    await t.throwsAsync(openSource({ file: path }, undefined, shared).then((source) => source.describe()), { instanceOf: SourceLineError });
    await writeFile(path, broken);
    await t.throwsAsync(openSource({ file: path }, undefined, { kind: 'ndjson-scan', path }).then((source) => source.describe()), { instanceOf: SourceLineError });
  });
});

test('NDJSON file: the first pass keeps exact numbers for a partitioning that classifies by a value, and counts by field names alone for one that does not', async (t) => {
  const text = ['{"_index":"x","_id":"a","_source":{"n":1.0}}', '{"_index":"x","_id":"b","_source":{"n":2}}', '{"_index":"x","_id":"c","_source":{"n":12345678901234567890}}'].join('\n');
  const byExactness: SourcePartitioning = {
    partitions: ['exact', 'plain'],
    indexSuffixes: {},
    partitionOfType: () => null,
    typelessQuery: () => ({ match_all: {} }),
    classify: (source) => (source.n instanceof JsonNumber ? 'exact' : 'plain'),
  };
  await withDump(text, async (path) => {
    const source = await openSource({ file: path }, byExactness);
    t.deepEqual((await source.describe()).partitions, ['exact', 'plain']);
    t.is(await source.count('exact'), 2);
    t.is(await source.count('plain'), 1);
    t.deepEqual((await readSlices(source, 'exact', 1, 10)).map((document) => String(document.source.n)).sort(), ['1.0', '12345678901234567890']);
    // The same file under Freezer's rules (field names only): every line is unclassified, numbers still exact when read.
    const freezer = await openSource({ file: path });
    t.is(await freezer.count('unclassified'), 3);
    t.deepEqual((await readSlices(freezer, 'unclassified', 1, 10)).map((document) => String(document.source.n)).sort(), ['1.0', '12345678901234567890', '2']);
  });
});
