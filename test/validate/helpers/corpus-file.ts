import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus, writeNdjson, type CorpusDocument, type CorpusOptions } from '../../../fixtures/corpus/index.ts';
import type { SourceDocument } from '../../../core/source-document.ts';
import { parseJson } from '../../../core/parse-json.ts';
import type { JsonObject } from '../../../core/json-value.ts';

/** A generated corpus written as an elasticdump NDJSON file, with its labelled documents. */
export interface CorpusFile {
  file: string;
  dir: string;
  documents: CorpusDocument[];
  remove(): void;
}

/** Writes `generateCorpus(options)` to a fresh temp folder (multi-type layout unless told). */
export async function corpusFile(options: CorpusOptions): Promise<CorpusFile> {
  const dir = mkdtempSync(join(tmpdir(), 'es2sql-corpus-'));
  const file = join(dir, 'freezer.ndjson');
  const documents = [...generateCorpus(options)];
  await writeNdjson(documents, file);
  return { file, dir, documents, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A corpus document as the source hands it out (`_source` parsed exactly, as from the file). */
export function asSourceDocument(doc: CorpusDocument): SourceDocument {
  return { index: doc.index, type: doc.type, id: doc.id, version: null, source: parseJson(JSON.stringify(doc.source)) as JsonObject };
}
