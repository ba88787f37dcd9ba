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

export interface Citation {
  articleId: string;
}

export interface TakeSentence {
  text: string;
  /** Ids of the articles the sentence rests on. */
  citations: string[];
}

export interface TakeSection {
  heading: string;
  sentences: TakeSentence[];
}

/** "The World's Current Take": a versioned, sourced summary of one story. */
export interface Take {
  storyId: number;
  version: number;
  sections: TakeSection[];
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
