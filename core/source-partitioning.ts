import type { JsonObject } from './json-value.ts';

/** The partition every source has besides a mapping's own: documents none of them claims. */
export const UNCLASSIFIED = 'unclassified';

/** An Elasticsearch query clause, as a mapping's partitioning hands it to the extractor. */
export type PartitionQuery = Record<string, unknown>;

/**
 * How a source splits into partitions for one mapping. The pipeline adds {@link UNCLASSIFIED}
 * (documents no partition claims, rejected as `unclassified_document`) and reads partitions in
 * `partitions` order. `typelessQuery` and `classify` must agree: the server-side split and the
 * client-side one put every document into the same partition (see {@link partitioningFromRules}).
 */
export interface SourcePartitioning {
  /** The mapping's partitions in load order (foreign-key safe), `unclassified` not included. */
  readonly partitions: readonly string[];
  /**
   * The partition of an ES `_type` on a typed index (ES ≤ 5.x, a 6.x single custom type), or null
   * for a type the mapping does not know (its documents go to `unclassified`). Never called with
   * `_doc`/`doc`/null: those documents are classified by content.
   */
  partitionOfType(type: string): string | null;
  /**
   * Index-name suffixes of per-partition indices, partition → suffix: `<index>-<suffix>` or
   * `<index>_<suffix>` holds the partition. Empty when the mapping has no such convention.
   */
  readonly indexSuffixes: Readonly<Record<string, string>>;
  /**
   * The query selecting a partition (or `unclassified`) inside a typeless index. The queries of
   * all partitions plus `unclassified` are disjoint and together cover the index.
   */
  typelessQuery(partition: string): PartitionQuery;
  /**
   * The partition of a typeless document (ES ≥ 7 `_doc`, an NDJSON line without `_type`), or null;
   * `index` is its `_index` when the caller knows it (a mapping may partition by index).
   */
  classify(source: JsonObject, index?: string): string | null;
  /**
   * True when `classify` looks only at which top-level fields a source has and at its index, never
   * at a value. A file's first pass (which counts every line's partition) then parses its lines
   * without keeping exact numbers, which cost it more than the parse itself on lines that hold
   * some. Leave it unset when a number's exact text could change the partition.
   */
  readonly classifiesByFieldNames?: boolean;
}

/** A partition recognised by content: the first rule with any of its fields at the top level wins. */
export interface ClassificationRule {
  partition: string;
  fields: readonly string[];
}

/**
 * A {@link SourcePartitioning} whose typeless split follows field-presence rules tried in order, so
 * the server-side queries and `classify` always agree: a rule matches documents where one of its
 * fields exists and no field of an earlier rule does; `unclassified` is what no rule matches.
 *
 * `exists` is false for a field that is null or an empty array, where `Object.hasOwn` is true, so
 * a document whose only recognising field is null lands one rule later (or in `unclassified`) than
 * `classify` would put it; it is still read exactly once.
 */
export function partitioningFromRules(input: {
  partitions: readonly string[];
  rules: readonly ClassificationRule[];
  /** `_type` → partition; types not listed are unclassified. Default: a type names its partition. */
  types?: Readonly<Record<string, string>>;
  indexSuffixes?: Readonly<Record<string, string>>;
}): SourcePartitioning {
  const { partitions, rules } = input;
  const types = input.types ?? Object.fromEntries(partitions.map((p) => [p, p]));
  const exists = (field: string): PartitionQuery => ({ exists: { field } });
  return {
    partitions,
    indexSuffixes: input.indexSuffixes ?? {},
    partitionOfType: (type) => (Object.hasOwn(types, type) ? types[type]! : null),
    typelessQuery(partition) {
      const index = partition === UNCLASSIFIED ? -1 : rules.findIndex((rule) => rule.partition === partition);
      const earlier = (index < 0 ? rules : rules.slice(0, index)).flatMap((rule) => rule.fields);
      const rule = index < 0 ? undefined : rules[index];
      if (rule === undefined) return earlier.length === 0 ? { match_all: {} } : { bool: { must_not: earlier.map(exists) } };
      const bool: PartitionQuery = { should: rule.fields.map(exists), minimum_should_match: 1 };
      if (earlier.length > 0) bool.must_not = earlier.map(exists);
      return { bool };
    },
    classify(source) {
      for (const rule of rules) if (rule.fields.some((field) => Object.hasOwn(source, field))) return rule.partition;
      return null;
    },
    classifiesByFieldNames: true,
  };
}
