/** Job kinds of the pipeline, in the order an article passes through them. */
export const JOB = {
  poll: 'poll',
  fetch: 'fetch',
  /** Off the article's path: a slow image host never delays its text. */
  image: 'image',
  logo: 'logo',
  /** The headline: title, standfirst and image caption, for lists, clustering and search. */
  translate: 'translate',
  /** The body blocks, by priority and within the day's budget. */
  translateBody: 'translate-body',
  cluster: 'cluster',
  take: 'take',
} as const;

/**
 * The dedupe key of an article's job of `kind`: one open job per article and step. Recovery
 * (`ArticleRepository.idsWithoutOpenJob`) looks jobs up by the same prefix followed by the id.
 */
export function articleJobKeyPrefix(kind: string): string {
  return `${kind}:`;
}

export function articleJobKey(kind: string, articleId: number): string {
  return `${articleJobKeyPrefix(kind)}${articleId}`;
}

/** The `host` enqueue option of a job that will ask `url` (none for a URL that does not parse). */
export function hostOption(url: string): { host?: string } {
  try {
    return { host: new URL(url).host };
  } catch {
    return {};
  }
}

export interface PollPayload {
  feedId: number;
}
export interface ArticlePayload {
  articleId: number;
}
export interface ImagePayload {
  articleId: number;
  url: string;
}
export interface LogoPayload {
  outletId: string;
  url: string;
}
export interface StoryPayload {
  storyId: number;
  /** Articles' bodies arrived in English: write a new take even if the story has not grown. */
  refresh?: boolean;
}
