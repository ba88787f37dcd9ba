import { BoundedMap } from '../util/bounded-map.ts';

/**
 * The read side's one cache: values kept under a key together with the version they were made
 * from, bounded in entries or, given `weigh`, in bytes (least recently used out first). A value
 * is served only while the version asked for is the one it was kept under, so a cache is never
 * cleared by hand: a new story version, a new take or a renamed outlet names a new version, and
 * the stale entry is replaced on the next read.
 *
 * One instance per server (made with the reader service, or by the renderer for encoded parts),
 * never a module-level map keyed on a context object: what a server caches lives and dies with it.
 */
export class VersionedCache<K, V> {
  private readonly entries: BoundedMap<K, { version: string; value: V }>;

  /** `max` entries, or with `weigh` the most total weight (bytes) of the kept values. */
  constructor(max: number, weigh?: (value: V) => number) {
    this.entries = new BoundedMap(max, weigh && ((entry) => weigh(entry.value)));
  }

  /** The value kept under `key` if it was made from `version`, made the most recently used. */
  get(key: K, version: string): V | undefined {
    const entry = this.entries.refresh(key);
    return entry && entry.version === version ? entry.value : undefined;
  }

  /** The value kept under `key` whatever its version, and that version (for a caller that knows none yet). */
  latest(key: K): { version: string; value: V } | undefined {
    return this.entries.refresh(key);
  }

  set(key: K, version: string, value: V): void {
    this.entries.set(key, { version, value });
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** The kept values' weight (their number without `weigh`) and the most there is room for. */
  get weight(): number {
    return this.entries.weight;
  }

  get max(): number {
    return this.entries.max;
  }

  /**
   * The value under `key` at `version`, made by `make` on a miss. Concurrent misses each make
   * their own (values are cheap to remake and rarely missed at once); the last one is kept.
   */
  async getOrMake(key: K, version: string, make: () => Promise<V>): Promise<V> {
    const hit = this.get(key, version);
    if (hit !== undefined) return hit;
    const value = await make();
    this.set(key, version, value);
    return value;
  }
}

/** Milliseconds since the epoch; injected so tests can move time instead of waiting. */
export type Clock = () => number;

/**
 * One value recomputed at most every `ttlMs` (the outlet list, per-country counts): readers share
 * the pending promise, and a failed computation is forgotten so the next read tries again.
 */
export class ExpiringValue<T> {
  private held: { at: number; value: Promise<T> } | undefined;

  constructor(
    private readonly ttlMs: number,
    private readonly compute: () => Promise<T>,
    private readonly clock: Clock = Date.now,
  ) {}

  get(): Promise<T> {
    const now = this.clock();
    if (this.held && now - this.held.at < this.ttlMs) return this.held.value;
    const value = this.compute();
    const held = { at: now, value };
    this.held = held;
    value.catch(() => {
      if (this.held === held) this.held = undefined;
    });
    return value;
  }
}
