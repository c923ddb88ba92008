import { hash } from 'node:crypto';

/**
 * A deterministic 32-character lowercase hex id (the shape of freezer-api's `uuid4().hex`) for rows
 * es2sql has to invent: job_actions links, actions rebuilt from job entries without `action_id`,
 * client uuids that were never stored, replacements for composite backup ids.
 *
 * The id is the SHA-256 of the parts (each length-prefixed, so `('ab','c')` and `('a','bc')` differ)
 * with the RFC 9562 version-8 and variant bits set: it is a valid UUID, never collides with a
 * uuid4 (version nibble 4), and a crash-and-rerun derives byte-identical ids.
 *
 * Callers start with a namespace part naming the purpose, e.g. `derivedId('job_actions', jobId, '3')`.
 */
export function derivedId(...parts: string[]): string {
  // One string hashed in one call (no Hash object per id): the same bytes as updating part by part,
  // since every part starts with NUL and no surrogate pair can form across two parts.
  let text = 'es2sql/derived-id';
  for (const part of parts) text += `\u0000${part.length}:${part}`;
  const hex = hash('sha256', text, 'hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 12)}8${hex.slice(13, 16)}${variant}${hex.slice(17, 32)}`;
}

const HEX32 = /^[0-9a-f]{32}$/;

/** True for a 32-character lowercase hex id (what freezer-api generates). */
export function isHexId(value: string): boolean {
  return HEX32.test(value);
}
