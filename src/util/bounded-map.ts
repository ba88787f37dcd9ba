/**
 * A Map that keeps at most `max` entries and forgets the oldest first (insertion order; `refresh`
 * makes an entry the newest, for least-recently-used caches). Given a `weigh` function, `max`
 * bounds the entries' total weight instead of their number (a cache of values that differ in
 * size, bounded by memory).
 *
 * Why not `map.delete(map.keys().next().value)` after each insert: V8 leaves a deleted entry in
 * place as a hole until the table is rebuilt, and a new iterator walks every hole from the start.
 * In a full cache that evicts on every insert the walk grows with the holes: 2.5 µs per insert at
 * 8,000 entries, 13 µs at 20,000, sweeping half a megabyte of memory each time, which under load
 * slowed everything else the request touched. Evicting a tenth of the room at once walks the
 * holes once per batch instead.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;
  private readonly weigh: ((value: V) => number) | undefined;
  private weights: Map<K, number> | undefined;
  private total = 0;

  constructor(max: number, weigh?: (value: V) => number) {
    super();
    if (!(max >= 1)) throw new RangeError(`BoundedMap needs room for at least one entry, not ${max}`);
    this.max = max;
    this.weigh = weigh;
  }

  /** The entries' total weight (their number when no `weigh` was given). */
  get weight(): number {
    return this.weigh ? this.total : this.size;
  }

  override set(key: K, value: V): this {
    if (this.weigh) {
      this.weights ??= new Map();
      const weight = this.weigh(value);
      this.total += weight - (this.weights.get(key) ?? 0);
      this.weights.set(key, weight);
    }
    super.set(key, value);
    if (this.weight > this.max) this.evictOldest(this.max - Math.ceil(this.max / 10));
    return this;
  }

  override delete(key: K): boolean {
    const weight = this.weights?.get(key);
    if (weight !== undefined) {
      this.total -= weight;
      this.weights?.delete(key);
    }
    return super.delete(key);
  }

  override clear(): void {
    this.weights?.clear();
    this.total = 0;
    super.clear();
  }

  /** The value under `key`, made the newest entry (the last to be evicted). */
  refresh(key: K): V | undefined {
    const value = super.get(key);
    if (value !== undefined) {
      super.delete(key);
      super.set(key, value);
    }
    return value;
  }

  /** Forgets the oldest entries until the weight is at most `target`. */
  private evictOldest(target: number): void {
    for (const key of this.keys()) {
      if (this.weight <= target) return;
      this.delete(key);
    }
  }
}
