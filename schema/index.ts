/**
 * es2sql's schema layer: freezer-api's relational layouts (A: sqlalchemy-migrate version 3; B:
 * alembic), created and evolved by expand/contract migrations on PostgreSQL, MySQL/MariaDB and
 * SQLite, introspection of existing targets, and the bookkeeping hand-off to freezer-api.
 */
export { SchemaError, UnknownLayoutError, LayoutConflictError, ForeignSchemaError, UnknownRevisionError, TargetUnreachableError, MigrationFailedError, PhaseOrderError } from './schema-errors.ts';
export { parseLayoutChoice, type LayoutChoice, type LayoutChoiceInput } from './layout/layout-choice.ts';
export { resolveTargetLayout, DEFAULT_TARGET, type TargetResolution } from './layout/resolve-target-layout.ts';
export { freshLayoutSchema } from './layout/fresh-layout-schema.ts';
export {
  LAYOUT_A_HEAD,
  LAYOUT_B_HEAD,
  LAYOUT_B_RELEASED_HEAD,
  LAYOUT_B_REVISIONS,
  describeRevision,
  type LayoutRevision,
} from './layout/freezer-revisions.ts';
export { CLIENT_CAPABILITY_DEFAULTS } from './layout/layout-b-tables.ts';
export { introspectTarget } from './introspect/introspect-target.ts';
export { upgradeSchema, type UpgradeOptions, type UpgradePhase, type UpgradeResult } from './upgrade-schema.ts';
export { schemaStatus, type MigrationStatus, type SchemaStatus } from './schema-status.ts';
export { MIGRATIONS } from './migrations/migration-list.ts';
export type { Migration, MigrationPhase, MigrationTrack } from './migrations/migration.ts';
export { jobActionLinkId, inlineActionId } from './migrations/deterministic-id.ts';
export { schemaAdapterFor } from './ddl/schema-adapter-for.ts';
export type { SchemaAdapter } from './ddl/schema-adapter.ts';
export { openDatabase, type AnyKysely } from './connect.ts';
export { parseDatabaseUrl, redactUrl, type DatabaseLocation } from './database-url.ts';
export { DIALECTS, type Dialect } from './dialect.ts';
export { column, type ColumnSchema, type ColumnType, type ForeignKeySchema, type IndexSchema, type LayoutName, type TableSchema, type TargetSchema } from './table-schema.ts';
export { runSchemaCommand, EXIT_OK, EXIT_FAILED, EXIT_USAGE, type SchemaCommandInput, type SchemaCommandIo } from './run-schema-command.ts';
