import { EXIT_CODES } from '../pipeline/run/exit-codes.ts';
import type { CommandName } from './cli-options.ts';

/** What `--help` says about a command: one line, and examples (command line, what it does). */
export interface CommandHelp {
  summary: string;
  examples: ReadonlyArray<readonly [string, string]>;
}

const FREEZER_CONF = '/etc/freezer/freezer-api.conf';

export const COMMAND_HELP: Readonly<Record<CommandName, CommandHelp>> = {
  'schema upgrade': {
    summary: "Create or upgrade freezer-api's schema in the target database (expand, then contract)",
    examples: [
      ['$0 schema upgrade --target mysql+pymysql://freezer:pw@db/freezer --freezer-release 13', 'create layout A, as freezer-api 8.0.0 … 15.0.0 expect'],
      ['$0 schema upgrade --config-file ' + FREEZER_CONF + ' --layout b --phase expand', 'only add tables and columns while the old freezer-api still runs'],
      ['$0 schema upgrade --target sqlite:freezer.db', "layout B as freezer-api 16.0.0 … 18.0.0 expect (the default)"],
    ],
  },
  'schema status': {
    summary: "Show the target's freezer-api schema, pending migrations and whether freezer-api can take over",
    examples: [
      ['$0 schema status --target postgres://freezer@db/freezer', 'layout, revision, applied and pending migrations'],
      ['$0 schema status --config-file ' + FREEZER_CONF + ' --freezer-release 18', 'what upgrading the database in [database] connection to 18.0.0 would do'],
    ],
  },
  'mapping generate': {
    summary: 'Derive tables from an index (its _mapping and a scan of its documents) and write them as an editable mapping file',
    examples: [
      ['$0 mapping generate --source http://es:9200 --index orders --out orders.mapping.json', 'the plan and the DDL of every dialect, to edit and pass with --mapping orders.mapping.json'],
      ['$0 mapping generate --source fixtures/orders-sample.ndjson --dialect sqlite', 'print the plan for a dump, with SQLite DDL'],
    ],
  },
  migrate: {
    summary: 'Copy every Freezer document from Elasticsearch (or an elasticdump file) into the target; resumable',
    examples: [
      ['$0 migrate --source fixtures/freezer-sample.ndjson', 'quick start: the sample dump into ./es2sql.db (SQLite)'],
      ['$0 migrate --config-file ' + FREEZER_CONF, "source, index, credentials and target from freezer-api's own configuration"],
      ['$0 migrate --source https://es1:9200 --source-ca ca.pem --source-user es2sql --target mysql+pymysql://freezer:pw@db/freezer --freezer-release 13', 'a TLS cluster with basic auth (password from ES2SQL_ES_PASSWORD) into layout A'],
      ['$0 migrate --config-file es2sql.conf --slices 8 --slice 0', 'one of 8 processes sharing a run (the others run --slice 1 … 7)'],
    ],
  },
  validate: {
    summary: 'Dry run: read every document and check it against the target layout; writes nothing to the target',
    examples: [
      ['$0 validate --source http://es:9200 --freezer-release 13 --report validate.json', 'what migrating into layout A would reject, and why'],
      ['$0 validate --config-file ' + FREEZER_CONF, "check against the schema of freezer-api.conf's database"],
    ],
  },
  verify: {
    summary: 'Compare Elasticsearch with SQL document by document; exit 4 when they differ',
    examples: [
      ['$0 verify --config-file ' + FREEZER_CONF + ' --report verify.html', 'full comparison with an HTML report'],
      ['$0 verify --source http://es:9200 --target mysql://freezer:pw@db/freezer --slices 8', 'read with 8 parallel slices per document type'],
    ],
  },
  sync: {
    summary: 'Apply what changed in Elasticsearch since the last migrate or sync (new, changed and deleted documents)',
    examples: [
      ['$0 sync --config-file ' + FREEZER_CONF, 'one catch-up run'],
      ['$0 sync --config-file ' + FREEZER_CONF + ' --every 15m', 'keep SQL within 15 minutes of Elasticsearch until Ctrl-C'],
      ['until $0 sync --max-count 1000; [ $? -ne 1 ]; do :; done', 'catch up in bounded steps (exit 1 = more changes remain)'],
    ],
  },
  cutover: {
    summary: 'Final sync and verification, then mark the pipeline as cut over (freezer-api may switch to SQL)',
    examples: [
      ['$0 cutover --config-file ' + FREEZER_CONF + ' --report cutover.json', 'after stopping freezer-api writes to Elasticsearch'],
      ['$0 cutover --source http://es:9200 --target mysql+pymysql://freezer:pw@db/freezer', 'the same with explicit endpoints'],
    ],
  },
  status: {
    summary: 'Show runs, checkpoints, rejects, sync lag and cutover from the state database',
    examples: [
      ['$0 status --target sqlite:es2sql.db', 'after the quick start'],
      ['$0 status --config-file ' + FREEZER_CONF + ' --json', 'the same as JSON, for scripts and monitoring'],
      ['$0 status --target mysql://freezer:pw@db/freezer --rejects --entity jobs', 'which jobs were rejected, and why'],
    ],
  },
};

/** The exit-code table at the end of the top-level help (the README has the same table). */
export function exitCodeEpilogue(): string {
  const rows: Array<[number, string]> = [
    [EXIT_CODES.ok, 'done (clean migration, nothing rejected, SQL matches Elasticsearch)'],
    [EXIT_CODES.workRemains, 'sync --max-count: changes remain; run it again'],
    [EXIT_CODES.error, 'failed (unreachable, credentials, schema mismatch, disk full, …); a rerun resumes'],
    [EXIT_CODES.rejects, 'finished, but documents were (validate: would be) rejected; see es2sql status --rejects'],
    [EXIT_CODES.differences, 'verify found differences; cutover refused'],
    [EXIT_CODES.usage, 'invalid command line or configuration'],
    [EXIT_CODES.interrupted, 'interrupted (Ctrl-C); rerun the same command to resume'],
  ];
  return ['Exit codes:', ...rows.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`), '', 'Configuration: flags > ES2SQL_* environment > es2sql.conf > freezer-api.conf; see docs/configuration.md.'].join('\n');
}
