import { sql } from 'kysely';
import { SchemaUpgradeNeededError } from '../../pipeline/batch/schema-upgrade-needed-error.ts';
import type { TargetRules } from '../../pipeline/mapping/mapping.ts';
import type { AnyKysely } from '../../schema/connect.ts';
import { schemaAdapterFor } from '../../schema/ddl/schema-adapter-for.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { ColumnSchema, TableSchema, TargetSchema } from '../../schema/table-schema.ts';
import { AUTO_DIALECTS } from './auto-dialect.ts';
import type { MappingPlan, PlanColumn } from './mapping-plan.ts';
import { planDdl } from './plan-ddl.ts';

/** The nearest of the schema layer's column types, for the pipeline's view of a planned column. */
function columnSchema(column: PlanColumn, key: boolean): ColumnSchema {
  const type: ColumnSchema['type'] = column.kind === 'string' && column.length !== undefined ? 'varchar' : column.kind === 'binary' ? 'blob' : column.kind === 'boolean' ? 'boolean' : column.kind === 'position' || column.kind === 'integer' ? 'integer' : 'text';
  const schema: ColumnSchema = { name: column.name, type, nullable: !key, hasDefault: false };
  if (type === 'varchar') schema.length = column.length!;
  return schema;
}

/** The target schema a plan describes (what the pipeline asks: tables, keys, columns). */
export function planSchema(plan: MappingPlan, name: string, dialect: Dialect): TargetSchema {
  const tables: Record<string, TableSchema> = {};
  for (const table of plan.tables) tables[table.name] = { name: table.name, columns: table.columns.map((c) => columnSchema(c, table.key.includes(c.name))), primaryKey: [...table.key] };
  // TargetSchema.layout carries Freezer's layout names; a planned schema puts its mapping's name there.
  return { dialect, layout: name as TargetSchema['layout'], revision: '1', tables };
}

async function existingTables(db: AnyKysely, dialect: Dialect, names: readonly string[]): Promise<Set<string>> {
  const { rows } = await sql.raw<{ name: string }>(AUTO_DIALECTS[dialect].listTablesSql).execute(db);
  const wanted = new Set(names);
  return new Set(rows.map((row) => String(row.name)).filter((table) => wanted.has(table)));
}

/**
 * {@link TargetRules} of a planned mapping: an empty database gets the plan's tables (its DDL per
 * dialect, parents first, under the schema lock); a database holding all of them is used as it is;
 * one holding only some is refused with the names of the missing ones.
 */
export function planTarget(plan: MappingPlan, name: string): TargetRules {
  const names = plan.tables.map((table) => table.name);
  const label = `${name}@1`;
  const introspect = async (db: AnyKysely, dialect: Dialect): Promise<TargetSchema | null> => {
    const present = await existingTables(db, dialect, names);
    if (present.size === 0) return null;
    const missing = names.filter((table) => !present.has(table));
    if (missing.length > 0) throw new SchemaUpgradeNeededError(`the target holds some of the "${name}" mapping's tables but not ${missing.join(', ')}; drop the others or use an empty database`);
    return planSchema(plan, name, dialect);
  };
  return {
    tableOrder: names,
    introspect: (db, dialect) => introspect(db, dialect),
    async prepare(target, request) {
      const dialect = target.location.dialect;
      const existing = await introspect(target.db, dialect);
      if (existing !== null) return { schema: existing, label, created: false };
      if (!request.create) throw new SchemaUpgradeNeededError(`the target ${target.location.display} has no tables of the "${name}" mapping yet; run "es2sql migrate" first`);
      const adapter = schemaAdapterFor(dialect);
      await adapter.withSchemaLock(target.db, async (db) => {
        const present = await existingTables(db, dialect, names);
        const statements = planDdl(plan, dialect);
        for (const [index, table] of plan.tables.entries()) if (!present.has(table.name)) await sql.raw(statements[index]!).execute(db);
      });
      request.emit({ type: 'info', message: `created the tables of the "${name}" mapping: ${names.join(', ')}` });
      return { schema: planSchema(plan, name, dialect), label, created: true };
    },
    async describe(database, dialect, display) {
      const existing = database === null ? null : await database.read((db) => introspect(db, dialect));
      if (existing !== null) return { schema: existing, target: { display, dialect, exists: true, layout: label, schemaFrom: 'introspected' }, existingRows: {} };
      return { schema: planSchema(plan, name, dialect), target: { display, dialect, exists: false, layout: label, schemaFrom: 'layout-definition' }, existingRows: {} };
    },
  };
}
