import type { SourceDocument } from '../core/source-document.ts';
import { clientUuid } from './client-registry.ts';
import { runTransform, show, type DocumentScope, type AcceptedBody } from './document-scope.ts';
import { SUPPORTED_ACTIONS, SUPPORTED_ENGINES, SUPPORTED_MODES, SUPPORTED_STORAGES } from './freezer-enums.ts';
import type { JsonObject, JsonValue } from '../core/json-value.ts';
import { pythonJsonDumps } from '../core/python-json.ts';
import { RowBuilder } from './row-builder.ts';
import type { TransformContext } from './transform-context.ts';
import type { TransformOutcome } from './transform-result.ts';

const CAPABILITIES: ReadonlyArray<[string, readonly string[]]> = [
  ['supported_actions', SUPPORTED_ACTIONS],
  ['supported_modes', SUPPORTED_MODES],
  ['supported_storages', SUPPORTED_STORAGES],
  ['supported_engines', SUPPORTED_ENGINES],
];
const DEFAULT_CAPABILITY_JSON: ReadonlyMap<string, string> = new Map(
  CAPABILITIES.map(([column, list]) => [column, pythonJsonDumps([...list])]),
);

function capabilityColumns(scope: DocumentScope, row: RowBuilder, client: JsonObject): void {
  const defaulted: string[] = [];
  for (const [column] of CAPABILITIES) {
    if (!row.has(column)) continue;
    const value: JsonValue | undefined = client[column];
    if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
      row.set(column, pythonJsonDumps(value), `client.${column}`);
    } else {
      row.set(column, DEFAULT_CAPABILITY_JSON.get(column) ?? '[]', `client.${column}`);
      defaulted.push(value === undefined ? column : `${column} (was ${show(value)})`);
    }
  }
  if (defaulted.length > 0) {
    scope.note('capabilities_defaulted', 'client', `full default lists written for ${defaulted.join(', ')}`);
  }
}

/**
 * A `clients` document → one `clients` row (data contract §3.2 Client, §6): `id` = `uuid` =
 * `client.uuid`, the ≤ 4.x top-level `uuid`, or a derived id; `client_id`, `hostname`,
 * `description`; on targets that have them the `supported_*` JSON lists (full defaults when absent)
 * and `is_central` (false unless set). A registration that lost to another one of the same
 * `(project_id, client.client_id)` in `ctx.clientRegistry` is rejected `duplicate_client_registration`.
 */
export function transformClient(doc: SourceDocument, ctx: TransformContext): TransformOutcome {
  return runTransform('clients', doc, ctx, clientBody);
}

/** The body of {@link transformClient} (one function for every document, not a closure per document). */
function clientBody(scope: DocumentScope, source: JsonObject): AcceptedBody {
  const ctx = scope.ctx;
  const doc = scope.doc;
  scope.versionKey(source);
  const client = scope.object(source, 'client');
  if (client === undefined) scope.reject('missing_required_field', 'client', 'client is missing');
  const clientId = scope.requiredString(client, 'client_id', 'client.client_id');
  const rawProject = typeof source.project_id === 'string' && source.project_id !== '' ? source.project_id : null;

  const uuid = clientUuid(source, client, doc.id);
  if (uuid === null) scope.reject('malformed_document', 'client.uuid', 'client uuid is not a string');
  const uuidField = uuid.from === 'client' ? 'client.uuid' : uuid.from === 'top_level' ? 'uuid' : undefined;
  if (uuid.from === 'top_level') scope.note('client_uuid_from_top_level', 'uuid', `top-level uuid ${uuid.uuid} (≤ 4.x document) used as the client uuid`);
  if (uuid.from === 'derived') scope.note('client_uuid_derived', 'client.uuid', `no uuid stored: derived ${uuid.uuid} from _id ${doc.id}`);

  const registry = ctx.clientRegistry;
  const winner = registry.winner(rawProject, clientId);
  const winnerDoc = registry.winnerDocId?.(rawProject, clientId);
  if (winner !== undefined && (winner !== uuid.uuid || (winnerDoc !== undefined && winnerDoc !== doc.id))) {
    const kept = winner !== uuid.uuid ? `uuid ${winner}` : `uuid ${winner} from _id ${winnerDoc}`;
    scope.reject(
      'duplicate_client_registration',
      'client.client_id',
      `client_id ${show(clientId)} of project ${rawProject ?? '(none)'} is registered several times: kept ${kept}, this registration has uuid ${uuid.uuid}`,
    );
  }
  const owner = scope.ownership(source);

  const row = new RowBuilder(scope.capabilities, 'clients');
  row.set('id', uuid.uuid, uuidField).set('uuid', uuid.uuid, uuidField).set('client_id', clientId, 'client.client_id');
  row.set('user_id', owner.userId, 'user_id').set('project_id', owner.projectId, 'project_id');

  let hostname = scope.string(client.hostname, 'client.hostname');
  if (hostname === null && row.column('hostname')?.nullable === false) {
    hostname = '';
    scope.note('hostname_filled', 'client.hostname', "no hostname and clients.hostname is NOT NULL on this target: stored ''");
  }
  row.set('hostname', hostname, 'client.hostname');
  row.set('description', scope.string(client.description, 'client.description'), 'client.description');
  capabilityColumns(scope, row, client);
  row.set('is_central', scope.boolean(client.is_central, 'client.is_central', false), 'client.is_central');
  row.bookkeeping(ctx.migrationTime);

  const write = row.write('upsert');
  return { sqlId: uuid.uuid, writes: write === null ? [] : [write], children: [] };
}
