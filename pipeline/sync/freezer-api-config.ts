import type { DatabaseLocation } from '../../schema/database-url.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';
import type { TargetSchema } from '../../schema/table-schema.ts';

/** What to put in freezer-api.conf to run on the migrated database, and what to know about it. */
export interface FreezerApiConfigChange {
  /** The INI lines to set (`[storage] backend/driver`, `[database] connection`). */
  text: string;
  /** The connection URL as written in `text`, the password replaced by `<password>`. */
  connection: string;
  /** One-line notes the operator must read (placeholder password, charset, unsupported dialect). */
  notes: string[];
}

export const PASSWORD_PLACEHOLDER = '<password>';

function credentials(location: DatabaseLocation): string {
  if (location.user === undefined) return `<user>:${PASSWORD_PLACEHOLDER}@`;
  return `${encodeURIComponent(location.user)}${location.password === undefined ? '' : `:${PASSWORD_PLACEHOLDER}`}@`;
}

function hostPart(location: DatabaseLocation, defaultPort: number | undefined): string {
  const host = location.host?.includes(':') ? `[${location.host}]` : (location.host ?? 'localhost');
  return location.port !== undefined && location.port !== defaultPort ? `${host}:${location.port}` : host;
}

/** utf8mb4 when every freezer table is utf8mb4 (4-byte characters then survive); utf8 (utf8mb3) otherwise, as devstack writes it. */
function connectionCharset(location: DatabaseLocation, schema: TargetSchema | undefined): { charset: string; note?: string } {
  if (location.options.charset) return { charset: location.options.charset };
  const charsets = Object.values(schema?.tables ?? {}).map((t) => t.charset).filter((c): c is string => c !== undefined);
  if (charsets.length > 0 && charsets.every((c) => c === 'utf8mb4')) {
    return { charset: 'utf8mb4', note: 'charset=utf8mb4 because the freezer tables are utf8mb4: with devstack\'s charset=utf8, PyMySQL cannot carry 4-byte characters (data contract §2.5)' };
  }
  return { charset: 'utf8' };
}

/**
 * The freezer-api configuration change for the target es2sql migrated into. freezer-api selects its
 * storage with `[storage] driver` (the `freezer.db.backends` entry point `sqlalchemy`) and `backend`
 * (the section name the driver registers; devstack writes `sqlalchemy`), and its SQL driver reads
 * oslo.db's `[database] connection`, a SQLAlchemy URL. The password is never printed.
 */
export function freezerApiConfig(location: DatabaseLocation, schema?: TargetSchema): FreezerApiConfigChange {
  const notes: string[] = [];
  const facts = dialectFacts(location.dialect);
  let connection: string;
  if (facts.embedded) {
    connection = `${facts.sqlalchemyScheme}:///${location.path ?? ':memory:'}`;
  } else {
    connection = `${facts.sqlalchemyScheme}://${credentials(location)}${hostPart(location, facts.defaultPort)}/${location.database ?? 'freezer'}`;
    if (facts.supportsCharsets) {
      const { charset, note } = connectionCharset(location, schema);
      connection += `?charset=${charset}`;
      if (note) notes.push(note);
    }
  }
  if (facts.freezerApiCaveat !== undefined) notes.push(facts.freezerApiCaveat);
  if (connection.includes(PASSWORD_PLACEHOLDER)) notes.unshift(`replace ${PASSWORD_PLACEHOLDER} with the password of freezer-api's database user (es2sql never prints passwords)`);
  const text = ['[storage]', 'backend = sqlalchemy', 'driver = sqlalchemy', '', '[database]', `connection = ${connection}`].join('\n');
  return { text, connection, notes };
}
