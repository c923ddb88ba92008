import test from 'ava';
import type { CorpusDocument } from '../../fixtures/corpus/corpus-document.ts';
import type { CorpusOptions } from '../../fixtures/corpus/corpus-options.ts';
import { generateCorpus } from '../../fixtures/corpus/generate-corpus.ts';
import { isJsonObject, type JsonObject } from '../../core/json-value.ts';
import { indexCorpus } from './helpers/corpus-index.ts';

const isClean = (doc: CorpusDocument) => !doc.cases.some((code) => code.startsWith('dirty.'));

const CONFIGS: Array<[string, CorpusOptions]> = [
  ['300 docs', { docs: 300, seed: 42 }],
  ['5000 docs', { docs: 5000, seed: 8 }],
  ['3000 docs, dirty rate 0.3 (clean part)', { docs: 3000, seed: 8, dirtyRate: 0.3 }],
  ['3000 docs, clean', { docs: 3000, seed: 8, dirtyRate: 0 }],
];

for (const [name, options] of CONFIGS) {
  test(`references of clean documents resolve (${name}): job → client, actions, session; session → jobs; backup → job`, (t) => {
    const corpus = indexCorpus(generateCorpus(options));
    const problems: string[] = [];
    let checked = 0;
    for (const doc of corpus.docs.filter(isClean)) {
      const s = doc.source;
      if (doc.entity === 'jobs') {
        checked++;
        if (!corpus.clientIds.has(String(s.client_id))) problems.push(`job ${doc.id}: client ${s.client_id} missing`);
        const entries = (s.job_actions as JsonObject[]) ?? [];
        if (entries.length === 0) problems.push(`job ${doc.id}: no job_actions`);
        for (const entry of entries) {
          const action = corpus.actions.get(String(entry.action_id));
          if (action === undefined) problems.push(`job ${doc.id}: action ${entry.action_id} missing`);
          else if ((action.project_id ?? null) !== (s.project_id ?? null)) problems.push(`job ${doc.id}: action ${entry.action_id} of another project`);
          else if (JSON.stringify(action.freezer_action) !== JSON.stringify(entry.freezer_action)) problems.push(`job ${doc.id}: entry differs from action ${entry.action_id}`);
        }
        if (typeof s.session_id === 'string' && s.session_id !== '') {
          const session = corpus.sessions.get(s.session_id);
          if (session === undefined) problems.push(`job ${doc.id}: session ${s.session_id} missing`);
          else if (!isJsonObject(session.jobs) || !(doc.id in session.jobs)) problems.push(`job ${doc.id}: session ${s.session_id} does not list it`);
          else if (session.session_tag !== s.session_tag && String(session.session_tag) !== String(s.session_tag)) problems.push(`job ${doc.id}: session_tag differs from its session`);
        }
      }
      if (doc.entity === 'sessions' && isJsonObject(s.jobs)) {
        for (const [jobId, entry] of Object.entries(s.jobs)) {
          const job = corpus.jobs.get(jobId);
          if (job === undefined) problems.push(`session ${doc.id}: job ${jobId} missing`);
          else if (job.session_id !== doc.id) problems.push(`session ${doc.id}: job ${jobId} points elsewhere`);
          else if (isJsonObject(entry) && entry.client_id !== job.client_id) problems.push(`session ${doc.id}: job ${jobId} client differs`);
        }
      }
      if (doc.entity === 'backups') {
        const jobId = (s.backup_metadata as JsonObject).job_id;
        if (jobId !== undefined && !corpus.jobs.has(String(jobId))) problems.push(`backup ${doc.id}: job ${jobId} missing`);
      }
    }
    t.true(checked > 0, 'some clean jobs were checked');
    t.deepEqual(problems.slice(0, 10), [], `${problems.length} problems`);
  });
}

test('every job owns an action document it embeds first, with the same owner and generation', (t) => {
  const corpus = indexCorpus(generateCorpus({ docs: 4000, seed: 21, dirtyRate: 0.2 }));
  for (const [id, job] of corpus.jobs) {
    const first = (job.job_actions as JsonObject[])[0];
    t.truthy(first, `job ${id} has entries`);
    const action = corpus.actions.get(String(first?.action_id));
    t.truthy(action, `job ${id}: first entry references an action document`);
    t.is(action?.user_id, job.user_id, `job ${id}: same user`);
    t.is(action?.project_id, job.project_id, `job ${id}: same project (or both none)`);
  }
});

test('duplicate client registrations share client_id, hostname and project, with different uuids and _ids', (t) => {
  const docs = [...generateCorpus({ docs: 20000, seed: 2, rates: { 'dirty.duplicate_client_registration': 0.3 } })].filter((doc) => doc.entity === 'clients');
  const groups = new Map<string, CorpusDocument[]>();
  for (const doc of docs.filter((d) => d.cases.includes('dirty.duplicate_client_registration'))) {
    const client = doc.source.client as JsonObject;
    const key = `${client.client_id}|${doc.source.project_id ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), doc]);
  }
  t.true(groups.size > 10);
  for (const [key, group] of groups) {
    t.is(group.length, 2, key);
    const uuids = group.map((doc) => (doc.source.client as JsonObject).uuid ?? doc.source.uuid);
    t.is(new Set(uuids).size, 2, key);
    t.is(new Set(group.map((doc) => doc.id)).size, 2, key);
  }
});
