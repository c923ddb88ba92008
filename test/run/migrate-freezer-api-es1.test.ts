import test from 'ava';
import { migrate } from '../../pipeline/run/migrate.ts';
import { sync } from '../../pipeline/run/sync.ts';
import { verify } from '../../pipeline/run/verify.ts';
import { TEST_ES_MAJORS, deleteIndex, esRequest, esUrl } from '../helpers/elasticsearch.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs } from '../helpers/small-freezer-docs.ts';
import { FreezerTables } from '../sync/helpers/freezer-tables.ts';

/**
 * The index as freezer-api 2.0–13 left it on Elasticsearch 1.x: one index `freezer`, five `_type`s,
 * `freezer-manage db sync`'s mappings for jobs, backups and clients only (1.x syntax: `string` +
 * `not_analyzed`, a `dateOptionalTime` date; actions and sessions mapped dynamically), one replica
 * setting of 0, and what 1.x let through that later servers refuse.
 */
const INDEX = 'freezer';
const exact = { type: 'string', index: 'not_analyzed' };
const FREEZER_API_MAPPINGS = {
  jobs: {
    properties: {
      job_id: exact,
      user_id: exact,
      client_id: exact,
      session_id: exact,
      session_tag: { type: 'long' },
      description: { type: 'string' },
      job_schedule: { properties: { schedule_start_date: { type: 'date', format: 'dateOptionalTime' }, time_created: { type: 'long' }, time_started: { type: 'long' }, time_ended: { type: 'long' }, status: { type: 'string' } } },
      job_actions: { properties: { action_id: { type: 'string' }, user_id: exact, max_retries: { type: 'long' }, mandatory: { type: 'boolean' }, freezer_action: { properties: { backup_name: { type: 'string' }, container: { type: 'string' }, mode: { type: 'string' } } } } },
    },
  },
  backups: {
    properties: {
      backup_id: exact,
      backup_uuid: { type: 'string' },
      user_id: exact,
      user_name: { type: 'string' },
      backup_metadata: { properties: { container: exact, backup_name: exact, hostname: { type: 'string' }, time_stamp: { type: 'string' }, curr_backup_level: { type: 'string' }, level: { type: 'long' } } },
    },
  },
  clients: {
    properties: { user_id: exact, uuid: exact, client: { properties: { client_id: exact, config_id: exact, hostname: { type: 'string' }, description: { type: 'string' } } } },
  },
};

/** The live rows of each main table es2sql must produce from the documents below. */
const EXPECTED = { clients: 3, actions: 4, sessions: 3, jobs: 4, backups: 6 };

async function writeFreezerApiIndex(base: string): Promise<void> {
  await deleteIndex(base, INDEX);
  await esRequest(base, 'PUT', `/${INDEX}`, { settings: { number_of_replicas: 0 }, mappings: FREEZER_API_MAPPINGS });
  const user = 'u0000000000000000000000000000001';
  // 1.x-only dirty cases: session_tag a long in `jobs` but text in `sessions` (one field, two types
  // across mapping types: the first session written maps it), and `_version` inside `_source`
  // (2.x and later refuse to map it).
  await esRequest(base, 'PUT', `/${INDEX}/sessions/s-text-tag?refresh=true`, { session_id: 's-text-tag', user_id: user, session_tag: 'seven', status: 'active', jobs: {} });
  const docs = smallFreezerDocs({ clients: 3, actions: 4, sessions: 2, jobs: 3, backups: 5 });
  const lines: string[] = [];
  for (const d of docs) lines.push(JSON.stringify({ index: { _index: INDEX, _type: d._type, _id: d._id } }), JSON.stringify(d._source));
  const backup = docs.find((d) => d._type === 'backups')!;
  lines.push(JSON.stringify({ index: { _index: INDEX, _type: 'backups', _id: 'b-version-in-source' } }), JSON.stringify({ ...backup._source, backup_id: 'b-version-in-source', _version: 7 }));
  const job = docs.find((d) => d._type === 'jobs')!;
  const schedule = { ...(job._source.job_schedule as object), schedule_start_date: '2015-06-01T10:00:00' };
  lines.push(JSON.stringify({ index: { _index: INDEX, _type: 'jobs', _id: 'j-start-date' } }), JSON.stringify({ ...job._source, job_id: 'j-start-date', job_schedule: schedule, _version: 2 }));
  const result = await esRequest(base, 'POST', '/_bulk?refresh=true', `${lines.join('\n')}\n`);
  if (result.errors) throw new Error(`bulk write into ${INDEX} failed: ${JSON.stringify(result.items.find((i: any) => i.index?.error)).slice(0, 300)}`);
}

/**
 * The index's mapping once every type written dynamically has reached it. Elasticsearch 1.x applies
 * a dynamic mapping update on the shard at once but tells the master asynchronously, so a GET
 * _mapping straight after the writes may not list `sessions` or `actions` yet.
 */
async function settledMapping(base: string): Promise<any> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const mapping = await esRequest(base, 'GET', `/${INDEX}/_mapping`);
    const types = Object.keys(mapping[INDEX]?.mappings ?? {});
    if (Object.keys(EXPECTED).every((type) => types.includes(type))) return mapping;
    if (Date.now() > deadline) throw new Error(`the mapping of ${INDEX} still lists only ${types.join(', ')} after 15 s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

if (TEST_ES_MAJORS.includes(1)) {
  for (const dialect of TEST_DIALECTS) {
    test.serial(`ES 1.7 freezer-api index → ${dialect}: migrate takes every type under freezer-api's own mapping, dirty 1.x documents included; verify is clean; a sync after edits on the server stays clean`, async (t) => {
      const base = esUrl(1);
      await writeFreezerApiIndex(base);
      const mapping = await settledMapping(base);
      t.is(mapping[INDEX].mappings.jobs.properties.job_schedule.properties.schedule_start_date.format, 'dateOptionalTime');
      const dirty = await esRequest(base, 'GET', `/${INDEX}/backups/b-version-in-source`);
      t.deepEqual([dirty._version, dirty._source._version], [1, 7], '1.7 keeps a _version key in _source apart from the document version');
      t.is(mapping[INDEX].mappings.sessions.properties.session_tag.type, 'string');
      const scratch = await createScratchDatabase(dialect, 'fapi1');
      const tables = new FreezerTables(scratch.url);
      const source = { url: base, index: INDEX };
      try {
        const migrated = await migrate({ source, target: scratch.url, slices: 2, batchSize: 4 });
        t.is(migrated.error, undefined, migrated.error?.message);
        for (const [table, rows] of Object.entries(EXPECTED)) t.is(await tables.count(table, 'live'), rows, table);
        const clean = await verify({ source, target: scratch.url, slices: 2 });
        t.is(clean.error, undefined, clean.error?.message);
        t.true(clean.report.clean, JSON.stringify(clean.report.totals));

        // An update, a delete and an insert made on the 1.7 server reach SQL with one sync.
        await esRequest(base, 'PUT', `/${INDEX}/jobs/j-start-date?refresh=true`, { job_id: 'j-start-date', user_id: 'u0000000000000000000000000000001', description: 'edited on 1.7', job_schedule: { status: 'stop' }, job_actions: [] });
        await esRequest(base, 'DELETE', `/${INDEX}/sessions/s-text-tag?refresh=true`);
        await esRequest(base, 'PUT', `/${INDEX}/backups/b-new?refresh=true`, { backup_id: 'b-new', user_id: 'u0000000000000000000000000000001', backup_metadata: { container: 'c', hostname: 'h', backup_name: 'n', time_stamp: 1500000999, curr_backup_level: 0 } });
        const synced = await sync({ source, target: scratch.url, slices: 2 });
        t.is(synced.error, undefined, synced.error?.message);
        t.is(await tables.count('sessions', 'live'), EXPECTED.sessions - 1);
        t.is(await tables.count('backups', 'live'), EXPECTED.backups + 1);
        const after = await verify({ source, target: scratch.url, slices: 2 });
        t.true(after.report.clean, JSON.stringify(after.report.totals));
      } finally {
        await tables.close();
        await scratch.drop();
        await deleteIndex(base, INDEX);
      }
    });
  }
}
