import type { SourceDocument } from '../../core/source-document.ts';
import { SUPPORTED_ACTIONS, SUPPORTED_ENGINES, SUPPORTED_MODES, SUPPORTED_STORAGES } from '../freezer-enums.ts';
import type { JsonValue } from '../../core/json-value.ts';
import { targetCapabilities } from '../target-capabilities.ts';
import type { ApiDocument, ApiValue } from '../../core/canonical-json.ts';
import { columnBoolean, columnString, objectOrEmpty, ownerProject } from './column-values.ts';
import type { ReadbackContext } from './readback-context.ts';
import { sqlBoolean, sqlJson, sqlText, type SqlRow } from './sql-values.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';

const CAPABILITIES: ReadonlyArray<[string, readonly string[]]> = [
  ['supported_actions', SUPPORTED_ACTIONS],
  ['supported_modes', SUPPORTED_MODES],
  ['supported_storages', SUPPORTED_STORAGES],
  ['supported_engines', SUPPORTED_ENGINES],
];

function capabilityList(value: JsonValue | undefined, defaults: readonly string[]): ApiValue {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : [...defaults];
}

/**
 * The client freezer-api returns for a migrated `clients` document (contract §3.2 Client read
 * side, §3.3): `{project_id, user_id, client: {uuid, hostname, client_id, description}}`, plus
 * `is_central` and the four capability lists where the target has those columns (16.0.0+ / HEAD).
 * Extra keys under `client` and the ≤ 4.x top-level `uuid` are gone; the uuid is the SQL id.
 */
export function expectedClient(doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  const source = doc.source;
  const client = objectOrEmpty(source.client);
  const columns = targetCapabilities(ctx.schema).columns('clients');
  let hostname = columnString(client.hostname);
  if (hostname === null && columns?.get('hostname')?.nullable === false) hostname = '';
  const body: ApiDocument = {
    uuid: ctx.sqlId,
    hostname,
    client_id: columnString(client.client_id),
    description: columnString(client.description),
  };
  if (columns?.has('is_central')) body.is_central = columnBoolean(client.is_central, false);
  for (const [column, defaults] of CAPABILITIES) {
    if (columns?.has(column)) body[column] = capabilityList(client[column], defaults);
  }
  return { project_id: ownerProject(source, ctx.defaultProjectId), user_id: columnString(source.user_id), client: body };
}

/** A `clients` row read back the way `get_client` does (a NULL capability column decodes to `[]`). */
export function clientFromRow(row: SqlRow, schema: TargetSchema): ApiDocument {
  const columns = targetCapabilities(schema).columns('clients');
  const body: ApiDocument = {
    uuid: sqlText(row.uuid),
    hostname: sqlText(row.hostname),
    client_id: sqlText(row.client_id),
    description: sqlText(row.description),
  };
  if (columns?.has('is_central')) body.is_central = sqlBoolean(row.is_central);
  for (const [column] of CAPABILITIES) {
    if (!columns?.has(column)) continue;
    const text = sqlText(row[column]);
    body[column] = text === null || text === '' ? [] : sqlJson(text);
  }
  return { project_id: sqlText(row.project_id), user_id: sqlText(row.user_id), client: body };
}
