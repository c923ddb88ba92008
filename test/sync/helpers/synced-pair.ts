import { FaultProxy, type FaultPlan } from '../../helpers/fault-proxy.ts';
import { createScratchDatabase, type ScratchDatabase } from '../../helpers/databases.ts';
import { migrate } from '../../../pipeline/run/migrate.ts';
import type { Dialect } from '../../../schema/dialect.ts';
import { FreezerIndex, TYPES, smallFreezerDocs, type SmallDoc } from './freezer-index.ts';
import { changedDocument, newDocument } from './freezer-edits.ts';

export const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');

/**
 * A small Freezer index migrated into a scratch database, reached through a fault proxy (the
 * pipeline is identified by the source URL, so migrate, sync and cutover all go through it), and
 * the edits that give the next sync work: per entity one new, one changed, one deleted document.
 */
export class MigratedPair {
  readonly es: FreezerIndex;
  readonly proxy: FaultProxy;
  readonly scratch: ScratchDatabase;
  readonly docs: SmallDoc[];

  private constructor(es: FreezerIndex, proxy: FaultProxy, scratch: ScratchDatabase, docs: SmallDoc[]) {
    this.es = es;
    this.proxy = proxy;
    this.scratch = scratch;
    this.docs = docs;
  }

  /**
   * `migrateFirst`: false leaves the target empty; a function maps the scratch URL to the one to
   * migrate with (the pipeline id includes whether the URL carries a password).
   */
  static async create(base: string, major: number, dialect: Dialect, migrateFirst: boolean | ((url: string) => string) = true): Promise<MigratedPair> {
    const docs = smallFreezerDocs({ clients: 4, actions: 8, sessions: 4, jobs: 6, backups: 12 });
    const es = await FreezerIndex.create(base, major, docs);
    const proxy = await FaultProxy.start(base);
    const scratch = await createScratchDatabase(dialect, 'pair');
    const pair = new MigratedPair(es, proxy, scratch, docs);
    if (migrateFirst) {
      const target = typeof migrateFirst === 'function' ? migrateFirst(scratch.url) : scratch.url;
      const migrated = await migrate({ source: pair.source, target, migrationTime: MIGRATION_TIME, slices: 2 });
      if (migrated.error) throw migrated.error;
    }
    return pair;
  }

  /** The source as every command of the test names it: through the proxy. */
  get source(): { url: string; index: string } {
    return { url: this.proxy.url, index: this.es.index };
  }

  /** The same index reached directly (for oracles; a different pipeline id). */
  get directSource(): { url: string; index: string } {
    return { url: this.es.base, index: this.es.index };
  }

  set plan(plan: FaultPlan) {
    this.proxy.plan = plan;
  }

  /** Per entity: one new, one changed and one deleted document (15 changes). Returns the deleted ones. */
  async edit(round = 0): Promise<SmallDoc[]> {
    const deleted: SmallDoc[] = [];
    for (const [n, type] of TYPES.entries()) {
      const ofType = this.docs.filter((d) => d._type === type);
      await this.es.put(newDocument(ofType[0]!, 100 * round + n));
      await this.es.put(changedDocument(ofType[1]!, 100 * round + n));
      const gone = ofType[ofType.length - 1 - round]!;
      await this.es.remove(type, gone._id);
      deleted.push(gone);
    }
    return deleted;
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await this.es.drop();
    await this.scratch.drop();
  }
}
