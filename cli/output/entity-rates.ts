/** Where one entity stands, with its rate and ETA. */
export interface EntityProgress {
  entity: string;
  total: number;
  read: number;
  finished: boolean;
  /** Documents per second since this entity started moving; 0 before. */
  docsPerSecond: number;
  /** Seconds left at the current rate; null while unknown. */
  etaSeconds: number | null;
}

interface Tally {
  total: number;
  read: number;
  /** `read` when this entity's clock started (resumed documents do not count towards the rate). */
  readAtStart: number;
  startedAt: number | undefined;
  finished: boolean;
  finishedAt: number | undefined;
}

/**
 * Counts per entity and the docs/s and ETA derived from them. Entities are worked on one after
 * the other, so an entity's clock starts when the previous one finished (or when the run began),
 * not at its first committed batch, which would overstate the rate.
 */
export class EntityRates {
  readonly #tallies = new Map<string, Tally>();
  readonly #now: () => number;
  #boundary: number;

  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
    this.#boundary = now();
  }

  begin(entity: string, total: number, done = 0): void {
    const existing = this.#tallies.get(entity);
    if (existing) {
      existing.total = total;
      return;
    }
    this.#tallies.set(entity, { total, read: done, readAtStart: done, startedAt: undefined, finished: false, finishedAt: undefined });
  }

  advance(entity: string, docs: number): void {
    const tally = this.#tally(entity);
    tally.startedAt ??= this.#boundary;
    tally.read += docs;
    if (tally.read > tally.total) tally.total = tally.read;
  }

  finish(entity: string): void {
    const tally = this.#tally(entity);
    tally.startedAt ??= this.#boundary;
    tally.finished = true;
    tally.finishedAt = this.#now();
    this.#boundary = tally.finishedAt;
  }

  entities(): string[] {
    return [...this.#tallies.keys()];
  }

  has(entity: string): boolean {
    return this.#tallies.has(entity);
  }

  /** True once the entity moved (a batch arrived or it finished). */
  started(entity: string): boolean {
    return this.#tallies.get(entity)?.startedAt !== undefined;
  }

  snapshot(entity: string): EntityProgress {
    const tally = this.#tally(entity);
    const end = tally.finishedAt ?? this.#now();
    const seconds = tally.startedAt === undefined ? 0 : (end - tally.startedAt) / 1000;
    const moved = tally.read - tally.readAtStart;
    const docsPerSecond = seconds > 0 ? moved / seconds : 0;
    const left = Math.max(0, tally.total - tally.read);
    const etaSeconds = tally.finished || left === 0 ? 0 : docsPerSecond > 0 ? Math.ceil(left / docsPerSecond) : null;
    return { entity, total: tally.total, read: tally.read, finished: tally.finished, docsPerSecond: Math.round(docsPerSecond * 10) / 10, etaSeconds };
  }

  #tally(entity: string): Tally {
    let tally = this.#tallies.get(entity);
    if (!tally) {
      tally = { total: 0, read: 0, readAtStart: 0, startedAt: undefined, finished: false, finishedAt: undefined };
      this.#tallies.set(entity, tally);
    }
    return tally;
  }
}
