/**
 * Document frequencies learned from the archive, kept up to date one article at a time, so term
 * weights follow what the archive actually contains rather than constants tuned for one corpus.
 */
import type { Profile } from './doc.ts';

/** Keys of names and numbers (in profiles and here) carry a prefix that tells them from terms. */
export const NAME_PREFIX = 'n:';
export const NUMBER_PREFIX = '#';

export interface TermStatsSnapshot {
  docs: number;
  df: Array<[string, number]>;
}

/** A key's document frequency and its cached weight (valid while `gen` is the current generation). */
interface Entry {
  df: number;
  weight: number;
  gen: number;
}

export class TermStats {
  private docs = 0;
  private readonly df = new Map<string, Entry>();
  /**
   * Scoring asks for the same keys' IDF^power thousands of times per article; each entry caches
   * it for one "generation". A new generation starts when the archive grew by 2%, so a cached
   * weight is never more than 2% of the archive stale, and the cache costs no extra lookup.
   */
  private weightPower = 1;
  private generationDocs = 0;
  private gen = 1;

  /** `maxKeys` bounds memory: past it, keys seen once are forgotten (they count as rarest). */
  constructor(private readonly maxKeys = 2_000_000) {}

  get documentCount(): number {
    return this.docs;
  }

  get size(): number {
    return this.df.size;
  }

  observe(profile: Profile): void {
    this.docs++;
    for (const t of profile.terms.keys()) this.bump(t);
    for (const n of profile.names.keys()) this.bump(n);
    for (const n of profile.numbers.keys()) this.bump(n);
    if (this.df.size > this.maxKeys) this.prune();
    if (this.docs > this.generationDocs * 1.02) {
      this.generationDocs = this.docs;
      this.gen++;
    }
  }

  /** Smoothed inverse document frequency; unseen keys count as seen once. */
  idf(key: string): number {
    return this.idfOf(this.df.get(key)?.df ?? 1);
  }

  /** idf(key) ** power, cached for the current generation. */
  weight(key: string, power: number): number {
    if (power !== this.weightPower) {
      this.weightPower = power;
      this.gen++;
    }
    const entry = this.df.get(key);
    if (!entry) return this.idfOf(1) ** power;
    if (entry.gen !== this.gen) {
      entry.weight = this.idfOf(entry.df) ** power;
      entry.gen = this.gen;
    }
    return entry.weight;
  }

  frequency(key: string): number {
    return this.df.get(key)?.df ?? 0;
  }

  snapshot(): TermStatsSnapshot {
    return { docs: this.docs, df: [...this.df].map(([k, e]) => [k, e.df]) };
  }

  static restore(snapshot: TermStatsSnapshot, maxKeys?: number): TermStats {
    const stats = new TermStats(maxKeys);
    stats.docs = snapshot.docs;
    stats.generationDocs = snapshot.docs;
    for (const [k, df] of snapshot.df) stats.df.set(k, { df, weight: 0, gen: 0 });
    return stats;
  }

  private idfOf(df: number): number {
    return Math.log((this.docs + 2) / (df + 0.5));
  }

  private bump(key: string): void {
    const entry = this.df.get(key);
    if (entry) entry.df++;
    else this.df.set(key, { df: 1, weight: 0, gen: 0 });
  }

  private prune(): void {
    for (const [k, e] of this.df) if (e.df <= 1) this.df.delete(k);
  }
}
