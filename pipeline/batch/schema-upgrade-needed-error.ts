/** A run that would need `schema upgrade` first (es2sql never alters a live schema as a side effect). */
export class SchemaUpgradeNeededError extends Error {
  override name = 'SchemaUpgradeNeededError';
}
