import { show, type DocumentScope } from './document-scope.ts';
import { JOB_SCHEDULE_KEYS } from './freezer-enums.ts';
import type { JsonObject } from '../core/json-value.ts';

const DATE_TIME =
  /^-?(?:[1-9]\d*)?\d{4}-(?:1[0-2]|0[1-9])-(?:3[01]|0[1-9]|[12]\d)T(?:2[0-3]|[01]\d):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|[+-](?:2[0-3]|[01]\d):[0-5]\d)?$/;
const INTERVAL = /^(?:continuous|\d+ +(?:weeks|days|hours|minutes|seconds))$/;
const YEAR = /^\d{4}$/;
const SESSION_ID = /^[\w-]*$/;
const LABEL = '[A-Za-z\\d](?:[A-Za-z\\d-]{0,61}[A-Za-z\\d])?';
const CLIENT_ID = new RegExp(`^(?:[\\w-]+_)?${LABEL}(?:\\.${LABEL})*$`);

const SCHEDULE_PATTERNS: ReadonlyArray<[string, RegExp, string]> = [
  ['schedule_date', DATE_TIME, 'an ISO-8601 date-time'],
  ['schedule_start_date', DATE_TIME, 'an ISO-8601 date-time'],
  ['schedule_end_date', DATE_TIME, 'an ISO-8601 date-time'],
  ['schedule_interval', INTERVAL, "'continuous' or '<n> weeks|days|hours|minutes|seconds'"],
  ['schedule_year', YEAR, 'a 4-digit year'],
];
const SCHEDULE_ENUMS: ReadonlyArray<[string, ReadonlySet<string>]> = [
  ['event', new Set(['', 'stop', 'start', 'abort', 'remove'])],
  ['status', new Set(['', 'completed', 'stop', 'scheduled', 'running', 'aborting', 'removed'])],
  ['result', new Set(['', 'success', 'fail', 'aborted'])],
];

/**
 * Reports what HEAD's job JSON schema would refuse on the next replace/start/stop of this job
 * (data contract §3.5 "Validation on later writes", §5.15): the job is migrated as is and can be
 * read, but events on it fail with 422 until someone fixes it. Called only when the target
 * validates with HEAD's schema. Entry-level checks (action/mode enums) are in `action-row.ts`.
 */
export function headJobViolations(scope: DocumentScope, source: JsonObject, schedule: JsonObject): void {
  const violation = (field: string, detail: string) => scope.note('head_schema_violation', field, detail);
  const unknown = Object.keys(schedule).filter((key) => !JOB_SCHEDULE_KEYS.has(key));
  if (unknown.length > 0) violation('job_schedule', `job_schedule has keys HEAD does not allow: ${unknown.join(', ')}`);
  for (const [key, pattern, what] of SCHEDULE_PATTERNS) {
    const value = schedule[key];
    if (value !== undefined && (typeof value !== 'string' || !pattern.test(value))) {
      violation(`job_schedule.${key}`, `${show(value)} is not ${what}`);
    }
  }
  for (const [key, allowed] of SCHEDULE_ENUMS) {
    const value = schedule[key];
    if (value !== undefined && (typeof value !== 'string' || !allowed.has(value))) {
      violation(`job_schedule.${key}`, `${show(value)} is not one of HEAD's ${key} values`);
    }
  }
  const sessionId = source.session_id;
  if (typeof sessionId === 'string' && !SESSION_ID.test(sessionId)) violation('session_id', `${show(sessionId)} does not match ^[\\w-]*$`);
  const clientId = source.client_id;
  if (typeof clientId === 'string' && !CLIENT_ID.test(clientId)) violation('client_id', `${show(clientId)} is not <prefix>_<fqdn>`);
}
