/**
 * Live progress of a run, per entity. Commands translate their library events into these calls;
 * the renderer (bars on a terminal, JSON lines otherwise, nothing with --quiet) decides how it looks.
 */
export interface Progress {
  /** An entity the run will work on: `total` documents (from `_count`), `done` of them already (resume). */
  begin(entity: string, total: number, done?: number): void;
  /** `docs` more documents of `entity` are done. */
  advance(entity: string, docs: number): void;
  /** The entity is complete. */
  finish(entity: string): void;
  /** The run ended (or failed): draw the last state and release the terminal. */
  stop(): void;
}

/** A progress that shows nothing (--quiet, commands without progress). */
export const NO_PROGRESS: Progress = {
  begin: () => {},
  advance: () => {},
  finish: () => {},
  stop: () => {},
};
