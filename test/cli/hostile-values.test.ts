import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import type { JsonObject } from '../../core/json-value.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { writeNdjson, type SmallDoc } from '../helpers/small-freezer-docs.ts';
import { tableNames } from './helpers/dump-tables.ts';
import { runCli } from './helpers/run-cli.ts';

const PROJECT = 'p0000000000000000000000000000001';
const USER = 'u0000000000000000000000000000001';
const SQL = "'; DROP TABLE clients; --";
const QUOTES = `O'Brien said "hi" \\ back\\slash \\' \\"`;
const NUL = 'before\u0000after';
const FOUR_BYTE = 'emoji 😀 clef 𝄞 ok';
const HUGE = 'z'.repeat(70_000);

const hex = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;

/** A hostile value in a VARCHAR (the client description) and in a JSON column (backup_metadata) each. */
const CASES: Array<{ name: string; value: string }> = [
  { name: 'sql', value: SQL },
  { name: 'quotes', value: QUOTES },
  { name: 'nul', value: NUL },
  { name: 'four-byte', value: FOUR_BYTE },
  { name: 'huge', value: HUGE },
];

function documents(): SmallDoc[] {
  const docs: SmallDoc[] = [];
  CASES.forEach(({ value }, i) => {
    // The description column is VARCHAR(255): the 70 KB value is left to the JSON column.
    const description = value === HUGE ? 'plain' : value;
    docs.push({ _index: 'freezer', _type: 'clients', _id: `client${i}`, _source: { user_id: USER, project_id: PROJECT, client: { client_id: `${PROJECT}_host${i}.example.org`, hostname: `host${i}.example.org`, uuid: hex(i, 'c'), description } } });
    docs.push({ _index: 'freezer', _type: 'backups', _id: hex(i, 'b'), _source: { backup_id: hex(i, 'b'), user_id: USER, user_name: 'admin', project_id: PROJECT, backup_metadata: { container: 'c', hostname: `host${i}.example.org`, backup_name: 'bk', time_stamp: 1500000000 + i, curr_backup_level: 0, note: value, [value === HUGE ? 'k' : value]: 'as a key' } } });
  });
  return docs;
}

/** What docs/dirty-data.md (`dirty.hostile_values`, `dirty.four_byte_utf8`) promises per dialect. */
function expectedReject(dialect: string, entity: 'clients' | 'backups', value: string): string | undefined {
  if (dialect === 'postgres' && entity === 'clients' && value === NUL) return 'charset_unsupported';
  if (dialect === 'mysql' && entity === 'backups' && value === HUGE) return 'too_long';
  return undefined;
}

function text(value: unknown): string {
  return value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
}

for (const dialect of TEST_DIALECTS) {
  test(`${dialect}: quotes, backslashes, SQL, NUL, 4-byte UTF-8 and 70 KB values round-trip or are rejected with the documented reason; every table survives`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-hostile-'));
    const dump = join(dir, 'hostile.ndjson');
    const docs = documents();
    writeNdjson(dump, docs);
    const scratch = await createScratchDatabase(dialect, 'hostile');
    try {
      const run = await runCli(['migrate', '--source', dump, '--target', scratch.url, '--quiet']);
      const rejects = JSON.parse((await runCli(['status', '--target', scratch.url, '--rejects', '--json'])).stdout) as { rejects: Array<{ entity: string; docId: string; reason: string; detail: string }> };
      const expected = CASES.flatMap(({ value }, i) => [
        ['clients', `client${i}`, expectedReject(dialect, 'clients', value)],
        ['backups', hex(i, 'b'), expectedReject(dialect, 'backups', value)],
      ]).filter(([, , reason]) => reason !== undefined);
      t.deepEqual(rejects.rejects.map((r) => [r.entity, r.docId, r.reason]).sort(), expected.sort());
      t.true(rejects.rejects.every((r) => r.detail.length > 0 && !r.detail.includes('\n')));
      t.is(run.code, expected.length > 0 ? EXIT_CODES.rejects : EXIT_CODES.ok);

      const db = openDatabase(parseDatabaseUrl(scratch.url), { poolSize: 1 });
      try {
        for (const [i, { name, value }] of CASES.entries()) {
          const client = await db.selectFrom('clients').select(['description']).where('client_id', '=', `${PROJECT}_host${i}.example.org`).executeTakeFirst();
          if (expectedReject(dialect, 'clients', value)) t.is(client, undefined, `${name}: rejected client written`);
          else t.is(client?.description, value === HUGE ? 'plain' : value, `${name}: client description`);
          const backup = await db.selectFrom('backups').select(['backup_metadata']).where('id', '=', hex(i, 'b')).executeTakeFirst();
          if (expectedReject(dialect, 'backups', value)) t.is(backup, undefined, `${name}: rejected backup written`);
          else t.deepEqual(JSON.parse(text(backup?.backup_metadata)), (docs.find((d) => d._id === hex(i, 'b'))!._source as JsonObject).backup_metadata, `${name}: backup_metadata`);
        }
      } finally {
        await db.destroy();
      }
      const tables = await tableNames(scratch.url);
      for (const table of ['clients', 'actions', 'action_reports', 'jobs', 'sessions', 'backups', 'es2sql_runs', 'es2sql_rejects']) t.true(tables.includes(table), table);
    } finally {
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
