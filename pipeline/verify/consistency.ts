import type { Dialect } from '../../schema/dialect.ts';
import { dialectFacts } from '../../schema/dialect-facts.ts';

/** How consistent a source's reads are, in one sentence for the report. */
export function sourceConsistency(strategy: string | undefined, slices: number): string {
  const each = slices > 1 ? `each of the ${slices} slices of a partition` : 'each partition';
  switch (strategy) {
    case 'point-in-time':
      return `every partition${slices > 1 ? ` and slice (${slices} per partition)` : ''} read through one point in time of the index (one snapshot, taken when the reads began)`;
    case 'scroll':
      return `${each} read through its own scroll context (a snapshot taken when that read started)`;
    case 'search-after':
      return 'no snapshot available (Elasticsearch 5.x–7.11 has no point in time): search_after over the live index, so documents written during verification may be seen or missed';
    case 'file':
      return 'an NDJSON file (fixed content)';
    default:
      return `read strategy ${strategy ?? 'unknown'}`;
  }
}

/** How the SQL side was read. */
export function sqlConsistency(dialect: Dialect): string {
  return dialectFacts(dialect).embedded
    ? 'one read transaction on a read-only connection (one snapshot of every table)'
    : 'one REPEATABLE READ, READ ONLY transaction (one snapshot of every table)';
}
