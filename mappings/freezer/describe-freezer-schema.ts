import { sql } from 'kysely';
import { freshLayoutSchema, introspectTarget, resolveTargetLayout, type Dialect, type LayoutChoice, type TargetSchema } from '../../schema/index.ts';
import { SchemaUpgradeNeededError } from '../../pipeline/batch/schema-upgrade-needed-error.ts';
import type { SchemaRequest } from '../../pipeline/mapping/mapping.ts';
import type { ReportTarget } from '../../pipeline/report/report-types.ts';
import type { ReadOnlyDatabase } from '../../pipeline/validate/read-only-database.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** The schema a dry run checks rows against, and how it was found. */
export interface ValidationSchema {
  schema: TargetSchema;
  target: ReportTarget;
  /** Rows per freezer table in an existing target (empty when there is none). */
  existingRows: Record<string, number>;
}

async function databaseCharset(database: ReadOnlyDatabase): Promise<string | undefined> {
  if (!dialectFacts(database.location.dialect).supportsCharsets) return undefined;
  const { rows } = await database.read((db) =>
    sql<{ charset: string }>`select DEFAULT_CHARACTER_SET_NAME as charset from information_schema.SCHEMATA where SCHEMA_NAME = database()`.execute(db),
  );
  const charset = rows[0]?.charset;
  return charset === 'utf8' ? 'utf8mb3' : charset;
}

/** Layout-B tables take the database's default charset on MySQL; the layout definition leaves it open. */
function withDefaultCharset(schema: TargetSchema, charset: string | undefined): TargetSchema {
  if (charset === undefined) return schema;
  const tables = Object.fromEntries(
    Object.entries(schema.tables).map(([name, table]) => {
      if (table.charset !== undefined) return [name, table];
      const columns = table.columns.map((c) => (c.charset === undefined && (c.type === 'varchar' || c.type === 'text') ? { ...c, charset } : c));
      return [name, { ...table, charset, columns }];
    }),
  );
  return { ...schema, tables };
}

async function rowCounts(database: ReadOnlyDatabase, schema: TargetSchema): Promise<Record<string, number>> {
  return database.read(async (db) => {
    const counts: Record<string, number> = {};
    for (const table of Object.keys(schema.tables)) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
      counts[table] = Number(row?.n ?? 0);
    }
    return counts;
  });
}

/**
 * Finds the schema `migrate` would write into, without changing anything: an existing
 * freezer-api schema as introspected (read-only), or — for a missing or empty database, or no
 * database at all — the chosen layout as es2sql would create it (`freshLayoutSchema`), with the
 * database's default charset on MySQL. Same decisions as `prepareTargetSchema`: a conflicting
 * choice throws `LayoutConflictError`, a target that needs `schema upgrade` throws
 * `SchemaUpgradeNeededError`.
 */
export async function validationSchema(
  database: ReadOnlyDatabase | null,
  dialect: Dialect,
  display: string | null,
  choice: LayoutChoice | undefined,
  emit: SchemaRequest['emit'],
): Promise<ValidationSchema> {
  const existing = database === null ? null : await database.read((db) => introspectTarget(db, dialect, display ?? dialect));
  const resolved = resolveTargetLayout(existing, choice);
  if (resolved.message) emit({ type: 'info', message: resolved.message });
  if (existing !== null) {
    if (resolved.action === 'upgrade') {
      throw new SchemaUpgradeNeededError(
        `the target holds layout ${existing.layout}@${existing.revision} and ${choice?.label ?? 'the chosen layout'} needs ${resolved.layout}@${resolved.revision}; run "es2sql schema upgrade" with the same options first, then validate again`,
      );
    }
    const target: ReportTarget = { display, dialect, exists: true, layout: `${existing.layout}@${existing.revision}`, schemaFrom: 'introspected' };
    return { schema: existing, target, existingRows: database === null ? {} : await rowCounts(database, existing) };
  }
  const fresh = freshLayoutSchema(dialect, resolved.layout, resolved.revision);
  const schema = database === null ? fresh : withDefaultCharset(fresh, await databaseCharset(database));
  return {
    schema,
    target: { display, dialect, exists: false, layout: `${schema.layout}@${schema.revision}`, schemaFrom: 'layout-definition' },
    existingRows: {},
  };
}
