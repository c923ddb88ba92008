/** A source path with list positions folded (`job_actions.3.freezer_action` → `job_actions.*.freezer_action`). */
export function foldFieldPath(field: string): string {
  return field.replace(/(^|\.)\d+(?=\.|$)/g, '$1*');
}
