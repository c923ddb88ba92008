/**
 * Run as `node --expose-gc heap-probe.ts <docs>`: generates and serialises a corpus, printing the
 * live heap (after a full GC) at a few points as one JSON line, for the flat-memory test.
 */
import { generateCorpus } from '../../../fixtures/corpus/generate-corpus.ts';

const docs = Number(process.argv[2] ?? 200_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with --expose-gc');
const marks = [Math.floor(docs / 4), Math.floor(docs / 2), docs];
const heap: Record<number, number> = {};
let n = 0;
let chars = 0;
for (const doc of generateCorpus({ docs, seed: 5 })) {
  chars += JSON.stringify(doc.source).length;
  n++;
  if (marks.includes(n)) {
    gc();
    heap[n] = process.memoryUsage().heapUsed;
  }
}
process.stdout.write(`${JSON.stringify({ docs: n, chars, heap })}\n`);
