/**
 * Document frequencies learned from the archive, kept up to date one article at a time, so term
 * weights follow what the archive actually contains rather than constants tuned for one corpus.
 *
 * Words are counted per language, names and numbers across the archive. In an archive that is
 * mostly English, "und" or "che" is rare overall yet in every German or Italian article: weighed
 * against the whole archive it would look like a telling word, and untranslated articles of one
 * language would cluster on their grammar. Weighed against their own language, a language's common
 * words weigh little whatever the language, listed or not.
 */
import type { Profile } from './doc.ts';

/** Keys of names and numbers (in profiles and here) carry a prefix that tells them from terms. */
export const NAME_PREFIX = 'n:';
export const NUMBER_PREFIX = '#';

/** See `idfOf`. */
const MIN_DOCS = 50;

export interface TermStatsSnapshot {
  docs: number;
  df: Array<[string, number]>;
  /** Documents per language (primary subtag). */
  languages?: Array<[string, number]>;
}

const languageKeys = new Map<string, string>();

/** A language's primary subtag: `zh-Hans` and `zh-Hant` share one vocabulary count. */
export function languageKey(language: string): string {
  let key = languageKeys.get(language);
  if (key === undefined) {
    const dash = language.indexOf('-');
    key = (dash < 0 ? language : language.slice(0, dash)).toLowerCase();
    languageKeys.set(language, key);
  }
  return key;
}

function isTermKey(key: string): boolean {
  return !key.startsWith(NAME_PREFIX) && !key.startsWith(NUMBER_PREFIX);
}

/** How a language's word is written in a snapshot (names and numbers are written as they are). */
const LANGUAGE_SEPARATOR = '\u0001';

export class TermStats {
  private docs = 0;
  /** Documents per language, and the count at which each last started a weight generation. */
  private readonly languageDocs = new Map<string, number>();
  private readonly languageGenDocs = new Map<string, number>();
  /**
   * Key → slot in the columns below. Frequencies and cached weights live in typed arrays rather
   * than one object per key: hundreds of thousands of keys then cost the garbage collector
   * nothing to trace.
   */
  private readonly slots = new Map<string, number>();
  /** The same for words, one table per language (no key strings built per lookup). */
  private readonly languageSlots = new Map<string, Map<string, number>>();
  private slotCount = 0;
  private dfs = new Int32Array(1024);
  private weights = new Float64Array(1024);
  private gens = new Int32Array(1024);
  /**
   * Scoring asks for the same keys' IDF^power thousands of times per article; each slot caches
   * it for one "generation". A new generation starts when the archive grew by 2%, so a cached
   * weight is never more than 2% of the archive stale.
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
    return this.slotCount;
  }

  observe(profile: Profile): void {
    this.docs++;
    const language = languageKey(profile.language);
    const languageDocs = (this.languageDocs.get(language) ?? 0) + 1;
    this.languageDocs.set(language, languageDocs);
    const words = this.tableFor(language);
    for (const t of profile.terms.keys()) this.bump(words, t);
    for (const n of profile.names.keys()) this.bump(this.slots, n);
    for (const n of profile.numbers.keys()) this.bump(this.slots, n);
    if (this.slotCount > this.maxKeys) this.prune();
    // Cached weights are at most 2% stale: of the archive for names, of their language for words.
    const languageGen = this.languageGenDocs.get(language) ?? 0;
    if (this.docs > this.generationDocs * 1.02 || languageDocs > languageGen * 1.02) {
      this.generationDocs = this.docs;
      this.languageGenDocs.set(language, languageDocs);
      this.gen++;
    }
  }

  /**
   * Smoothed inverse document frequency; unseen keys count as seen once. A word (neither name nor
   * number) is weighed within `language`, the language of the text it came from.
   */
  idf(key: string, language = ''): number {
    const lang = languageKey(language);
    const slot = this.slotOf(key, lang);
    return this.idfOf(slot === undefined ? 1 : (this.dfs[slot] ?? 1), this.docsOf(key, lang));
  }

  /** idf(key, language) ** power, cached for the current generation. */
  weight(key: string, power: number, language = ''): number {
    if (power !== this.weightPower) {
      this.weightPower = power;
      this.gen++;
    }
    const lang = languageKey(language);
    const slot = this.slotOf(key, lang);
    if (slot === undefined) return this.idfOf(1, this.docsOf(key, lang)) ** power;
    if (this.gens[slot] !== this.gen) {
      this.weights[slot] = this.idfOf(this.dfs[slot] ?? 1, this.docsOf(key, lang)) ** power;
      this.gens[slot] = this.gen;
    }
    return this.weights[slot] ?? 0;
  }

  frequency(key: string, language = ''): number {
    const slot = this.slotOf(key, languageKey(language));
    return slot === undefined ? 0 : (this.dfs[slot] ?? 0);
  }

  snapshot(): TermStatsSnapshot {
    return {
      docs: this.docs,
      df: [...this.entries()].map(([k, slot]) => [k, this.dfs[slot] ?? 0]),
      languages: [...this.languageDocs],
    };
  }

  static restore(snapshot: TermStatsSnapshot, maxKeys?: number): TermStats {
    const stats = new TermStats(maxKeys);
    stats.docs = snapshot.docs;
    stats.generationDocs = snapshot.docs;
    for (const [language, n] of snapshot.languages ?? []) {
      stats.languageDocs.set(language, n);
      stats.languageGenDocs.set(language, n);
    }
    for (const [k, df] of snapshot.df) {
      const at = k.indexOf(LANGUAGE_SEPARATOR);
      if (at < 0) stats.slotFor(stats.slots, k, df);
      else stats.slotFor(stats.tableFor(k.slice(0, at)), k.slice(at + 1), df);
    }
    return stats;
  }

  /** The table a key is counted in: its language's for a word, else the archive's. */
  private slotOf(key: string, language: string): number | undefined {
    if (language && isTermKey(key)) return this.languageSlots.get(language)?.get(key);
    return this.slots.get(key);
  }

  private tableFor(language: string): Map<string, number> {
    if (!language) return this.slots;
    let table = this.languageSlots.get(language);
    if (!table) {
      table = new Map();
      this.languageSlots.set(language, table);
    }
    return table;
  }

  /** Every key with its slot; words as language + separator + word. */
  private *entries(): Iterable<[string, number]> {
    yield* this.slots;
    for (const [language, table] of this.languageSlots)
      for (const [k, slot] of table) yield [`${language}${LANGUAGE_SEPARATOR}${k}`, slot];
  }

  /** The documents a key's frequency is counted among: its language's for words, else all. */
  private docsOf(key: string, language: string): number {
    return language && isTermKey(key) ? (this.languageDocs.get(language) ?? 0) : this.docs;
  }

  /**
   * A young archive (or language) counts as MIN_DOCS documents, the missing ones without the word:
   * in three articles that all say "agreement", nothing shows the word is common, and taking it
   * for a function word would leave only what the articles do not share.
   */
  private idfOf(df: number, docs: number): number {
    return Math.log((Math.max(docs, MIN_DOCS) + 2) / (df + 0.5));
  }

  private bump(table: Map<string, number>, key: string): void {
    const slot = table.get(key);
    if (slot === undefined) this.slotFor(table, key, 1);
    else this.dfs[slot] = (this.dfs[slot] ?? 0) + 1;
  }

  private slotFor(table: Map<string, number>, key: string, df: number): void {
    const slot = this.slotCount++;
    if (slot >= this.dfs.length) this.grow(this.dfs.length * 2);
    table.set(key, slot);
    this.dfs[slot] = df;
    this.gens[slot] = 0;
  }

  private grow(capacity: number): void {
    const grown = (from: Int32Array) => {
      const to = new Int32Array(capacity);
      to.set(from.subarray(0, Math.min(from.length, capacity)));
      return to;
    };
    this.dfs = grown(this.dfs);
    this.gens = grown(this.gens);
    const weights = new Float64Array(capacity);
    weights.set(this.weights.subarray(0, Math.min(this.weights.length, capacity)));
    this.weights = weights;
  }

  /** Forgets keys seen once, renumbering the slots. */
  private prune(): void {
    const tables = [this.slots, ...this.languageSlots.values()];
    const kept = tables.map((table) => {
      const out: Array<[string, number]> = [];
      for (const [k, slot] of table) {
        const df = this.dfs[slot] ?? 0;
        if (df > 1) out.push([k, df]);
      }
      table.clear();
      return out;
    });
    this.slotCount = 0;
    this.gens.fill(0);
    tables.forEach((table, i) => {
      for (const [k, df] of kept[i] ?? []) this.slotFor(table, k, df);
    });
  }
}
