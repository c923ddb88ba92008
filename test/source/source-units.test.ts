import test from 'ava';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classificationQuery } from '../../pipeline/source/es-query.ts';
import { parseSourceUrl } from '../../pipeline/source/es-url.ts';
import { capabilitiesOf, defaultStrategy, parseServerInfo } from '../../pipeline/source/es-version.ts';
import { LinePartitions } from '../../pipeline/source/line-partitions.ts';
import { lineText, readLineBatches } from '../../pipeline/source/ndjson-lines.ts';
import { firstWindowWidth, widthAfterShortWindow } from '../../pipeline/source/read-strategy-pit.ts';
import { retryDelay } from '../../pipeline/source/retry-policy.ts';
import type { ReadStrategyName } from '../../pipeline/source/source-spec.ts';

const VERSIONS: Array<[number: string, distribution: string | undefined, strategy: ReadStrategyName, keyset: '_uid' | '_seq_no', typesInPath: boolean]> = [
  ['1.7.5', undefined, 'scroll', '_uid', true],
  ['2.4.6', undefined, 'scroll', '_uid', true],
  ['5.6.16', undefined, 'search-after', '_uid', true],
  ['6.8.23', undefined, 'search-after', '_uid', true],
  ['7.10.2', undefined, 'search-after', '_seq_no', false],
  ['7.11.2', undefined, 'search-after', '_seq_no', false],
  ['7.12.0', undefined, 'point-in-time', '_seq_no', false],
  ['7.17.29', undefined, 'point-in-time', '_seq_no', false],
  ['8.7.1', undefined, 'point-in-time', '_seq_no', false],
  ['2.11.0', 'opensearch', 'search-after', '_seq_no', false],
];
for (const [number, distribution, strategy, keyset, typesInPath] of VERSIONS) {
  test(`version ${distribution ?? 'elasticsearch'} ${number}: ${strategy} by ${keyset}`, (t) => {
    const capabilities = capabilitiesOf(parseServerInfo({ version: { number, distribution } }, 'http://x'));
    t.is(defaultStrategy(capabilities), strategy);
    t.is(capabilities.keysetField, keyset);
    t.is(capabilities.typesInPath, typesInPath);
    t.is(capabilities.rawScrollId, number.startsWith('1.') || (number.startsWith('2.') && distribution === undefined));
  });
}

test('classification queries follow CLASSIFICATION_RULES: one rule field exists, no earlier rule field does', (t) => {
  t.deepEqual(classificationQuery('backups'), { bool: { should: [{ exists: { field: 'backup_id' } }, { exists: { field: 'backup_metadata' } }], minimum_should_match: 1 } });
  t.deepEqual(classificationQuery('clients'), {
    bool: { should: [{ exists: { field: 'client' } }], minimum_should_match: 1, must_not: [{ exists: { field: 'backup_id' } }, { exists: { field: 'backup_metadata' } }] },
  });
  const sessions = classificationQuery('sessions') as { bool: { must_not: unknown[] } };
  t.is(sessions.bool.must_not.length, 8);
  const unclassified = classificationQuery('unclassified') as { bool: { must_not: unknown[]; should?: unknown } };
  t.is(unclassified.bool.must_not.length, 9);
  t.is(unclassified.bool.should, undefined);
});

test('source URLs: credentials are taken out of the URL and never shown', (t) => {
  const parsed = parseSourceUrl('https://reader:p%40ss@es.example.org:9243/prefix/?pretty#x');
  t.is(parsed.display, 'https://es.example.org:9243/prefix');
  t.deepEqual(parsed.auth, { username: 'reader', password: 'p@ss' });
  t.is(parsed.url.username, '');
  t.is(parseSourceUrl('http://127.0.0.1:9200').display, 'http://127.0.0.1:9200');
});

test('a short _seq_no window is followed by one sized for the hits still wanted at the density it found', (t) => {
  // A sparse partition: 15 of 1,000 hits in 2,000 _seq_no values. At that density the other 985
  // need about 131,000 more; the next window grows by at most 16 times (documents may cluster).
  t.is(widthAfterShortWindow(2000, 15, 1000), 32_000);
  // 225 of 1,000: the rest fit in 775 * 2000 / 225 * 1.25 = 8,612 values, one search instead of a doubling ramp.
  t.is(widthAfterShortWindow(2000, 225, 1000), 8612);
  // Nearly full: no narrower than the smallest window.
  t.is(widthAfterShortWindow(64, 63, 64), 64);
  // An empty window says nothing about the density: fourfold.
  t.is(widthAfterShortWindow(2000, 0, 1000), 8000);
});

test("a read's first _seq_no window is sized from the partition's count: a page at the density the count gives its slice", (t) => {
  // 70,000 backups in 4 slices over _seq_no 0 … 33,509: 0.52 per value, so a page of 1,000 needs 1,915 values, 2,394 with the margin.
  t.is(firstWindowWidth(1000, 70_000, 4, 33_509), 2394);
  // 2,000 clients in 4 slices: 500 per slice, less than a page, so one window spans every value (with the margin).
  t.is(firstWindowWidth(1000, 2000, 4, 33_509), 41_888);
  // Never narrower than the smallest window.
  t.is(firstWindowWidth(10, 1_000_000, 1, 1000), 64);
  // Not counted, or an empty point in time: two values per requested document.
  t.is(firstWindowWidth(1000, undefined, 4, 33_509), 2000);
  t.is(firstWindowWidth(1000, 70_000, 4, null), 2000);
});

test('retry delays grow exponentially with jitter in the upper half, capped', (t) => {
  const policy = { maxRetries: 10, baseDelayMs: 100, maxDelayMs: 1000 };
  t.is(retryDelay(policy, 1, () => 0), 50);
  t.is(retryDelay(policy, 1, () => 1), 100);
  t.is(retryDelay(policy, 3, () => 0.5), 300);
  t.is(retryDelay(policy, 9, () => 1), 1000);
});

test('file byte ranges at any offsets split the lines disjointly and completely (multi-byte text, CRLF, no final newline)', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'es2sql-lines-'));
  try {
    const lines = Array.from({ length: 400 }, (_, n) => `line ${n} ${'é✓'.repeat(n % 13)}${'x'.repeat((n * 37) % 200)}`);
    const text = lines.map((line, n) => (n % 17 === 0 ? `${line}\r` : line)).join('\n');
    const path = join(dir, 'lines.txt');
    await writeFile(path, text);
    const size = Buffer.byteLength(text);
    for (let trial = 0; trial < 25; trial++) {
      const cuts = [0, ...Array.from({ length: 1 + (trial % 7) }, () => Math.floor(Math.random() * size)).sort((a, b) => a - b), size];
      const got: string[] = [];
      for (let i = 0; i + 1 < cuts.length; i++) {
        // Small chunks on odd trials: lines that span chunks, and chunks that hold no line end.
        for await (const batch of readLineBatches(path, cuts[i]!, cuts[i + 1]!, { fromLineStart: false, chunkBytes: trial % 2 === 0 ? undefined : 7 + trial * 13 })) {
          for (const line of batch) got.push(lineText(line));
        }
      }
      t.deepEqual(got, lines, `cuts ${cuts.join(',')}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('line partitions: each recorded line start answers its partition, in order from any offset; blank lines and offsets between lines answer nothing', (t) => {
  const partitions = new LinePartitions();
  const names = ['jobs', 'backups', 'clients'];
  // 3,000 lines (past the first growth of the arrays), 100 bytes apart, every seventh left blank.
  const recorded = new Map<number, string>();
  for (let n = 0; n < 3000; n++) {
    if (n % 7 === 3) continue;
    partitions.add(n * 100, names[n % 3]!);
    recorded.set(n * 100, names[n % 3]!);
  }
  t.is(partitions.size, recorded.size);
  for (const from of [0, 1, 50_000, 123_456, 299_900, 300_000]) {
    const reader = partitions.from(from);
    for (let start = Math.ceil(from / 100) * 100; start < 300_000; start += 100) t.is(reader.partitionAt(start), recorded.get(start));
  }
  const reader = partitions.from(0);
  t.is(reader.partitionAt(150), undefined);
  t.is(reader.partitionAt(200), 'clients');
  t.throws(() => partitions.add(100, 'jobs'), { message: /line offsets must grow/ });
});
