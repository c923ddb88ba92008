/** Characters as MySQL and PostgreSQL count them for VARCHAR(n): code points, not UTF-16 units. */
export function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}
