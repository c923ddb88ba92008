import { open as openFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { DocumentSource, ReadOptions, SourceCursor, SourceDescription, SourcePage, SourceStats, SweepPage } from './document-source.ts';
import { detectCompression } from './compressed-file.ts';
import { parseElasticdumpLine } from './elasticdump-line.ts';
import { LinePartitions, type PlainLinePartitions } from './line-partitions.ts';
import { type FileLine, lineNumberAt, lineText, readLineBatches } from './ndjson-lines.ts';
import { prefetchOne } from './prefetch.ts';
import { checkReadArguments } from './read-arguments.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import { SourceCursorError, SourceFileError, SourceLineError, SourceUsageError } from './source-error.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { DEFAULT_PARTITIONING, isSourcePartition, sortPartitions, type SourcePartition } from './source-partition.ts';

/** What one pass over the whole file found. */
interface FileScan {
  counts: Map<SourcePartition, number>;
  /** Each document (non-blank) line's partition, so that a read of one partition parses its own lines only. */
  partitions: LinePartitions;
}

/** {@link FileScan} as it crosses to a worker thread (NdjsonFileSource.shareState). */
interface SharedScan {
  kind: 'ndjson-scan';
  path: string;
  size: number;
  counts: [SourcePartition, number][];
  partitions: PlainLinePartitions;
}

/** The scan another copy of the source made, when `shared` is one and of this file as it is now. */
function adoptScan(shared: unknown, path: string, size: number): FileScan | undefined {
  const candidate = shared as Partial<SharedScan> | null | undefined;
  if (typeof candidate !== 'object' || candidate === null || candidate.kind !== 'ndjson-scan' || candidate.path !== path || candidate.size !== size) return undefined;
  const partitions = LinePartitions.fromPlain(candidate.partitions);
  if (partitions === undefined || !Array.isArray(candidate.counts)) return undefined;
  return { counts: new Map(candidate.counts), partitions };
}

/** The cursor of a file read: the byte offset of the next line, within one slicing of the file. */
interface FileCursor {
  offset: number;
  slice: number;
  slices: number;
}

/** Where each document of a partition is, for fetch by id. */
type IdIndex = Map<string, Array<{ start: number; end: number }>>;

/**
 * An elasticdump NDJSON file as a DocumentSource, for clusters that are gone or out of reach.
 * Slices are byte ranges of the file aligned to line starts (slice `i` of `n` reads the lines whose
 * first byte lies in `[i·size/n, (i+1)·size/n)`), cursors are byte offsets, memory stays bounded
 * (one read chunk and one page per slice). Partitions come from `_type`, or from the content for
 * typeless lines. A malformed line is never skipped: it fails the read with its line number.
 */
export class NdjsonFileSource implements DocumentSource {
  private readonly path: string;
  private readonly size: number;
  private scanned: Promise<FileScan> | undefined;
  private idIndex: Promise<Map<SourcePartition, IdIndex>> | undefined;

  private readonly partitioning: SourcePartitioning;

  private constructor(path: string, size: number, partitioning: SourcePartitioning) {
    this.partitioning = partitioning;
    this.path = path;
    this.size = size;
  }

  static async open(file: string, partitioning: SourcePartitioning = DEFAULT_PARTITIONING, shared?: unknown): Promise<NdjsonFileSource> {
    const path = resolve(file);
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
      throw new SourceFileError(path, describeFsError(error), { cause: error });
    });
    if (!info.isFile()) throw new SourceFileError(path, 'not a regular file');
    const compression = await detectCompression(path).catch((error: NodeJS.ErrnoException) => {
      throw new SourceFileError(path, describeFsError(error), { cause: error });
    });
    if (compression) throw new SourceFileError(path, compression.advice);
    const source = new NdjsonFileSource(path, info.size, partitioning);
    const scan = adoptScan(shared, path, info.size);
    if (scan !== undefined) source.scanned = Promise.resolve(scan);
    return source;
  }

  /** The scan as plain data, for a copy of this source in a worker thread (it then reads without scanning). */
  async shareState(): Promise<SharedScan> {
    const scan = await this.scan();
    return { kind: 'ndjson-scan', path: this.path, size: this.size, counts: [...scan.counts], partitions: scan.partitions.toPlain() };
  }

  async describe(): Promise<SourceDescription> {
    const scan = await this.scan();
    return { kind: 'file', display: this.path, layout: 'file', partitions: sortPartitions(scan.counts.keys(), this.partitioning), strategy: 'file' };
  }

  async count(partition: SourcePartition): Promise<number> {
    checkPartition(partition, this.partitioning);
    return (await this.scan()).counts.get(partition) ?? 0;
  }

  async sliceCount(partition: SourcePartition, requested: number): Promise<number> {
    checkPartition(partition, this.partitioning);
    if (!Number.isInteger(requested) || requested < 1) throw new SourceUsageError(`slice count must be a positive integer, got ${requested}`);
    const scan = await this.scan();
    return Math.max(1, Math.min(requested, scan.partitions.size, this.size));
  }

  read(partition: SourcePartition, slice: number, slices: number, cursor: SourceCursor | null, options: ReadOptions): AsyncGenerator<SourcePage> {
    checkReadArguments(partition, slice, slices, options, this.partitioning);
    return prefetchOne(async function* (this: NdjsonFileSource, signal: AbortSignal) {
      const from = await this.readFrom(slice, slices, cursor);
      // The scan (memoised; describe() ran it already in a command) says which lines are this partition's.
      const lines = (await this.scan()).partitions.from(from);
      let documents: SourceDocument[] = [];
      let lastEnd = 0;
      for await (const batch of readLineBatches(this.path, from, this.sliceBounds(slice, slices).end, { fromLineStart: cursor !== null, signal })) {
        for (const line of batch) {
          if (lines.partitionAt(line.start) !== partition) continue;
          // The scan found the line valid; one changed since fails with its line number.
          const parsed = parseElasticdumpLine(lineText(line), this.partitioning);
          if (parsed.problem !== undefined) throw await this.lineError(line.start, parsed.problem);
          documents.push(parsed.document);
          if (documents.length >= options.pageSize) {
            const page: SourcePage = { documents, cursor: this.cursorAt(line.end, slice, slices) };
            // Released before the yield: a suspended generator keeps its locals (SourcePage).
            documents = [];
            yield page;
          }
        }
        lastEnd = batch[batch.length - 1]!.end;
      }
      if (documents.length > 0) yield { documents, cursor: this.cursorAt(lastEnd, slice, slices) };
    }.bind(this), options.signal, options.prefetch !== false);
  }

  sweep(partition: SourcePartition, slice: number, slices: number, cursor: SourceCursor | null, options: ReadOptions): AsyncGenerator<SweepPage> {
    const pages = this.read(partition, slice, slices, cursor, options);
    return (async function* () {
      for await (const page of pages) {
        yield { entries: page.documents.map((document) => ({ id: document.id, version: document.version })), cursor: page.cursor };
      }
    })();
  }

  async fetch(partition: SourcePartition, ids: string[]): Promise<SourceDocument[]> {
    checkPartition(partition, this.partitioning);
    if (ids.length === 0) return [];
    const index = (await this.buildIdIndex()).get(partition);
    if (index === undefined) return [];
    const handle = await openFile(this.path, 'r');
    try {
      const documents: SourceDocument[] = [];
      for (const id of ids) {
        for (const place of index.get(id) ?? []) {
          const buffer = Buffer.alloc(place.end - place.start);
          await handle.read(buffer, 0, buffer.length, place.start);
          const parsed = parseElasticdumpLine(buffer.toString('utf8').replace(/\r?\n$/, '').replace(/^\uFEFF/, ''), this.partitioning);
          if (parsed.problem !== undefined) throw await this.lineError(place.start, parsed.problem);
          documents.push(parsed.document);
        }
      }
      return documents;
    } finally {
      await handle.close();
    }
  }

  stats(): SourceStats {
    return { requests: 0, retries: 0, contextReopens: 0, incompletePages: 0 };
  }

  async close(): Promise<void> {
    this.idIndex = undefined;
  }

  /** Where a read of a slice starts: the cursor's offset, else the slice's first byte (checks the file first). */
  private async readFrom(slice: number, slices: number, cursor: SourceCursor | null): Promise<number> {
    await this.checkUnchanged();
    const bounds = this.sliceBounds(slice, slices);
    return cursor === null ? bounds.start : this.resumeOffset(cursor, slice, slices, bounds);
  }

  /**
   * Every document line of the whole file, a chunk at a time, with what it parses to (blank lines
   * passed over); a malformed line fails with its line number. Numbers keep their exact text only
   * when the partitioning could classify by a value (`classifiesByFieldNames` unset): the callers
   * count, classify and index lines, and read documents again where they need them.
   */
  private async forEachDocumentLine(visit: (line: FileLine, document: SourceDocument, partition: SourcePartition) => void): Promise<void> {
    const exactNumbers = this.partitioning.classifiesByFieldNames !== true;
    for await (const batch of readLineBatches(this.path, 0, this.size, { fromLineStart: true })) {
      for (const line of batch) {
        const text = lineText(line);
        if (text.trim() === '') continue;
        const parsed = parseElasticdumpLine(text, this.partitioning, exactNumbers);
        if (parsed.problem !== undefined) throw await this.lineError(line.start, parsed.problem);
        visit(line, parsed.document, parsed.partition);
      }
    }
  }

  /**
   * One pass over the whole file, before any document is read: counts the documents of each
   * partition and records each line's partition (LinePartitions). Every line is parsed, so a
   * malformed line fails describe() with its line number before anything is written.
   */
  private scan(): Promise<FileScan> {
    this.scanned ??= (async () => {
      await this.checkUnchanged();
      const counts = new Map<SourcePartition, number>();
      const partitions = new LinePartitions();
      await this.forEachDocumentLine((line, _document, partition) => {
        counts.set(partition, (counts.get(partition) ?? 0) + 1);
        partitions.add(line.start, partition);
      });
      return { counts, partitions };
    })();
    return this.scanned;
  }

  private buildIdIndex(): Promise<Map<SourcePartition, IdIndex>> {
    this.idIndex ??= (async () => {
      const byPartition = new Map<SourcePartition, IdIndex>();
      await this.forEachDocumentLine((line, document, partition) => {
        let index = byPartition.get(partition);
        if (index === undefined) byPartition.set(partition, (index = new Map()));
        const places = index.get(document.id);
        if (places === undefined) index.set(document.id, [{ start: line.start, end: line.end }]);
        else places.push({ start: line.start, end: line.end });
      });
      return byPartition;
    })();
    return this.idIndex;
  }

  private sliceBounds(slice: number, slices: number): { start: number; end: number } {
    return { start: Math.floor((this.size * slice) / slices), end: Math.floor((this.size * (slice + 1)) / slices) };
  }

  private cursorAt(offset: number, slice: number, slices: number): SourceCursor {
    const cursor: FileCursor = { offset, slice, slices };
    return { ...cursor };
  }

  private resumeOffset(cursor: SourceCursor, slice: number, slices: number, bounds: { start: number; end: number }): number {
    const parsed = cursor as Partial<FileCursor> | null;
    if (typeof parsed !== 'object' || parsed === null || !Number.isSafeInteger(parsed.offset)) {
      throw new SourceCursorError(`the cursor is not a byte offset into ${this.path}`, cursor);
    }
    if (parsed.slice !== slice || parsed.slices !== slices) {
      throw new SourceCursorError(`the cursor belongs to slice ${String(parsed.slice)} of ${String(parsed.slices)}, not ${slice} of ${slices}`, cursor);
    }
    const offset = parsed.offset!;
    if (offset < bounds.start || offset > Math.max(bounds.end, this.size)) {
      throw new SourceCursorError(`byte offset ${offset} is outside slice ${slice} of ${slices} of ${this.path}`, cursor);
    }
    return offset;
  }

  private async lineError(offset: number, problem: string): Promise<SourceLineError> {
    return new SourceLineError(this.path, await lineNumberAt(this.path, offset), offset, problem);
  }

  private async checkUnchanged(): Promise<void> {
    const info = await stat(this.path).catch((error: NodeJS.ErrnoException) => {
      throw new SourceFileError(this.path, describeFsError(error), { cause: error });
    });
    if (info.size !== this.size) throw new SourceFileError(this.path, `its size changed from ${this.size} to ${info.size} bytes since it was opened`);
  }
}

function checkPartition(partition: SourcePartition, partitioning: SourcePartitioning): void {
  if (!isSourcePartition(partition, partitioning)) throw new SourceUsageError(`unknown partition "${String(partition)}"`);
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    default:
      return error.code ?? error.message;
  }
}
