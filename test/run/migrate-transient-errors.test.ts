import test from 'ava';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { migrate } from '../../pipeline/run/migrate.ts';
import { openDatabase } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { upgradeSchema } from '../../schema/upgrade-schema.ts';
import { TEST_DIALECTS, createScratchDatabase } from '../helpers/databases.ts';
import { smallFreezerDocs, writeNdjson } from '../helpers/small-freezer-docs.ts';

/**
 * A deadlock between concurrent slices (MariaDB's gap locks on es2sql_rejects did it in a 100k
 * migration) must replay the batch, not end the run. The server itself raises the error: a trigger
 * on `backups` fails the first insert with the deadlock/serialization code, counting in a
 * non-transactional counter (a PostgreSQL sequence, a MariaDB Aria table) that the rollback keeps.
 */
const FAULTS = {
  postgres: [
    'CREATE SEQUENCE injected_faults',
    `CREATE FUNCTION fail_first_insert() RETURNS trigger AS $$
     BEGIN
       IF nextval('injected_faults') = 1 THEN RAISE EXCEPTION 'injected serialization failure' USING ERRCODE = '40001'; END IF;
       RETURN NEW;
     END $$ LANGUAGE plpgsql`,
    'CREATE TRIGGER fail_first_insert BEFORE INSERT ON backups FOR EACH ROW EXECUTE FUNCTION fail_first_insert()',
  ],
  mysql: [
    'CREATE TABLE injected_faults (n INT NOT NULL) ENGINE=Aria',
    'INSERT INTO injected_faults VALUES (0)',
    `CREATE TRIGGER fail_first_insert BEFORE INSERT ON backups FOR EACH ROW
     BEGIN
       UPDATE injected_faults SET n = n + 1;
       IF (SELECT n FROM injected_faults) = 1 THEN
         SIGNAL SQLSTATE '40001' SET MYSQL_ERRNO = 1213, MESSAGE_TEXT = 'injected deadlock';
       END IF;
     END`,
  ],
} as const;

const FAULT_COUNT = {
  postgres: 'SELECT last_value AS n FROM injected_faults',
  mysql: 'SELECT n FROM injected_faults',
} as const;

for (const dialect of TEST_DIALECTS) {
  if (dialect === 'sqlite') continue; // one writer: no deadlocks between slices (SQLITE_BUSY has its own test)
  test(`${dialect}: a deadlock raised by the server during a batch is replayed: the run ends with every row`, async (t) => {
    const dir = mkdtempSync(join(tmpdir(), 'es2sql-tx-'));
    const file = join(dir, 'dump.ndjson');
    writeNdjson(file, smallFreezerDocs());
    const scratch = await createScratchDatabase(dialect, 'tx');
    const db = openDatabase(parseDatabaseUrl(scratch.url));
    try {
      await upgradeSchema(db, dialect);
      for (const statement of FAULTS[dialect]) await sql.raw(statement).execute(db);
      const run = await migrate({ source: { file }, target: scratch.url });
      t.is(run.error, undefined, run.error?.message);
      t.is(run.stats.migrated, 20);
      const faults = Number((await sql.raw<{ n: number }>(FAULT_COUNT[dialect]).execute(db)).rows[0]!.n);
      t.true(faults > 1, `the trigger fired ${faults} time(s): the failing batch was not replayed`);
      const count = async (table: string) => Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      t.deepEqual({ backups: await count('backups'), jobs: await count('jobs'), es2sql_documents: await count('es2sql_documents') }, { backups: 6, jobs: 4, es2sql_documents: 20 });
    } finally {
      await db.destroy();
      await scratch.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
