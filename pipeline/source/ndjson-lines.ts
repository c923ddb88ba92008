import { createReadStream } from 'node:fs';

/** One line of a file and where it is. */
export interface FileLine {
  /**
   * The line's bytes without its `\n`: a view into the chunk read, valid while the batch that holds
   * it is current. {@link lineText} decodes it.
   */
  bytes: Buffer;
  /** Byte offset of the line's first byte. */
  start: number;
  /** Byte offset just after the line's `\n` (the next line's start). */
  end: number;
}

const NEWLINE = 0x0a;
const CHUNK_BYTES = 1 << 20;

/**
 * The lines whose first byte lies in `[from, to)`, one batch per chunk read (a chunk's complete
 * lines), streamed with bounded memory (one chunk plus one line). Lines are not decoded: a reader
 * that passes a line over pays for finding its end only. When `from` is not known to be a line
 * start, the partial line it falls into is skipped: it belongs to the range that holds its first
 * byte. Splitting a file at any byte offsets therefore gives ranges with disjoint lines that
 * together cover the file.
 */
export async function* readLineBatches(
  path: string,
  from: number,
  to: number,
  options: { fromLineStart: boolean; signal?: AbortSignal | undefined; chunkBytes?: number },
): AsyncGenerator<FileLine[]> {
  if (from >= to) return;
  const skipPartial = from > 0 && !options.fromLineStart;
  // Starting one byte early tells whether `from` itself begins a line (the byte before is `\n`).
  let position = skipPartial ? from - 1 : from;
  let skipping = skipPartial;
  let lineStart = position;
  let carry: Buffer[] = [];
  const stream = createReadStream(path, { start: position, highWaterMark: options.chunkBytes ?? CHUNK_BYTES, signal: options.signal });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const batch: FileLine[] = [];
      let offset = 0;
      let last = false;
      for (;;) {
        const newline = chunk.indexOf(NEWLINE, offset);
        if (newline < 0) {
          if (!skipping) carry.push(chunk.subarray(offset));
          break;
        }
        const lineEnd = position + newline + 1;
        if (skipping) {
          skipping = false;
        } else {
          const bytes = carry.length === 0 ? chunk.subarray(offset, newline) : Buffer.concat([...carry, chunk.subarray(offset, newline)]);
          carry = [];
          batch.push({ bytes, start: lineStart, end: lineEnd });
        }
        lineStart = lineEnd;
        offset = newline + 1;
        if (lineStart >= to) {
          last = true;
          break;
        }
      }
      if (batch.length > 0) yield batch;
      if (last) return;
      position += chunk.length;
    }
    if (!skipping && carry.length > 0 && lineStart < to) {
      yield [{ bytes: Buffer.concat(carry), start: lineStart, end: position }];
    }
  } finally {
    stream.destroy();
  }
}

/** The text of a line: UTF-8, without a `\r` before its `\n`, without the byte order mark of a file's first line. */
export function lineText(line: FileLine): string {
  const { bytes } = line;
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === 0x0d) end--;
  // A UTF-8 byte order mark at the start of the file is not part of the first document.
  const begin = line.start === 0 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', begin, end);
}

/** 1-based number of the line starting at `offset` (counts the newlines before it). */
export async function lineNumberAt(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let newlines = 0;
  const stream = createReadStream(path, { start: 0, end: offset - 1, highWaterMark: CHUNK_BYTES });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(NEWLINE); at >= 0; at = chunk.indexOf(NEWLINE, at + 1)) newlines++;
  }
  return newlines + 1;
}
