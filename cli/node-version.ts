/** The oldest Node.js es2sql runs on (package.json `engines`): `node:sqlite`, `module.enableCompileCache`, type stripping. */
export const MINIMUM_NODE = [22, 18] as const;

/**
 * The one-line complaint for a Node.js older than {@link MINIMUM_NODE} (`process.versions.node`),
 * or undefined when it is recent enough. The bin checks before it loads anything that needs more,
 * so an old Node says what to do instead of failing with a stack trace on a missing export.
 */
export function unsupportedNode(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [needMajor, needMinor] = MINIMUM_NODE;
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `es2sql needs Node.js ${needMajor}.${needMinor} or later, and this is Node.js ${version}; install a newer Node.js (or run it with npx, which uses the project's own)`;
}
