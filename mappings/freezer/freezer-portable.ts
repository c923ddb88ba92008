import type { PortableMapping } from '../../pipeline/mapping/mapping.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { adoptActionCatalog, type SharedActionCatalog } from '../../transforms/action-catalog.ts';
import { createClientRegistry, type ClientRegistrationKey } from '../../transforms/client-registry.ts';
import type { FreezerContext } from './build-transform-context.ts';

/** `freezer-mapping.ts` from sources, `freezer-mapping.js` from dist: the module beside this one. */
const FREEZER_MAPPING_URL = new URL(`./freezer-mapping${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** Freezer's transform context as plain data: the run's settings and what the reference pass found. */
interface SharedFreezerContext {
  schema: TargetSchema;
  migrationTime: Date;
  defaultProjectId: string | null;
  clients: ClientRegistrationKey[];
  actions: SharedActionCatalog;
}

/**
 * How a batch worker thread rebuilds the Freezer mapping (imported by URL) and its context: the
 * client registry rebuilt from the duplicated registrations, the action catalog from its compact form.
 */
export const FREEZER_PORTABLE: PortableMapping<FreezerContext> = {
  module: FREEZER_MAPPING_URL,
  exportName: 'freezerMapping',
  shareContext: (context): SharedFreezerContext => {
    // Worker threads get the whole catalog up front; a run that learns it maps on its own thread.
    if (context.learnsActions) throw new Error('the action catalog is still being learned: it cannot be shared with worker threads yet');
    return {
      schema: context.schema,
      migrationTime: context.migrationTime,
      defaultProjectId: context.defaultProjectId,
      clients: context.clientRegistry.share(),
      actions: context.actionCatalog.share(),
    };
  },
  adoptContext(shared) {
    const { schema, migrationTime, defaultProjectId, clients, actions } = shared as SharedFreezerContext;
    return { schema, migrationTime, defaultProjectId, clientRegistry: createClientRegistry(clients), actionCatalog: adoptActionCatalog(actions), learnsActions: false };
  },
};
