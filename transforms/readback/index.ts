/**
 * Read-back rules: the API document freezer-api returns for a migrated Elasticsearch document,
 * computed from the document ({@link expectedFromDocument}) and from the SQL rows
 * ({@link documentFromRows}), in one canonical form so `verify` can compare hashes.
 */
export { canonicalJson, canonicalNumber, documentHash, type ApiDocument, type ApiValue } from '../../core/canonical-json.ts';
export { expectedFromDocument } from './expected-from-document.ts';
export { documentFromRows } from './document-from-rows.ts';
export { fieldDifferences } from '../../core/field-differences.ts';
export { actionDocument, actionRowDocument, type ActionParts } from './action-readback.ts';
export type { JobRelatedRows } from './job-readback.ts';
export type { ReadbackContext, StoredAction } from './readback-context.ts';
export { isVisibleRow, sqlJson, type SqlRow } from './sql-values.ts';
