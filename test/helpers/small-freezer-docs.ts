import { writeFileSync } from 'node:fs';
import type { JsonObject } from '../../core/json-value.ts';

/** A hand-written handful of Freezer documents (v2 shapes from the data contract §1.4), for quick pipeline tests. */
export interface SmallDoc {
  _index: string;
  _type: string;
  _id: string;
  _source: JsonObject;
}

const hex = (n: number, prefix: string) => `${prefix}${n.toString(16).padStart(32 - prefix.length, '0')}`;

export function smallFreezerDocs(count: { clients?: number; actions?: number; jobs?: number; sessions?: number; backups?: number } = {}): SmallDoc[] {
  const docs: SmallDoc[] = [];
  const project = 'p0000000000000000000000000000001';
  const user = 'u0000000000000000000000000000001';
  const clients = count.clients ?? 3;
  for (let i = 0; i < clients; i++) {
    docs.push({ _index: 'freezer', _type: 'clients', _id: `AUto${i}xyz`, _source: { user_id: user, project_id: project, client: { client_id: `${project}_host${i}.example.org`, hostname: `host${i}.example.org`, uuid: hex(i, 'c'), description: `client ${i}` } } });
  }
  const actions = count.actions ?? 5;
  for (let i = 0; i < actions; i++) {
    docs.push({ _index: 'freezer', _type: 'actions', _id: hex(i, 'a'), _source: { action_id: hex(i, 'a'), user_id: user, project_id: project, max_retries: 3, freezer_action: { action: 'backup', mode: 'fs', path_to_backup: `/srv/data${i}`, backup_name: `bk${i}`, container: 'freezer_c' } } });
  }
  const sessions = count.sessions ?? 2;
  for (let i = 0; i < sessions; i++) {
    docs.push({ _index: 'freezer', _type: 'sessions', _id: hex(i, 's'), _source: { session_id: hex(i, 's'), user_id: user, project_id: project, session_tag: 1, status: 'active', last_start: '', hold_off: 30, schedule: {}, jobs: [] } });
  }
  const jobs = count.jobs ?? 4;
  for (let i = 0; i < jobs; i++) {
    const a = hex(i % actions, 'a');
    docs.push({ _index: 'freezer', _type: 'jobs', _id: hex(i, 'j'), _source: { job_id: hex(i, 'j'), user_id: user, project_id: project, client_id: `${project}_host${i % clients}.example.org`, description: `job ${i}`, job_schedule: { time_created: 1500000000 + i, time_started: -1, time_ended: -1, status: 'scheduled' }, job_actions: [{ action_id: a, user_id: user, project_id: project, max_retries: 3, max_retries_interval: 6, mandatory: false, freezer_action: { action: 'backup', mode: 'fs', path_to_backup: `/srv/data${i % actions}`, backup_name: `bk${i % actions}`, container: 'freezer_c' } }] } });
  }
  const backups = count.backups ?? 6;
  for (let i = 0; i < backups; i++) {
    docs.push({ _index: 'freezer', _type: 'backups', _id: hex(i, 'b'), _source: { backup_id: hex(i, 'b'), user_id: user, user_name: 'admin', project_id: project, backup_metadata: { container: 'freezer_c', hostname: `host${i % clients}.example.org`, backup_name: 'bk', time_stamp: 1500000100 + i, curr_backup_level: 0, job_id: hex(i % jobs, 'j') } } });
  }
  return docs;
}

export function writeNdjson(path: string, docs: readonly SmallDoc[]): void {
  writeFileSync(path, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
}
