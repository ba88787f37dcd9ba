/** What the stories stage needs to know about one article. No I/O here. */
export interface StoryDoc {
  id: string | number;
  /** BCP 47 language of the original. */
  language: string;
  title: string;
  /** Body text; paragraphs separated by blank lines or newlines where known. */
  text: string;
  /** ISO 8601. */
  published?: string;
  /** ISO 3166-1 alpha-2 of the outlet. */
  country?: string;
  outlet?: string;
  /** The English translation, when a translation provider wrote one. */
  english?: { title: string; text: string };
}

/**
 * An article (or a story's aggregate) as weighted bags: stemmed terms, normalized names and
 * numbers. Weights are raw (position-weighted counts); IDF is applied when scoring, so the
 * archive's term statistics can keep changing under stored profiles.
 */
export interface Profile {
  terms: Map<string, number>;
  /** Keys are `n:` + normalized name (see term-stats.ts), so one table counts all three bags. */
  names: Map<string, number>;
  /** Keys are `#` + normalized number. */
  numbers: Map<string, number>;
  /** Publication time, ms since the epoch. */
  time?: number;
  /** Unit-length semantic vector from the embeddings provider, when configured. */
  embedding?: Float32Array;
  /** Norms of the three bags (a scoring cache; whoever changes the bags deletes it). */
  norms?: { terms: number; names: number; numbers: number };
  /**
   * The bags pre-weighted for scoring (a cache, dropped with `norms`), and the norm of the terms
   * written in Latin script alone (see `lexicalScore`).
   */
  weighted?: {
    terms: Map<string, number>;
    names: Map<string, number>;
    numbers: Map<string, number>;
    latinTermsNorm: number;
  };
  /** Language of the text the terms came from (`en` for translated articles). */
  language: string;
}
