import { SchemaUpgradeNeededError } from '../batch/schema-upgrade-needed-error.ts';
import type { OpenDatabase } from '../load/target-database.ts';
import type { ReadOnlyDatabase } from '../validate/read-only-database.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import { schemaAdapterFor } from '../../schema/ddl/schema-adapter-for.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { TableDefinition } from '../../schema/layout/table-definition.ts';
import type { TableSchema, TargetSchema } from '../../schema/table-schema.ts';
import type { TargetRules } from './mapping.ts';

/**
 * {@link TargetRules} for a mapping that declares its tables (no layouts, no migrations): an empty
 * database gets the tables created through the dialect's schema adapter (CREATE TABLE with keys,
 * in `tables` order, under the schema lock so parallel processes create them once); a database
 * that holds all of them is used as it is (introspected widths count); one that holds only some
 * is refused with the names of the missing ones. `name` labels the schema (`<name>@1`).
 */
export function declaredTarget(name: string, tables: readonly TableDefinition[]): TargetRules {
  const names = tables.map((table) => table.name);
  const label = `${name}@1`;
  // TargetSchema.layout is typed with Freezer's layout names; a declared schema puts its mapping's name there.
  const schemaOf = (dialect: Dialect, found: Record<string, TableSchema>): TargetSchema => ({ dialect, layout: name as TargetSchema['layout'], revision: '1', tables: found });
  const introspect = async (db: AnyKysely, dialect: Dialect): Promise<TargetSchema | null> => {
    const catalog = await schemaAdapterFor(dialect).readCatalog(db, names);
    const present = names.filter((table) => catalog.tables[table] !== undefined);
    if (present.length === 0) return null;
    const missing = names.filter((table) => catalog.tables[table] === undefined);
    if (missing.length > 0) {
      throw new SchemaUpgradeNeededError(`the target holds some of the "${name}" mapping's tables but not ${missing.join(', ')}; drop the others or use an empty database`);
    }
    return schemaOf(dialect, Object.fromEntries(names.map((table) => [table, catalog.tables[table]!])));
  };
  const fresh = (dialect: Dialect): TargetSchema => {
    const adapter = schemaAdapterFor(dialect);
    return schemaOf(dialect, Object.fromEntries(tables.map((table) => [table.name, adapter.describeTable(table)])));
  };
  return {
    tableOrder: names,
    introspect: (db, dialect) => introspect(db, dialect),
    async prepare(target: OpenDatabase, request) {
      const dialect = target.location.dialect;
      const existing = await introspect(target.db, dialect);
      if (existing !== null) return { schema: existing, label, created: false };
      if (!request.create) throw new SchemaUpgradeNeededError(`the target ${target.location.display} has no tables of the "${name}" mapping yet; run "es2sql migrate" first`);
      const adapter = schemaAdapterFor(dialect);
      await adapter.withSchemaLock(target.db, async (db) => {
        const catalog = await adapter.readCatalog(db, names);
        for (const table of tables) if (catalog.tables[table.name] === undefined) await adapter.createTable(db, table, catalog);
      });
      request.emit({ type: 'info', message: `created the tables of the "${name}" mapping: ${names.join(', ')}` });
      return { schema: (await introspect(target.db, dialect)) ?? fresh(dialect), label, created: true };
    },
    async describe(database: ReadOnlyDatabase | null, dialect, display) {
      const existing = database === null ? null : await database.read((db) => introspect(db, dialect));
      if (existing !== null) return { schema: existing, target: { display, dialect, exists: true, layout: label, schemaFrom: 'introspected' }, existingRows: {} };
      return { schema: fresh(dialect), target: { display, dialect, exists: false, layout: label, schemaFrom: 'layout-definition' }, existingRows: {} };
    },
  };
}
