/**
 * es2sql as a library: the same typed functions the CLI calls, for programmatic use.
 *
 *   import { migrate, EXIT_CODES } from 'es2sql';
 *   const { stats, error } = await migrate({ source: { url: 'http://es:9200', index: 'freezer' }, target: 'sqlite:freezer.db' });
 *
 * Every run function takes plain options (nothing is mutated), reports progress through an
 * `onEvent` listener, stops after its current batch when `signal` aborts, and returns
 * `{ stats | report, error? }` instead of throwing: low layers throw typed errors, the top of a run
 * returns them. `main(argv, io)` is the CLI itself.
 */

// Commands
export { migrate, type MigrateOptions, type MigrateResult } from './pipeline/run/migrate.ts';
export { validate, validateExitCode, type ValidateOptions, type ValidateResult } from './pipeline/run/validate.ts';
export { verify, verifyExitCode, type VerifyOptions, type VerifyResult } from './pipeline/run/verify.ts';
export type { ValidationReport, VerificationReport, Report } from './pipeline/report/report-types.ts';
export {
  sync,
  type SyncOptions,
  type SyncResult,
  type SyncStats,
  type PartitionSyncStats,
  type SyncEvent,
  type SyncEventListener,
  type DeleteMode,
} from './pipeline/run/sync.ts';
export { syncEvery, type SyncEveryOptions, type SyncEveryResult } from './pipeline/run/sync-every.ts';
export { cutover, type CutoverOptions, type CutoverResult, type CutoverStats, type FreezerApiConfigChange, type VerifierReport } from './pipeline/run/cutover.ts';
export type { RunEvent, RunEventListener } from './pipeline/batch/run-events.ts';
export type { RunStats, PartitionStats } from './pipeline/batch/run-stats.ts';
export { EXIT_CODES, type ExitCode } from './pipeline/run/exit-codes.ts';

// Mappings: how documents become tables (`mapping` option of every command; Freezer's by default)
export { freezerMapping, resolveMapping, UnknownMappingError, type MappingContext } from './mappings/index.ts';
export {
  partitioningFromRules,
  partitionOrder,
  UNCLASSIFIED,
  type AnyMapping,
  type ClassificationRule,
  type DeleteMode as MappingDeleteMode,
  type DocumentTransform,
  type Expectation,
  type MappedDocument,
  type Mapping,
  type MappingOutcome,
  type PrepareInput,
  type ReadBackDocument,
  type ReferenceRule,
  type RefusedDocument,
  type RunSettings,
  type SchemaRequest,
  type SourcePartitioning,
  type SyncRules,
  type TargetRules,
  type ValidationRules,
  type Verifier,
  type VerifyRules,
} from './pipeline/mapping/mapping.ts';
export { declaredTarget } from './pipeline/mapping/declared-target.ts';
export { documentVerifier, type DocumentReadback } from './pipeline/mapping/document-verifier.ts';

// Schema
export {
  upgradeSchema,
  schemaStatus,
  introspectTarget,
  parseLayoutChoice,
  parseDatabaseUrl,
  runSchemaCommand,
  type UpgradeOptions,
  type UpgradePhase,
  type UpgradeResult,
  type SchemaStatus,
  type MigrationStatus,
  type LayoutChoice,
  type LayoutChoiceInput,
  type DatabaseLocation,
  type Dialect,
  type TargetSchema,
} from './schema/index.ts';

// Source
export { openSource } from './pipeline/source/open-source.ts';
export { defineMapping, reject, type DefinedMapping, type MappingDeclaration, type DeclaredDocument, type MappedRows, type TransformResult } from './mappings/define/define-mapping.ts';
export type { DeclaredColumn, DeclaredTable, DeclaredType, RowOf } from './mappings/define/declared-table.ts';
export { loadMappingModule, MappingModuleError } from './mappings/define/load-mapping-module.ts';
export { generatePlan, type PlanSource, type GenerateOptions } from './mappings/auto/generate-plan.ts';
export type { MappingPlan, PlanTable, PlanColumn, ColumnKind } from './mappings/auto/mapping-plan.ts';
export type { SourceSpec, ElasticsearchSourceSpec, FileSourceSpec, SourceAuth } from './pipeline/source/source-spec.ts';
export type { DocumentSource, SourceDescription, SourcePartition } from './pipeline/source/document-source.ts';

// Configuration and secrets
export {
  resolveConfig,
  checkConfig,
  configProblems,
  describeConfig,
  SecretRedactor,
  RedactingStream,
  redactSecrets,
  type ResolvedConfig,
  type ResolveConfigInput,
  type ConfigFlags,
  type ConfigCommand,
} from './cli/config/index.ts';

// Errors
export {
  SourceError,
  SourceUrlError,
  SourceUnreachableError,
  SourceTlsError,
  SourceAuthError,
  SourceIndexNotFoundError,
  SourceResponseError,
  SourceContextLostError,
  SourceShardFailureError,
  SourceUnsupportedError,
  SourceCursorError,
  SourceFileError,
  SourceLineError,
} from './pipeline/source/source-error.ts';
export {
  SchemaError,
  UnknownLayoutError,
  LayoutConflictError,
  ForeignSchemaError,
  UnknownRevisionError,
  TargetUnreachableError,
  MigrationFailedError,
  PhaseOrderError,
} from './schema/index.ts';
export { DatabaseUrlError } from './schema/database-url.ts';
export { SchemaUpgradeNeededError } from './pipeline/batch/schema-upgrade-needed-error.ts';
export { SyncError, SyncUsageError, LockHeldError, LockLostError, AlreadyCutOverError, NoBaselineError, SweepIncompleteError, CutoverRefusedError } from './pipeline/sync/sync-errors.ts';
export { InvalidOptionsError } from './pipeline/validate/invalid-options-error.ts';
export { ConfigError } from './cli/config/index.ts';
export { UsageError } from './cli/usage-error.ts';

// The CLI
export { main } from './cli/main.ts';
export { buildArgv, type ParsedArgv } from './cli/build-argv.ts';
export type { Es2sqlArgs } from './cli/es2sql-args.ts';
export type { CliIo, TextSink, SignalSource } from './cli/cli-io.ts';
export { describeFailure, type FailureContext } from './cli/errors/describe-failure.ts';
