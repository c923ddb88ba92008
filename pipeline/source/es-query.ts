import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import type { ServerCapabilities } from './es-version.ts';
import { DEFAULT_PARTITIONING, type SourcePartition } from './source-partition.ts';

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
 * The query selecting one partition of a typeless index: the partitioning's own (see
 * `partitioningFromRules`: disjoint queries that together cover the index). Without a
 * partitioning, the default (Freezer's) one.
 */
export function classificationQuery(partition: SourcePartition, partitioning: SourcePartitioning = DEFAULT_PARTITIONING): Query {
  return partitioning.typelessQuery(partition);
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
