/** One copy of a document, as the duplicate rule compares them. */
export interface DocumentCopy {
  /** `_version`, when the source reports one. */
  version: number | null;
}

/**
 * The one rule for documents that share an `_id` (an index read twice, two indices merged, an alias
 * over several) or an SQL id (a composite backup id whose `backup_uuid` is another document's id):
 * the copy with the highest `_version` wins; without versions, or with equal ones, the copy read
 * last wins. Returns true when `later` (read after `earlier`) wins.
 */
export function laterCopyWins(later: DocumentCopy, earlier: DocumentCopy): boolean {
  if (later.version !== null && earlier.version !== null) return later.version >= earlier.version;
  if (later.version !== null || earlier.version !== null) return later.version !== null;
  return true;
}

/** Why the rule chose the winner, for the reject detail. */
export function winnerReason(winner: DocumentCopy, loser: DocumentCopy): string {
  if (winner.version !== null && loser.version !== null && winner.version !== loser.version) return `it has the higher _version (${winner.version} > ${loser.version})`;
  if (winner.version !== null && loser.version === null) return `it has a _version (${winner.version})`;
  return 'it was read later';
}

/** The key a duplicate's reject is stored under: the `_id` is the winner's (its own reject would be cleared with it). */
export function duplicateRejectKey(docId: string, copy: number | string): string {
  return `${docId}#duplicate-${copy}`;
}
