import type { DocumentSource } from '../../pipeline/source/document-source.ts';
import { openSource } from '../../pipeline/source/open-source.ts';

/** Options of {@link measureReadBound}. */
export interface ReadBoundOptions {
  url: string;
  index: string;
  slices: number;
  pageSize: number;
}

/** Documents read and the wall time it took. */
export interface Timed {
  docs: number;
  seconds: number;
}

async function readAll(source: DocumentSource, slices: number, pageSize: number): Promise<number> {
  let docs = 0;
  for (const partition of (await source.describe()).partitions) {
    const count = await source.sliceCount(partition, slices);
    await Promise.all(
      Array.from({ length: count }, async (_, slice) => {
        for await (const page of source.read(partition, slice, count, null, { pageSize })) docs += page.documents.length;
      }),
    );
  }
  return docs;
}

/**
 * The read bound: every partition read slice-parallel through es2sql's own reader (HTTP, exact
 * JSON parse, point in time) and thrown away: no transform, no database.
 */
export async function measureReadBound(options: ReadBoundOptions): Promise<Timed> {
  const source = await openSource({ url: options.url, index: options.index });
  try {
    const started = performance.now();
    const docs = await readAll(source, options.slices, options.pageSize);
    return { docs, seconds: (performance.now() - started) / 1000 };
  } finally {
    await source.close();
  }
}

if (import.meta.main) {
  const [url, index, slices, pageSize] = process.argv.slice(2);
  const result = await measureReadBound({ url: url!, index: index!, slices: Number(slices ?? 4), pageSize: Number(pageSize ?? 2000) });
  console.log(`${result.docs} docs in ${result.seconds.toFixed(2)} s = ${Math.round(result.docs / result.seconds)} docs/s`);
}
