/**
 * Read-and-discard throughput of the source on the real test nodes (not part of `ava`):
 *
 *   npx node test/source/measure-read-throughput.ts            # ES 2 5 7 8 and an NDJSON file
 *   ES2SQL_TEST_ES_MAJORS="8" DOCS=20000 npx node test/source/measure-read-throughput.ts
 *
 * Seeds DOCS (default 100 000) Freezer-shaped documents into a 3-shard index, then reads every
 * partition with several page sizes and slice counts, and prints documents per second.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DocumentSource } from '../../pipeline/source/document-source.ts';
import { openSource } from '../../pipeline/source/open-source.ts';
import { readAndDiscard } from '../../scripts/bench/read-bound.ts';
import { TEST_ES_MAJORS, esUrl } from '../helpers/elasticsearch.ts';
import { seedFreezerIndex } from '../helpers/freezer-seed.ts';

const DOCS = Number(process.env.DOCS ?? 100_000);
const RUNS: Array<{ pageSize: number; slices: number }> = [
  { pageSize: 1000, slices: 1 },
  { pageSize: 5000, slices: 1 },
  { pageSize: 1000, slices: 3 },
  { pageSize: 5000, slices: 3 },
];

interface Measured {
  documents: number;
  seconds: number;
  /** CPU seconds this process spent (parsing, building documents): the client's own cost. */
  cpuSeconds: number;
}

async function timedRead(source: DocumentSource, pageSize: number, requestedSlices: number): Promise<Measured> {
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const documents = await readAndDiscard(source, requestedSlices, pageSize);
  const used = process.cpuUsage(cpu);
  return { documents, seconds: Number(process.hrtime.bigint() - started) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}

function report(label: string, run: { pageSize: number; slices: number }, result: Measured): void {
  const rate = Math.round(result.documents / result.seconds).toLocaleString('en');
  const cpuPerDoc = ((result.cpuSeconds / result.documents) * 1e6).toFixed(1);
  console.log(`${label.padEnd(28)} page ${String(run.pageSize).padStart(5)}  slices ${run.slices}  ${result.documents} docs in ${result.seconds.toFixed(2)} s = ${rate} docs/s; client CPU ${cpuPerDoc} µs/doc`);
}

for (const major of TEST_ES_MAJORS) {
  const base = esUrl(major);
  const seeded = await seedFreezerIndex(base, major, { count: DOCS, shards: 3 });
  try {
    const source = await openSource({ url: base, index: seeded.index });
    const { version, strategy } = await source.describe();
    await timedRead(source, 1000, 1); // warm-up: caches, fielddata, JIT
    for (const run of RUNS) report(`ES ${version} (${strategy})`, run, await timedRead(source, run.pageSize, run.slices));
    await source.close();
  } finally {
    await seeded.drop();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'es2sql-throughput-'));
try {
  const { freezerSourceText } = await import('../helpers/freezer-seed.ts');
  const { ENTITIES } = await import('../../core/entity.ts');
  const lines: string[] = [];
  for (let n = 0; n < DOCS; n++) {
    const entity = ENTITIES[n % ENTITIES.length]!;
    const id = `${entity}-${n}`;
    lines.push(`{"_index":"freezer","_type":"${entity}","_id":"${id}","_score":1,"_source":${freezerSourceText(entity, id, n)}}`);
  }
  const path = join(dir, 'freezer.ndjson');
  await writeFile(path, `${lines.join('\n')}\n`);
  const source = await openSource({ file: path });
  await source.describe();
  for (const run of RUNS) report('NDJSON file', run, await timedRead(source, run.pageSize, run.slices));
} finally {
  await rm(dir, { recursive: true, force: true });
}
