import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import test from 'ava';

const run = promisify(execFile);

test('generating 200k documents keeps the live heap flat (nothing accumulates per document)', async (t) => {
  const { stdout } = await run('node_modules/.bin/node', ['--expose-gc', '--disable-warning=ExperimentalWarning', 'test/corpus/helpers/heap-probe.ts', '200000'], { maxBuffer: 1 << 20 });
  const { docs, chars, heap } = JSON.parse(stdout) as { docs: number; chars: number; heap: Record<string, number> };
  t.is(docs, 200_000);
  t.true(chars > 150_000_000, 'the documents are full-size (~1 KB each)');
  const quarter = heap['50000'] as number;
  const end = heap['200000'] as number;
  t.log(`live heap after GC: ${Object.entries(heap).map(([n, bytes]) => `${n} docs ${(bytes / 1e6).toFixed(1)} MB`).join(', ')}`);
  t.true(end - quarter < 4e6, `heap grew ${((end - quarter) / 1e6).toFixed(1)} MB between 50k and 200k documents`);
  t.true(end < 60e6, `live heap at 200k is ${(end / 1e6).toFixed(1)} MB`);
});
