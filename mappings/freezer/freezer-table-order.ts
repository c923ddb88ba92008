/**
 * Order in which a batch writes freezer tables so every foreign key (only layout B's `job_actions`
 * has enforced ones) points at a row that already exists. Tables not listed come last.
 */
export const TABLE_WRITE_ORDER: readonly string[] = [
  'clients',
  'sessions',
  'actions',
  'action_reports',
  'jobs',
  'job_actions',
  'backups',
  'user_credentials',
];

export function tableRank(table: string): number {
  const rank = TABLE_WRITE_ORDER.indexOf(table);
  return rank === -1 ? TABLE_WRITE_ORDER.length : rank;
}
