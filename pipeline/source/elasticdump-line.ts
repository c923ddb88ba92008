import { JsonNumber, isJsonObject } from '../../core/json-value.ts';
import { parseJson } from '../../core/parse-json.ts';
import type { SourceDocument } from '../../core/source-document.ts';
import type { SourcePartitioning } from '../../core/source-partitioning.ts';
import { partitionOfDocument, type SourcePartition } from './source-partition.ts';

/** A line of an elasticdump file, read as a document with its partition, or what is wrong with it. */
export type ElasticdumpLine = { document: SourceDocument; partition: SourcePartition; problem?: undefined } | { problem: string };

/**
 * Reads one elasticdump line: `{"_index","_type","_id","_source"}`, with `_version`, `_score`,
 * `sort`, `_routing`, … tolerated. `_type` may be absent (typeless dumps); such documents, and
 * `_doc` ones, are classified by content. `_source` is parsed exactly (parseJson).
 */
export function parseElasticdumpLine(text: string, partitioning?: SourcePartitioning, exactNumbers = true): ElasticdumpLine {
  let value;
  try {
    value = exactNumbers ? parseJson(text) : (JSON.parse(text) as unknown);
  } catch (error) {
    return { problem: `not valid JSON (${(error as Error).message})` };
  }
  if (!isJsonObject(value)) return { problem: 'not a JSON object' };
  const { _index: index, _type: type, _id: id, _version: version, _source: source } = value;
  if (typeof id !== 'string' || id === '') return { problem: '"_id" is missing or not a non-empty string' };
  if (!isJsonObject(source)) return { problem: '"_source" is missing or not an object' };
  if (typeof index !== 'string') return { problem: '"_index" is missing or not a string' };
  if (type !== undefined && type !== null && typeof type !== 'string') return { problem: '"_type" is not a string' };
  const versionNumber = version === undefined || version === null ? null : typeof version === 'number' ? version : version instanceof JsonNumber ? Number(version.source) : NaN;
  if (versionNumber !== null && !Number.isSafeInteger(versionNumber)) return { problem: '"_version" is not an integer' };
  return {
    document: { index, type: type === undefined || type === null || type === '_doc' ? null : type, id, version: versionNumber, source },
    partition: partitionOfDocument(type ?? null, source, partitioning, index),
  };
}
