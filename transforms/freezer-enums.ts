/**
 * Value lists of freezer-api (identical in 16.0.0 … HEAD, data contract §1.4). They are the
 * defaults of the `clients.supported_*` columns and HEAD's enums for `freezer_action.action` and
 * `freezer_action.mode`.
 */
export const SUPPORTED_ACTIONS: readonly string[] = ['backup', 'restore', 'info', 'admin', 'exec'];
export const SUPPORTED_MODES: readonly string[] = [
  'fs',
  'mongo',
  'mysql',
  'sqlserver',
  'cinder',
  'glance',
  'cindernative',
  'nova',
];
export const SUPPORTED_STORAGES: readonly string[] = ['local', 'swift', 'ssh', 's3', 'ftp', 'ftps'];
export const SUPPORTED_ENGINES: readonly string[] = ['tar', 'rsync', 'rsyncv2', 'nova', 'osbrick', 'glance'];

/** `backups.status` values of HEAD. */
export const BACKUP_STATUSES: readonly string[] = ['creating', 'available', 'error', 'deleting', 'deleted'];

/** Keys HEAD's job JSON schema allows in `job_schedule` (it forbids any other key). */
export const JOB_SCHEDULE_KEYS: ReadonlySet<string> = new Set([
  'time_created',
  'time_started',
  'time_ended',
  'event',
  'status',
  'result',
  'schedule_date',
  'schedule_interval',
  'schedule_start_date',
  'schedule_end_date',
  'schedule_year',
  'schedule_month',
  'schedule_day',
  'schedule_week',
  'schedule_day_of_week',
  'schedule_hour',
  'schedule_minute',
  'schedule_second',
  'current_pid',
]);
