import { bulkLoad, defaultLayout, generateCorpus, prepareIndices, restoreRefreshInterval, type CorpusDocument } from '../../../fixtures/corpus/index.ts';
import { isJsonObject, type JsonObject } from '../../../core/json-value.ts';
import { parseJson } from '../../../core/parse-json.ts';
import { deleteIndex, docPath, esRequest, uniqueIndex } from '../../helpers/elasticsearch.ts';

/**
 * A seeded corpus (the corpus generator: every generation and dirty case) loaded into a real node,
 * in freezer-api's multi-type layout on ES ≤ 5 and typeless on newer servers, plus the edits a
 * test makes between syncs.
 */
export class CorpusIndex {
  readonly base: string;
  readonly major: number;
  readonly index: string;
  /** Every document loaded, in generation order (kept only for small corpora). */
  readonly documents: CorpusDocument[];
  readonly loadMs: number;

  private constructor(base: string, major: number, index: string, documents: CorpusDocument[], loadMs: number) {
    this.base = base;
    this.major = major;
    this.index = index;
    this.documents = documents;
    this.loadMs = loadMs;
  }

  static async load(base: string, major: number, docs: number, options: { seed?: number; keep?: boolean } = {}): Promise<CorpusIndex> {
    const index = uniqueIndex('corpus');
    const layout = defaultLayout(major);
    const corpus = { docs, seed: options.seed ?? 7, index, layout, allowVersionInSource: major <= 5 };
    const names = await prepareIndices({ url: base, index, layout, major }, false);
    const started = Date.now();
    await bulkLoad(generateCorpus(corpus), { url: base, major });
    await restoreRefreshInterval(base, names, major);
    const kept = options.keep === false ? [] : [...generateCorpus(corpus)];
    return new CorpusIndex(base, major, index, kept, Date.now() - started);
  }

  /** More documents of another seed (new ids), as freezer-api would add them. */
  async add(docs: number, seed: number): Promise<CorpusDocument[]> {
    const added = [...generateCorpus({ docs, seed, index: this.index, layout: defaultLayout(this.major), allowVersionInSource: this.major <= 5 })];
    // The load's own count check assumes an empty index; refresh instead so the next sweep sees them.
    await bulkLoad(added, { url: this.base, major: this.major, verify: false });
    await esRequest(this.base, 'POST', `/${this.index}/_refresh`);
    return added;
  }

  /** Re-indexes a document with a visible edit (a field freezer-api shows, or an extra key when the document lacks it). */
  async edit(doc: CorpusDocument, n: number): Promise<void> {
    // Through the exact parser: JsonNumbers (big integers, 1.0) must reach ES unchanged.
    const source = parseJson(JSON.stringify(doc.source)) as JsonObject;
    const holder = { clients: 'client', actions: 'freezer_action', backups: 'backup_metadata', jobs: null, sessions: null }[doc.entity];
    const target = holder === null ? source : isJsonObject(source[holder]) ? (source[holder] as JsonObject) : source;
    target[doc.entity === 'backups' || doc.entity === 'actions' ? 'backup_name' : 'description'] = `edited ${n}`;
    await esRequest(this.base, 'PUT', `${this.path(doc)}?refresh=true`, source);
  }

  async remove(doc: CorpusDocument): Promise<void> {
    await esRequest(this.base, 'DELETE', `${this.path(doc)}?refresh=true`);
  }

  async drop(): Promise<void> {
    await deleteIndex(this.base, this.index);
  }

  private path(doc: CorpusDocument): string {
    return docPath(this.major, doc.index, doc.type ?? 'doc', doc.id);
  }
}
