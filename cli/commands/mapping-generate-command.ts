import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { generatePlan, type PlanSource } from '../../mappings/auto/generate-plan.ts';
import { planFileText } from '../../mappings/auto/plan-file.ts';
import { DIALECTS } from '../../schema/dialect.ts';
import type { CommandRunner } from './command-context.ts';
import { sourceSpecFrom } from './source-spec-from.ts';

/**
 * `es2sql mapping generate`: reads the index's `_mapping` and a scan of its documents, compiles the
 * tables `--mapping auto` would create, and writes them as an editable mapping file (`--out`) or
 * prints it; a summary of the tables and notes goes to stderr.
 */
export const runMappingGenerateCommand: CommandRunner = async ({ args, config, output }) => {
  const { spec } = sourceSpecFrom(config.source!);
  const source: PlanSource = 'file' in spec ? { file: spec.file } : { url: spec.url, index: spec.index ?? 'freezer' };
  const plan = await generatePlan(source, { scan: config.scan ?? 'sample' });
  const text = planFileText(plan, args.dialect === undefined ? DIALECTS : [args.dialect]);
  for (const table of plan.tables) {
    output.info(`table ${table.name} (${table.columns.length} columns, key ${table.key.join(', ')})${table.why ? `: ${table.why}` : ''}`);
  }
  for (const note of plan.notes) output.info(`note: ${note.field}: ${note.note}`);
  if (args.out === undefined) {
    output.result(text.trimEnd());
    return 0;
  }
  const path = resolve(config.cwd, args.out);
  await writeFile(path, text);
  output.result(`wrote ${path}: ${plan.tables.length} tables from ${plan.source.documentsScanned} scanned documents; edit it and pass --mapping ${args.out}`);
  return 0;
};
