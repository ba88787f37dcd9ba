import type { WorldTake } from '../model/story.ts';

/** One article of a story, as a summarizer sees it: English text, plain. */
export interface TakeArticle {
  id: string;
  outlet: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** Language the article was published in (the text given here is English). */
  language: string;
  title: string;
  text: string;
  /** ISO 8601. */
  published: string;
}

export interface TakeInput {
  storyId?: number;
  articles: TakeArticle[];
}

/**
 * What a summarizer returns: a take before it is stored (`takeFromResult` adds the story, the
 * time and, in the repository, the version).
 */
export type TakeResult = Omit<WorldTake, 'storyId' | 'version' | 'articleCount' | 'createdAt'>;

/** Writes "The World's Current Take" for one story. Never invents citations: every id is an input id. */
export interface Summarizer {
  readonly name: string;
  summarize(input: TakeInput): Promise<TakeResult>;
}
