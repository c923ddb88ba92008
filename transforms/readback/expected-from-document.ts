import type { SourceDocument } from '../../core/source-document.ts';
import type { Entity } from '../../core/entity.ts';
import { expectedAction } from './action-readback.ts';
import { expectedBackup } from './backup-readback.ts';
import type { ApiDocument } from '../../core/canonical-json.ts';
import { expectedClient } from './client-readback.ts';
import { expectedJob } from './job-readback.ts';
import type { ReadbackContext } from './readback-context.ts';
import { expectedSession } from './session-readback.ts';

const EXPECTED: Readonly<Record<Entity, (doc: SourceDocument, ctx: ReadbackContext) => ApiDocument>> = {
  clients: expectedClient,
  sessions: expectedSession,
  actions: expectedAction,
  jobs: expectedJob,
  backups: expectedBackup,
};

/**
 * The API document freezer-api would return for an Elasticsearch document after es2sql migrated
 * it (data contract §3.2 read side and §3.3), for the target's layout. Meant for documents the
 * transforms accept: a rejected document has no read-back. Pure; `_version` never appears.
 */
export function expectedFromDocument(entity: Entity, doc: SourceDocument, ctx: ReadbackContext): ApiDocument {
  return EXPECTED[entity](doc, ctx);
}
