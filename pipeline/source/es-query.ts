import { CLASSIFICATION_RULES } from '../../core/classify.ts';
import type { ServerCapabilities } from './es-version.ts';
import type { SourcePartition } from './source-partition.ts';

/** An Elasticsearch query clause. */
export type Query = Record<string, unknown>;

/** Where one partition's documents live and how they are selected. */
export interface PartitionTarget {
  partition: SourcePartition;
  /** Index or alias to search: `freezer`, `freezer-jobs`, … */
  index: string;
  /** The partition's `_type`s on a typed index, else null. */
  types: string[] | null;
  /** The query that selects the partition inside a typeless index, else null. */
  query: Query | null;
}

/**
 * The query selecting one partition of a typeless index, built from CLASSIFICATION_RULES the way
 * classifyDocument reads them: a rule matches when one of its fields exists and no field of an
 * earlier rule does; `unclassified` is what no rule matches. The partitions are therefore disjoint
 * and together cover the index, whatever the documents look like.
 *
 * `exists` is false for a field that is null or an empty array, where `Object.hasOwn` is true, so
 * a document whose only recognising field is null lands one rule later (or in `unclassified`) than
 * classifyDocument would put it; it is still read exactly once.
 */
export function classificationQuery(partition: SourcePartition): Query {
  const exists = (field: string): Query => ({ exists: { field } });
  const index = CLASSIFICATION_RULES.findIndex((rule) => rule.entity === partition);
  const earlier = (index < 0 ? CLASSIFICATION_RULES : CLASSIFICATION_RULES.slice(0, index)).flatMap((rule) => rule.fields);
  const rule = index < 0 ? undefined : CLASSIFICATION_RULES[index];
  if (rule === undefined) return { bool: { must_not: earlier.map(exists) } };
  const bool: Query = { should: rule.fields.map(exists), minimum_should_match: 1 };
  if (earlier.length > 0) bool.must_not = earlier.map(exists);
  return { bool };
}

/** `/<index>[/<types>]/<endpoint>` for a target, with types in the path where the server allows it. */
export function targetPath(index: string, target: PartitionTarget, capabilities: ServerCapabilities, endpoint: string): string {
  const types = target.types !== null && capabilities.typesInPath ? `/${target.types.map(encodeURIComponent).join(',')}` : '';
  return `/${encodeURIComponent(index)}${types}/${endpoint}`;
}

/**
 * The target's selection plus `extra` clauses as one query, or undefined for "everything".
 * Types go into the query (`terms` on `_type`) only where they cannot go into the path.
 */
export function targetQuery(target: PartitionTarget, capabilities: ServerCapabilities, extra: Query[] = []): Query | undefined {
  const clauses: Query[] = [];
  if (target.types !== null && !capabilities.typesInPath) clauses.push({ terms: { _type: target.types } });
  if (target.query !== null) clauses.push(target.query);
  clauses.push(...extra);
  if (clauses.length === 0) return undefined;
  if (clauses.length === 1) return clauses[0];
  if (capabilities.boolFilter) return { bool: { filter: clauses } };
  return { filtered: { filter: { and: clauses } } };
}

/** Body fields `{ query }` when there is a query, else nothing (match all). */
export function queryBody(query: Query | undefined): { query?: Query } {
  return query === undefined ? {} : { query };
}
