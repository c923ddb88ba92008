import type { CommandName } from './cli-options.ts';
import type { CommandRunner } from './commands/command-context.ts';

/**
 * The runner of each command, loaded on first use so that `--help` and usage errors do not load
 * the database drivers and the Elasticsearch client.
 */
export const COMMAND_RUNNERS: Readonly<Record<CommandName, () => Promise<CommandRunner>>> = {
  'schema upgrade': async () => (await import('./commands/schema-command.ts')).runSchemaSubcommand,
  'schema status': async () => (await import('./commands/schema-command.ts')).runSchemaSubcommand,
  'mapping generate': async () => (await import('./commands/mapping-generate-command.ts')).runMappingGenerateCommand,
  migrate: async () => (await import('./commands/migrate-command.ts')).runMigrateCommand,
  validate: async () => (await import('./commands/validate-command.ts')).runValidateCommand,
  verify: async () => (await import('./commands/verify-command.ts')).runVerifyCommand,
  sync: async () => (await import('./commands/sync-command.ts')).runSyncCommand,
  cutover: async () => (await import('./commands/cutover-command.ts')).runCutoverCommand,
  status: async () => (await import('./commands/status-command.ts')).runStatusCommand,
};
