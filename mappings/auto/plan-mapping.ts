import { UNCLASSIFIED, type DerivedDefinition, type Mapping, type SourcePartitioning } from '../../pipeline/mapping/mapping.ts';
import { AUTO_DIALECTS, type AutoDialect } from './auto-dialect.ts';
import { descendantsFirst } from './descendants-first.ts';
import { rootTables, splitPlanSqlId, type MappingPlan, type PlanTable } from './mapping-plan.ts';
import { planDifferences } from './plan-difference.ts';
import { parsePlanFile } from './plan-file.ts';
import { planTarget } from './plan-target.ts';
import { planVerifier } from './plan-verifier.ts';
import { transformWithPlan } from './transform-with-plan.ts';

/** Finding codes worth a look before cutover; the others are informational. */
const WARNING_FINDINGS = new Set(['unmapped_field', 'array_where_scalar', 'nested_array_flattened', 'null_element_skipped', 'duplicate_key']);

/**
 * The document table several indices feed (its key has `_index`), when it is the only one: its
 * documents are read one index at a time, so `_id`s repeated across indices stay apart in the
 * pipeline's state (documents are known by partition and `_id`).
 */
function perIndexRoot(plan: MappingPlan): PlanTable | undefined {
  const roots = rootTables(plan);
  const root = roots[0];
  return roots.length === 1 && root !== undefined && root.documentType === undefined && root.key.includes('_index') && plan.source.indices.length > 1 ? root : undefined;
}

/** One partition per index behind the pattern, all mapped into one document table. */
function indexPartitioning(indices: readonly string[]): SourcePartitioning {
  const names = [...indices].sort();
  return {
    partitions: names,
    indexSuffixes: {},
    // A typed index (ES ≤ 6 with a custom type) cannot tell its index from the type alone.
    partitionOfType: () => null,
    typelessQuery: (partition) => (partition === UNCLASSIFIED ? { bool: { must_not: [{ terms: { _index: names } }] } } : { term: { _index: partition } }),
    classify: (_source, index) => (index !== undefined && names.includes(index) ? index : null),
    classifiesByFieldNames: true,
  };
}

/** One partition per document table: by `_type` on a multi-type index, everything otherwise; per index when several feed one table. */
function planPartitioning(plan: MappingPlan): SourcePartitioning {
  if (perIndexRoot(plan) !== undefined) return indexPartitioning(plan.source.indices);
  const roots = rootTables(plan);
  const untyped = roots.find((table) => table.documentType === undefined);
  return {
    partitions: roots.map((table) => table.name),
    indexSuffixes: {},
    partitionOfType: (type) => roots.find((table) => table.documentType === type)?.name ?? untyped?.name ?? null,
    typelessQuery: (partition) => (partition === UNCLASSIFIED ? (untyped ? { bool: { must_not: [{ match_all: {} }] } } : { match_all: {} }) : untyped?.name === partition ? { match_all: {} } : { bool: { must_not: [{ match_all: {} }] } }),
    classify: () => untyped?.name ?? null,
    classifiesByFieldNames: true,
  };
}

/** This module from sources (`.ts`) or from dist (`.js`): batch worker threads import it by URL. */
const PLAN_MAPPING_URL = new URL(`./plan-mapping${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;

/** What a batch worker thread gets to rebuild a plan mapping: the compiled (or edited) plan itself. */
export interface PlanMappingData {
  plan: MappingPlan;
  name: string;
}

/** {@link planMapping} from its portable data (in a batch worker thread). */
export function planMappingFromData(data: unknown): Mapping<AutoDialect> {
  const { plan, name } = data as PlanMappingData;
  return planMapping(plan, name);
}

/**
 * A {@link MappingPlan} as a pipeline mapping (`--mapping auto` and `--mapping <plan>.json`):
 * tables from the plan's DDL, documents through {@link transformWithPlan} for the target's
 * dialect, verify by the plan's read-back, and sync deletes that remove a document's rows from
 * every child table, then its own.
 */
export function planMapping(plan: MappingPlan, name: string, options: { derived?: boolean } = {}): Mapping<AutoDialect> {
  const mapping: Mapping<AutoDialect> = {
    name,
    label: name,
    partitioning: planPartitioning(plan),
    target: planTarget(plan, name),
    prepare: async ({ schema }) => AUTO_DIALECTS[schema.dialect],
    transform: (_partition, dialect) => (doc) => transformWithPlan(plan, doc, dialect),
    validation: { findingSeverity: (code) => (WARNING_FINDINGS.has(code) ? 'warning' : 'info') },
    verify: { verifier: (schema, dialect, ledger) => planVerifier(plan, dialect ?? AUTO_DIALECTS[schema.dialect], schema, ledger) },
    portable: {
      module: PLAN_MAPPING_URL,
      exportName: 'planMappingFromData',
      data: { plan, name } satisfies PlanMappingData,
      shareContext: (dialect) => dialect.dialect,
      adoptContext: (shared) => AUTO_DIALECTS[shared as AutoDialect['dialect']],
    },
    sync: {
      defaultDeleteMode: 'hard',
      async removeRows(tx, _db, _schema, partition, sqlIds) {
        if (sqlIds.length === 0) return 0;
        const root = perIndexRoot(plan) ?? rootTables(plan).find((table) => table.name === partition);
        if (root === undefined) return 0;
        const byIndex = new Map<string | null, string[]>();
        for (const sqlId of sqlIds) {
          const { index, id } = splitPlanSqlId(root, sqlId);
          byIndex.set(index, [...(byIndex.get(index) ?? []), id]);
        }
        for (const table of descendantsFirst(plan, root)) {
          for (const [index, ids] of byIndex) await tx.deleteWhereIn(table.name, '_id', ids, index === null ? undefined : [{ column: '_index', value: index }]);
        }
        return sqlIds.length;
      },
    },
    ...(options.derived ? { derived: derivedPlan(plan, name) } : {}),
  };
  return mapping;
}

/**
 * A plan compiled when the command starts (`--mapping auto`) as a derived definition: the
 * pipeline stores the first one and later commands use it, reporting how the data now differs.
 */
function derivedPlan(plan: MappingPlan, name: string): DerivedDefinition {
  const storedPlan = (stored: string) => parsePlanFile(stored, `stored in the state database for the "${name}" mapping`);
  return {
    text: JSON.stringify(plan),
    restore: (stored) => planMapping(storedPlan(stored), name, { derived: true }),
    difference(stored) {
      const differences = planDifferences(storedPlan(stored), plan);
      return differences.length === 0 ? null : differences.join(', ');
    },
    howToChange: `write a mapping file with "es2sql mapping generate --index ${plan.source.index} --scan all --out <file>" (same --source), edit it to match, and migrate with --mapping <file>`,
  };
}
