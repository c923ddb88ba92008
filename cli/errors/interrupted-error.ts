/** The run stopped because of SIGINT/SIGTERM; its checkpoints are committed. Exit 130. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';

  constructor(message = 'interrupted; rerun the same command to resume from the last checkpoint') {
    super(message);
  }
}
