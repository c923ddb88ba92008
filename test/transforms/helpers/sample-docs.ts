import type { JsonObject } from '../../../core/json-value.ts';

/** Realistic v2 documents as freezer-api ≤ 17 wrote them (data contract §1.4); fresh objects each call. */
export const USER = 'f1d2d2f924e986ac86fdf7b36c94bcdf';
export const PROJECT = '0c7fc8e2a7f94c58b4a7a9d0e1b2c3d4';
export const CLIENT_UUID = '8c9ed3c2d7a64b55a3b3f1e2d3c4b5a6';
export const ACTION_ID = 'a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const JOB_ID = 'b0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const SESSION_ID = 'c0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';
export const BACKUP_ID = 'd0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5';

export function clientSource(): JsonObject {
  return {
    client: {
      client_id: `${PROJECT}_node1.example.com`,
      hostname: 'node1.example.com',
      description: 'compute node',
      uuid: CLIENT_UUID,
      config_id: 'legacy',
    },
    user_id: USER,
    project_id: PROJECT,
  };
}

export function freezerAction(): JsonObject {
  return {
    action: 'backup',
    mode: 'fs',
    path_to_backup: '/etc',
    backup_name: 'etc-backup',
    container: 'freezer_etc',
    storage: 'swift',
    engine_name: 'tar',
    log_file: '/var/log/freezer.log',
    timeout: 3600,
    priority: 10,
    mandatory: true,
  };
}

export function actionSource(): JsonObject {
  return {
    action_id: ACTION_ID,
    user_id: USER,
    project_id: PROJECT,
    freezer_action: freezerAction(),
    max_retries: 3,
    max_retries_interval: 30,
  };
}

export function jobEntry(actionId: string | null = ACTION_ID): JsonObject {
  const entry: JsonObject = { freezer_action: freezerAction(), max_retries: 3, max_retries_interval: 30, mandatory: true };
  if (actionId !== null) Object.assign(entry, { action_id: actionId, user_id: USER, project_id: PROJECT });
  return entry;
}

export function jobSource(): JsonObject {
  return {
    job_id: JOB_ID,
    user_id: USER,
    project_id: PROJECT,
    client_id: `${PROJECT}_node1.example.com`,
    description: 'nightly etc',
    job_schedule: {
      time_created: 1_500_000_000,
      time_started: -1,
      time_ended: -1,
      status: 'scheduled',
      event: '',
      result: '',
      schedule_interval: '1 days',
      schedule_start_date: '2017-07-14T02:40:00',
    },
    job_actions: [jobEntry()],
    session_id: '',
    session_tag: 0,
  };
}

export function sessionSource(): JsonObject {
  return {
    session_id: SESSION_ID,
    user_id: USER,
    project_id: PROJECT,
    session_tag: 4,
    description: 'weekly',
    hold_off: 60,
    status: 'active',
    last_start: '',
    schedule: { schedule_interval: '7 days', status: 'scheduled' },
    jobs: { [JOB_ID]: { client_id: `${PROJECT}_node1.example.com`, status: 'completed', result: 'success', time_started: 1_500_000_100, time_ended: '' } },
    time_start: 1_500_000_000,
    time_end: 1_500_000_500,
  };
}

export function backupSource(): JsonObject {
  return {
    backup_id: BACKUP_ID,
    user_id: USER,
    user_name: 'admin',
    project_id: PROJECT,
    backup_metadata: {
      container: 'freezer_etc',
      hostname: 'node1.example.com',
      backup_name: 'etc-backup',
      time_stamp: 1_500_000_200,
      curr_backup_level: 0,
      job_id: JOB_ID,
      backup_size_compressed: 1234,
      client_version: '2.0.0',
    },
  };
}
