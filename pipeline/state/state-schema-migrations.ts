import { sql } from 'kysely';
import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import { createSqlIdIndex, SQL_ID_INDEX } from './document-map-sql-ids.ts';

/**
 * Changes to es2sql's own tables after their first release, applied in order to a state database
 * that predates them. Every change keeps the tables readable and writable by the older es2sql that
 * created them (a column widened, a table added, an index replaced by a narrower one that the older
 * release's lookups by SQL id no longer use: they stay correct, only slower), so a state database
 * upgraded by a newer es2sql still works with the older one.
 */
export interface StateSchemaMigration {
  version: number;
  description: string;
  apply(db: AnyKysely, dialect: Dialect): Promise<void>;
}

/** The target's label in `es2sql_runs`: Freezer's `B@<revision>`, or a mapping's (`file:<index>@1`). */
export const LAYOUT_TYPE = 'varchar(512)';

/** The state tables as first released, before they were versioned. */
const UNVERSIONED = 1;

export const STATE_SCHEMA_MIGRATIONS: readonly StateSchemaMigration[] = [
  {
    version: 2,
    description: 'partition names up to 255 bytes (were 16 characters), target labels up to 512 characters (were 64)',
    async apply(db, dialect) {
      const facts = dialectFacts(dialect);
      if (facts.alterColumnTypeSql === undefined) return;
      for (const table of ['es2sql_checkpoints', 'es2sql_rejects', 'es2sql_documents', 'es2sql_sweep', 'es2sql_content_hashes']) {
        await sql.raw(facts.alterColumnTypeSql(table, 'source_partition', facts.partitionNameType, true)).execute(db);
      }
      await sql.raw(facts.alterColumnTypeSql('es2sql_runs', 'layout', LAYOUT_TYPE, false)).execute(db);
    },
  },
  {
    version: 3,
    description: 'es2sql_definitions: the derived mapping (auto plan) of each pipeline',
    // A new table: ensureStateTables creates it with the others.
    apply: async () => {},
  },
  {
    version: 4,
    description: 'es2sql_documents: SQL ids other than the _id in a partial index (PostgreSQL, SQLite), instead of every SQL id',
    async apply(db, dialect) {
      if (!dialectFacts(dialect).partialIndexes) return;
      // ensureStateTables has created the partial index already; the full one only costs writes now.
      await createSqlIdIndex(db, dialect);
      await db.schema.dropIndex(SQL_ID_INDEX).ifExists().execute();
    },
  },
];

/** The version the state tables have once every migration is applied. */
export const STATE_SCHEMA_VERSION = STATE_SCHEMA_MIGRATIONS.at(-1)?.version ?? UNVERSIONED;

/** The state schema's version as recorded (the unversioned first release when nothing is). */
export async function stateSchemaVersion(db: AnyKysely): Promise<number> {
  const row = await db.selectFrom('es2sql_state_schema').select((eb) => eb.fn.max('version').as('version')).executeTakeFirst();
  return row?.version === null || row?.version === undefined ? UNVERSIONED : Number(row.version);
}

/**
 * Brings the state tables to {@link STATE_SCHEMA_VERSION}, recording each step. `created` says the
 * tables were just created at the current version (nothing to migrate). Run under the schema lock.
 */
export async function migrateStateSchema(db: AnyKysely, dialect: Dialect, created: boolean): Promise<void> {
  await db.schema.createTable('es2sql_state_schema').ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('applied_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  const record = (migration: StateSchemaMigration) =>
    db.insertInto('es2sql_state_schema').values({ version: migration.version, description: migration.description, applied_at: new Date().toISOString() }).execute();
  const current = await stateSchemaVersion(db);
  for (const migration of STATE_SCHEMA_MIGRATIONS) {
    if (migration.version <= current) continue;
    if (!created) await migration.apply(db, dialect);
    await record(migration);
  }
}
