import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync, type DeleteMode } from '../../pipeline/run/sync.ts';
import { verify } from '../../pipeline/run/verify.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { parseLayoutChoice } from '../../schema/index.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { TEST_ES_MAJORS, docPath, esRequest, esUrl } from '../helpers/elasticsearch.ts';
import { CorpusIndex } from './helpers/corpus-index.ts';
import { FreezerTables } from './helpers/freezer-tables.ts';
import { freshMigrationDump, liveRows, maskEntryBuiltActions } from './helpers/fresh-migration.ts';
import { documentMap } from './helpers/state-tables.ts';

const MIGRATION_TIME = new Date('2024-03-01T12:00:00Z');

interface Case {
  major: number;
  dialect: Dialect;
  layout: string | undefined;
  mode: DeleteMode;
}

const CASES: Case[] = ([
  { major: 2, dialect: 'mysql', layout: 'B@7a3b9c1d2e4f', mode: 'soft' },
  { major: 8, dialect: 'postgres', layout: 'B@7a3b9c1d2e4f', mode: 'hard' },
  { major: 7, dialect: 'sqlite', layout: undefined, mode: 'soft' },
  { major: 5, dialect: 'mysql', layout: 'A', mode: 'hard' },
  { major: 1, dialect: 'postgres', layout: 'A', mode: 'soft' },
  { major: 6, dialect: 'sqlite', layout: 'B@7a3b9c1d2e4f', mode: 'hard' },
] as Case[]).filter((c) => TEST_ES_MAJORS.includes(c.major) && TEST_DIALECTS.includes(c.dialect));

/** Two registrations of one client (the pre-5.0 duplicate bug): the smaller uuid is the one migrated. */
function registration(project: string, uuid: string): Record<string, unknown> {
  return { user_id: 'u-dup', project_id: project, client: { client_id: `${project}_dup-host.example.org`, hostname: 'dup-host.example.org', uuid } };
}

for (const c of CASES) {
  test(`ES ${c.major} → ${c.dialect}, layout ${c.layout ?? 'default'}, ${c.mode} deletes: on a generated corpus with every dirty case, the rows freezer-api sees after each sync equal a fresh migration, duplicate client registrations included`, async (t) => {
    const base = esUrl(c.major);
    const corpus = await CorpusIndex.load(base, c.major, 1200, { seed: 11 });
    const scratch = await createScratchDatabase(c.dialect, 'corpus');
    const tables = new FreezerTables(scratch.url);
    const source = { url: base, index: corpus.index };
    const layout = c.layout === undefined ? undefined : parseLayoutChoice({ layout: c.layout });
    const documented = async () => new Set([...(await documentMap(scratch.url, undefined, false, true)).entries()].filter(([key, status]) => key.startsWith('actions/') && status === 'loaded').map(([key]) => key.slice('actions/'.length)));
    const visible = async () => maskEntryBuiltActions(c.mode === 'hard' ? await tables.dump() : liveRows(await tables.dump()), await documented());
    const verified = async () => {
      const result = await verify({ source, target: scratch.url, slices: 2 });
      t.is(result.error, undefined, result.error?.message);
      t.like(result.report.totals, { missing: 0, extra: 0, different: 0 }, `verify: ${JSON.stringify([...result.report.missing, ...result.report.extra, ...result.report.different].slice(0, 5))}`);
    };
    const oracle = async () => maskEntryBuiltActions(await freshMigrationDump(source, c.dialect, MIGRATION_TIME, layout), await documented());
    const clientPath = (id: string) => docPath(c.major, corpus.index, 'clients', id);
    const project = String(corpus.documents.find((d) => d.entity === 'clients')!.source.project_id ?? 'p-dup');
    try {
      await esRequest(base, 'PUT', `${clientPath('dup-b')}?refresh=true`, registration(project, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'));
      await esRequest(base, 'PUT', `${clientPath('dup-c')}?refresh=true`, registration(project, 'cccccccccccccccccccccccccccccccc'));
      const migrated = await migrate({ source, target: scratch.url, migrationTime: MIGRATION_TIME, slices: 2, ...(layout ? { layout } : {}) });
      t.is(migrated.error, undefined, migrated.error?.message);
      t.true(migrated.stats.rejected > 0, 'the corpus has documents es2sql rejects');

      // Round 1: edits and deletes all over the corpus, new documents, and a new registration that wins.
      for (const [n, doc] of corpus.documents.entries()) {
        if (n % 7 === 0) await corpus.remove(doc);
        else if (n % 5 === 0) await corpus.edit(doc, n);
      }
      await corpus.add(150, 23);
      await esRequest(base, 'PUT', `${clientPath('dup-a')}?refresh=true`, registration(project, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'));
      const first = await sync({ source, target: scratch.url, deleteMode: c.mode, slices: 2 });
      t.is(first.error, undefined, first.error?.message);
      t.false(first.stats.workRemains);
      for (const entity of ['clients', 'sessions', 'actions', 'jobs', 'backups']) {
        const p = first.stats.partitions[entity]!;
        t.true(p.new > 0 || p.changed > 0, `${entity}: changes found`);
        t.true(p.deleted > 0, `${entity}: deletes found`);
      }
      t.deepEqual(await visible(), await oracle());
      await verified();
      t.is(Number((await tables.row('clients', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'))?.deleted ?? 1), 1, 'the registration that lost to the new one is no longer visible');

      // Round 2: the winning registration goes again; the next one in line is migrated.
      await esRequest(base, 'DELETE', `${clientPath('dup-a')}?refresh=true`);
      const second = await sync({ source, target: scratch.url, deleteMode: c.mode, slices: 2 });
      t.is(second.error, undefined, second.error?.message);
      t.like(second.stats.partitions.clients, { changed: 1, deleted: 1, done: 2 });
      t.is(Number((await tables.row('clients', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb'))?.deleted), 0);
      t.deepEqual(await visible(), await oracle());
      await verified();
    } finally {
      await tables.close();
      await corpus.drop();
      await scratch.drop();
    }
  });
}
