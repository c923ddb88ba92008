import type { PortableMapping } from '../../pipeline/mapping/mapping.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';
import { createActionCatalog, type ActionCatalogEntry } from '../../transforms/action-catalog.ts';
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
  actions: ActionCatalogEntry[];
}

/**
 * How a batch worker thread rebuilds the Freezer mapping (imported by URL) and its context: the
 * client registry and action catalog rebuilt from the entries the reference pass collected.
 */
export const FREEZER_PORTABLE: PortableMapping<FreezerContext> = {
  module: FREEZER_MAPPING_URL,
  exportName: 'freezerMapping',
  shareContext: (context): SharedFreezerContext => ({
    schema: context.schema,
    migrationTime: context.migrationTime,
    defaultProjectId: context.defaultProjectId,
    clients: context.entries.clients,
    actions: context.entries.actions,
  }),
  adoptContext(shared) {
    const { schema, migrationTime, defaultProjectId, clients, actions } = shared as SharedFreezerContext;
    return { schema, migrationTime, defaultProjectId, clientRegistry: createClientRegistry(clients), actionCatalog: createActionCatalog(actions), entries: { clients, actions } };
  },
};
