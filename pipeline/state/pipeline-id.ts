import { createHash } from 'node:crypto';

/**
 * A short stable id for one source (URL or file, index) and one target database, as displayed
 * (without passwords), so runs against the same pair find each other's checkpoints and state.
 */
export function pipelineId(sourceDisplay: string, index: string, targetDisplay: string): string {
  return createHash('sha256').update(`${sourceDisplay}\u0000${index}\u0000${targetDisplay}`).digest('hex').slice(0, 24);
}
