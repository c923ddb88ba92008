import { existsSync } from 'node:fs';
import { EXIT_CODES } from '../../pipeline/run/exit-codes.ts';
import { openDatabase, type AnyKysely } from '../../schema/connect.ts';
import { parseDatabaseUrl } from '../../schema/database-url.ts';
import { ConfigError } from '../config/index.ts';
import { listRejects } from '../status/list-rejects.ts';
import { hasStateTables, readStatus } from '../status/read-status.ts';
import { rejectsText, statusText } from '../output/status-text.ts';
import type { CommandRunner } from './command-context.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/**
 * `es2sql status`: what the state database says about runs, checkpoints, rejects, sync lag and
 * cutover; `--rejects` lists rejected documents; `--json` prints the same as one JSON document.
 * Reads only: it never creates tables (nor an SQLite file).
 */
export const runStatusCommand: CommandRunner = async ({ args, config, output }) => {
  const location = parseDatabaseUrl(config.stateDb!, config.cwd);
  if (dialectFacts(location.dialect).embedded && location.path !== ':memory:' && !existsSync(location.path!)) {
    const origin = config.provenance.stateDb === 'target-fallback' ? config.origins.target : config.origins.stateDb;
    throw new ConfigError(`the state database ${location.path} does not exist (${origin ?? '--state-db'}); check the path, or run es2sql migrate first`);
  }
  let db: AnyKysely | undefined;
  try {
    db = openDatabase(location, { poolSize: 1, readOnly: true });
    if (!(await hasStateTables(db))) {
      if (args.json) output.result(JSON.stringify({ stateDatabase: location.display, runs: [], checkpoints: null, pipelines: [] }));
      else output.result(`state database: ${location.display}\n\nno es2sql runs recorded yet; start with es2sql migrate`);
      return EXIT_CODES.ok;
    }
    if (args.rejects) {
      const limit = args.limit ?? 50;
      const listing = await listRejects(db, args.entity, limit);
      output.result(args.json ? JSON.stringify(listing) : rejectsText(listing, limit));
      return EXIT_CODES.ok;
    }
    const mapping = config.provenance.mapping === undefined || config.provenance.mapping === 'default' ? undefined : config.mapping;
    const report = await readStatus(db, location, args.limit ?? 10, mapping);
    output.result(args.json ? JSON.stringify(report) : statusText(report));
    return EXIT_CODES.ok;
  } finally {
    await db?.destroy().catch(() => {});
  }
};
