import { TEST_ES_MAJORS } from '../../helpers/elasticsearch.ts';

/**
 * The Elasticsearch major a test prefers, or the first one the run has when ES2SQL_TEST_ES_MAJORS
 * leaves it out (documents are seeded multi-type on ≤ 5 and typeless after, so any major works).
 */
export function esMajor(preferred: number): number {
  if (TEST_ES_MAJORS.includes(preferred)) return preferred;
  const first = TEST_ES_MAJORS[0];
  if (first === undefined) throw new Error('ES2SQL_TEST_ES_MAJORS names no Elasticsearch major');
  return first;
}
