/**
 * A Map that keeps at most `max` entries and forgets the oldest first (insertion order; `refresh`
 * makes an entry the newest, for least-recently-used caches).
 *
 * Why not `map.delete(map.keys().next().value)` after each insert: V8 leaves a deleted entry in
 * place as a hole until the table is rebuilt, and a new iterator walks every hole from the start.
 * In a full cache that evicts on every insert the walk grows with the holes: 2.5 µs per insert at
 * 8,000 entries, 13 µs at 20,000, sweeping half a megabyte of memory each time, which under load
 * slowed everything else the request touched. Evicting a tenth of the entries at once walks the
 * holes once per batch instead.
 */
export class BoundedMap<K, V> extends Map<K, V> {
  readonly max: number;

  constructor(max: number) {
    super();
    if (!(max >= 1)) throw new RangeError(`BoundedMap needs room for at least one entry, not ${max}`);
    this.max = max;
  }

  override set(key: K, value: V): this {
    super.set(key, value);
    if (this.size > this.max) this.evictOldest(Math.ceil(this.max / 10));
    return this;
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

  private evictOldest(count: number): void {
    let left = count;
    for (const key of this.keys()) {
      this.delete(key);
      if (--left === 0) return;
    }
  }
}
