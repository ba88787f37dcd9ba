/** A story: the coverage of one event by many outlets. */
export interface Story {
  id: number;
  title: string;
  firstSeen: string;
  lastSeen: string;
  countries: string[];
  outlets: string[];
  languages: string[];
  articleCount: number;
  /** When two stories merged, the absorbed story points at the survivor so old links still work. */
  mergedInto?: number;
}

/**
 * Names one version of a story: it changes whenever the story gains, loses or moves articles.
 * Whatever is worked out from a story's articles is stored with the basis it was made from.
 */
export function storyBasis(story: Pick<Story, 'articleCount' | 'lastSeen'>): string {
  return `${story.articleCount}:${story.lastSeen}`;
}

/**
 * What names one version of everything a page shows of a story, as the repositories read it in
 * the page's own statement: the story's counters, the basis its stored Alternative Takes analysis
 * was made from, and its latest World's Current Take's version number. The read side turns it
 * into one string (`storyVersion` in `src/reader/story-version.ts`).
 */
export interface StoryVersionParts {
  articleCount: number;
  lastSeen: string;
  analysisBasis: string | null;
  takeVersion: number | null;
}

/** One article of a story as an Alternative Take to the others. */
export interface AlternativeTake {
  articleId: string | number;
  outlet: string;
  country: string;
  /** The English headline when translated, else the original. */
  title: string;
  /** The language `title` is in (`en` when translated). */
  language: string;
  /** One line, e.g. "Stresses: sanctions, Moscow, gas prices". */
  differs: string;
  /** The distinctive words and names behind `differs`, strongest first. */
  stresses: string[];
}

/**
 * A story's analysis as the pipeline stores it: every article's take, and its closeness to the
 * story where its outlet wrote more than one (the only place a reader needs it).
 */
export interface StoredAlternativeTakes {
  takes: Array<Omit<AlternativeTake, 'differs'> & { centrality?: number }>;
}

export interface Citation {
  articleId: string;
}

export interface WorldTakeSentence {
  text: string;
  /** Ids of the articles the sentence rests on. */
  citations: string[];
}

export interface WorldTakeSection {
  heading: string;
  sentences: WorldTakeSentence[];
}

/** "The World's Current Take": a versioned, sourced summary of one story. */
export interface WorldTake {
  storyId: number;
  version: number;
  sections: WorldTakeSection[];
  /** Countries of the cited articles, most cited first. */
  countries: string[];
  /** Distinct outlets among the cited articles. */
  outletCount: number;
  provider: string;
  model: string;
  /** Set when a fallback wrote this take (the LLM was down, over budget, or failed validation). */
  note?: string;
  /** Articles in the story when this version was written. */
  articleCount?: number;
  createdAt: string;
}
