import type { PartitionTarget } from './es-query.ts';
import type { PageRequest, RawPage, ReadStrategy, StrategyContext } from './read-strategy.ts';
import { type ShardDirectory, type ShardUnit, unitsOfSlice } from './shard-walk.ts';

/**
 * What the scroll and search_after strategies share: both walk an index one shard at a time
 * (`preference=_shards:<n>`), a slice owns a share of the shards, so there are never more slices
 * than shards.
 */
export abstract class PerShardStrategy implements ReadStrategy {
  abstract readonly name: ReadStrategy['name'];
  protected readonly context: StrategyContext;
  protected readonly shards: ShardDirectory;

  constructor(context: StrategyContext, shards: ShardDirectory) {
    this.context = context;
    this.shards = shards;
  }

  async sliceCount(target: PartitionTarget, requested: number): Promise<number> {
    const units = await this.shards.unitsOf(target.index);
    return Math.max(1, Math.min(requested, units.length));
  }

  /** The shards the request's slice owns, in walking order. */
  protected async unitsOf(request: PageRequest): Promise<ShardUnit[]> {
    return unitsOfSlice(await this.shards.unitsOf(request.target.index, request.signal), request.slice, request.slices);
  }

  abstract pages(request: PageRequest): AsyncGenerator<RawPage>;
}
