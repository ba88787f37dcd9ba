/**
 * How often each key was seen lately, roughly, in memory fixed up front: for deciding what to
 * admit to a cache ("asked for three times lately") without keeping every key asked for once.
 *
 * Why not a Map of keys: under load every request added its key, which lived a few seconds, long
 * enough to survive two young-generation collections and be moved to the old generation, only to
 * die there: a steady flow of old garbage that brought on full collections, and each full
 * collection slows every request in flight while it marks. Here a key is hashed into a slot of
 * two typed arrays, so seeing one allocates nothing.
 *
 * A slot keeps one key's fingerprint, count and the start of its window; a key that lands on a
 * slot taken by another
 * replaces it. So a key can be forgotten early (it is then treated as new) and, when two keys
 * share a slot and a fingerprint (about one pair in 2^31 of those that share a slot), taken for
 * the other one. Both only cost a cache a wrong admission now and then.
 */
export class RecentKeys {
  private readonly mask: number;
  private readonly fingerprints: Uint32Array;
  /** When the slot's key was first seen in its current window. */
  private readonly since: Float64Array;
  private readonly counts: Uint32Array;

  /**
   * `slots` is rounded up to a power of two; make it a few times the keys seen in one window of
   * `windowMs`.
   */
  constructor(
    slots: number,
    private readonly windowMs: number,
  ) {
    if (!(slots >= 1 && slots <= 2 ** 26)) throw new RangeError(`RecentKeys needs 1 to 2^26 slots, not ${slots}`);
    const size = 2 ** Math.ceil(Math.log2(slots));
    this.mask = size - 1;
    this.fingerprints = new Uint32Array(size);
    this.since = new Float64Array(size);
    this.counts = new Uint32Array(size);
  }

  /**
   * Records `key` as seen at `now`; returns how many times it was seen in the window that began
   * when it was first seen in it, this time included (1 for a new key or a new window).
   */
  see(key: string, now: number): number {
    const hash = fnv1a(key);
    const slot = hash & this.mask;
    // The fingerprint is a second hash, so keys sharing a slot are still told apart; never 0,
    // which marks an empty slot.
    const fingerprint = (mix(hash) | 1) >>> 0;
    if (this.fingerprints[slot] === fingerprint && now - (this.since[slot] as number) <= this.windowMs) {
      const count = (this.counts[slot] as number) + 1;
      this.counts[slot] = count;
      return count;
    }
    this.fingerprints[slot] = fingerprint;
    this.since[slot] = now;
    this.counts[slot] = 1;
    return 1;
  }
}

/** 32-bit FNV-1a over the UTF-16 code units: fast on the short keys (paths, URLs) it gets. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Murmur3's finalizer: every bit of the result depends on every bit of `hash`. */
function mix(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
