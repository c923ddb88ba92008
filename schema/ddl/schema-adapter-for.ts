import type { Dialect } from '../dialect.ts';
import { mysqlSchemaAdapter } from './mysql-schema-adapter.ts';
import { postgresSchemaAdapter } from './postgres-schema-adapter.ts';
import type { SchemaAdapter } from './schema-adapter.ts';
import { sqliteSchemaAdapter } from './sqlite-schema-adapter.ts';

const ADAPTERS: Record<Dialect, SchemaAdapter> = {
  postgres: postgresSchemaAdapter,
  mysql: mysqlSchemaAdapter,
  sqlite: sqliteSchemaAdapter,
};

/** The schema adapter of a dialect. */
export function schemaAdapterFor(dialect: Dialect): SchemaAdapter {
  return ADAPTERS[dialect];
}
