const SHARDS = 64;

/**
 * A set of strings split over several `Set`s, so it can hold more than one
 * `Set`'s limit of about 16.7 million entries (10M+ event ids).
 */
export class ShardedStringSet {
  private readonly shards: Set<string>[] = Array.from({ length: SHARDS }, () => new Set());

  /** Adds `value`; false when it was there already. */
  add(value: string): boolean {
    const shard = this.shards[shardOf(value)]!;
    if (shard.has(value)) return false;
    shard.add(value);
    return true;
  }
}

function shardOf(value: string): number {
  let h = 0;
  for (let i = 0; i < value.length; i++) h = (h * 31 + value.charCodeAt(i)) | 0;
  return (h >>> 0) % SHARDS;
}
