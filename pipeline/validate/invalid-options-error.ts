/**
 * The options given to `validate` or `verify` cannot work together (e.g. no target and no
 * dialect). A RangeError, so callers that map argument errors to the usage exit code catch it too.
 */
export class InvalidOptionsError extends RangeError {
  override name = 'InvalidOptionsError';
}
