/**
 * `--mapping` names nothing es2sql can use: an unknown name, a missing file, or a mapping not
 * available in this build. A RangeError, like the library's other option checks (exit 64 in the CLI).
 */
export class UnknownMappingError extends RangeError {
  override name = 'UnknownMappingError';
}
