import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrate, type MigrateOptions } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, type SmallDoc } from '../helpers/small-freezer-docs.ts';

// A migrated document's earlier reject is forgotten (pipeline/batch/run-rejects.ts): rejected in an
// earlier batch of the same run, or in an earlier run. The reject table is only read for documents
// that can have one, so these check the rows left behind, on every dialect.

type Line = SmallDoc & { _version?: number };
const hex = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** `backups.user_id` is 64 characters wide in every layout: a longer one is rejected `too_long`. */
const OVERLONG_USER = 'u'.repeat(80);

async function bookkeeping(url: string): Promise<{ rejects: string[]; loaded: string[]; backups: string[] }> {
  const db = openDatabase(parseDatabaseUrl(url), { poolSize: 1 });
  try {
    const rejects = await db.selectFrom('es2sql_rejects').select(['doc_id', 'reason']).orderBy('doc_id').execute();
    const loaded = await db.selectFrom('es2sql_documents').select('doc_id').where('status', '=', 'loaded').where('source_partition', '=', 'backups').orderBy('doc_id').execute();
    const backups = await db.selectFrom('backups').select('id').orderBy('id').execute();
    return { rejects: rejects.map((r) => `${String(r.doc_id)} ${String(r.reason)}`), loaded: loaded.map((r) => String(r.doc_id)), backups: backups.map((r) => String(r.id)) };
  } finally {
    await db.destroy();
  }
}

function writeDump(dir: string, name: string, lines: Line[]): string {
  const path = join(dir, name);
  writeFileSync(path, lines.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return path;
}

/** Small documents with backup 1 rejected for good, and backup 3 rejected in its first copy and migrated from a later one. */
function dumpWithFixedCopy(): Line[] {
  const lines: Line[] = smallFreezerDocs({ clients: 1, actions: 2, sessions: 1, jobs: 2, backups: 12 });
  for (const line of lines) if (line._type === 'backups') line._version = 1;
  lines.find((d) => d._id === hex(1, 'b'))!._source.user_id = OVERLONG_USER;
  const fixed: Line = { ...clone(lines.find((d) => d._id === hex(3, 'b'))!), _version: 2 };
  lines.find((d) => d._id === hex(3, 'b'))!._source.user_id = OVERLONG_USER;
  // At the end of the file: a later batch than the rejected copy.
  lines.push(fixed);
  return lines;
}

for (const [dialect, workers] of [...TEST_DIALECTS.map((d) => [d, 0] as const), ...(TEST_DIALECTS.includes('sqlite') ? [['sqlite', 2] as const] : [])]) {
  const threads = workers === 0 ? 'one thread' : `${workers} worker threads`;
  test(`${dialect}, ${threads}: a document rejected in an earlier batch of the run and migrated from a later copy keeps no reject; one still refused keeps its reject`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-rejclear-'));
    const scratch = await createScratchDatabase(dialect, 'rejc');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const dump = writeDump(dir, 'fixed-copy.ndjson', dumpWithFixedCopy());
    const result = await migrate({ source: { file: dump }, target: scratch.url, slices: 1, batchSize: 4, workers });
    t.is(result.error, undefined, result.error?.message);
    const after = await bookkeeping(scratch.url);
    t.deepEqual(after.rejects, [`${hex(1, 'b')} too_long`]);
    t.true(after.loaded.includes(hex(3, 'b')), 'the later copy is migrated');
    t.true(after.backups.includes(hex(3, 'b')));
    t.false(after.backups.includes(hex(1, 'b')));
  });

  test(`${dialect}, ${threads}: a document rejected by an earlier run and fixed in the source loses its reject when migrated again`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-rejagain-'));
    const scratch = await createScratchDatabase(dialect, 'reja');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const lines: Line[] = smallFreezerDocs({ clients: 1, actions: 2, sessions: 1, jobs: 2, backups: 12 });
    const dirty = clone(lines);
    dirty.find((d) => d._id === hex(1, 'b'))!._source.user_id = OVERLONG_USER;
    dirty.find((d) => d._id === hex(7, 'b'))!._source.user_id = OVERLONG_USER;
    const options: Omit<MigrateOptions, 'source'> = { target: scratch.url, slices: 1, batchSize: 4, workers };
    // The same file both times (the pipeline is named after source and target).
    const first = await migrate({ ...options, source: { file: writeDump(dir, 'backups.ndjson', dirty) } });
    t.is(first.error, undefined, first.error?.message);
    t.deepEqual((await bookkeeping(scratch.url)).rejects, [`${hex(1, 'b')} too_long`, `${hex(7, 'b')} too_long`]);

    // Backup 7 fixed, backup 1 still too long: migrated again from the start.
    dirty.find((d) => d._id === hex(7, 'b'))!._source.user_id = lines.find((d) => d._id === hex(7, 'b'))!._source.user_id!;
    const second = await migrate({ ...options, source: { file: writeDump(dir, 'backups.ndjson', dirty) }, restart: true });
    t.is(second.error, undefined, second.error?.message);
    const after = await bookkeeping(scratch.url);
    t.deepEqual(after.rejects, [`${hex(1, 'b')} too_long`]);
    t.true(after.backups.includes(hex(7, 'b')));
  });
}

if (TEST_DIALECTS.includes('postgres')) {
  test('postgres: a first run reads the reject table once per partition, not once per batch', async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-rejscan-'));
    const scratch = await createScratchDatabase('postgres', 'rejs');
    t.teardown(async () => {
      rmSync(dir, { recursive: true, force: true });
      await scratch.drop();
    });
    const lines: Line[] = smallFreezerDocs({ clients: 1, actions: 2, sessions: 1, jobs: 2, backups: 80 });
    lines.find((d) => d._id === hex(1, 'b'))!._source.user_id = OVERLONG_USER;
    const result = await migrate({ source: { file: writeDump(dir, 'scan.ndjson', lines) }, target: scratch.url, slices: 1, batchSize: 2 });
    t.is(result.error, undefined, result.error?.message);
    t.is(result.stats.read, lines.length);
    // The pool's connections have closed, so their statistics are flushed; PostgreSQL may still be merging them.
    const client = new pg.Client({ connectionString: scratch.url });
    await client.connect();
    try {
      let reads = 0;
      for (let attempt = 0; attempt < 20; attempt++) {
        await client.query('select pg_stat_clear_snapshot()');
        const row = (await client.query<{ reads: string }>(`select coalesce(idx_scan, 0) + coalesce(seq_scan, 0) as reads from pg_stat_user_tables where relname = 'es2sql_rejects'`)).rows[0];
        reads = Number(row?.reads ?? 0);
        if (reads > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const batches = Math.ceil(lines.length / 2);
      // One probe per partition and the run's summary; a read per batch would be over 40.
      t.true(reads > 0 && reads <= 12, `the reject table was read ${reads} times for ${batches} batches`);
    } finally {
      await client.end();
    }
  });
}
