import type { AnyKysely } from '../../schema/connect.ts';
import type { Dialect } from '../../schema/dialect.ts';
import type { LoadAdapter } from './load-adapter.ts';
import { mysqlLoadAdapter } from './mysql-load-adapter.ts';
import { PostgresLoadAdapter } from './postgres-load-adapter.ts';
import { sqliteLoadAdapter } from './sqlite-load-adapter.ts';

/** The load adapter for a database opened with openDatabase. */
export function openLoadAdapter(db: AnyKysely, dialect: Dialect): LoadAdapter {
  switch (dialect) {
    case 'postgres':
      return new PostgresLoadAdapter(db);
    case 'mysql':
      return mysqlLoadAdapter(db);
    case 'sqlite':
      return sqliteLoadAdapter(db);
  }
}
