/** Job kinds of the pipeline, in the order an article passes through them. */
export const JOB = {
  poll: 'poll',
  fetch: 'fetch',
  translate: 'translate',
  cluster: 'cluster',
  take: 'take',
} as const;

export interface PollPayload {
  feedId: number;
}
export interface ArticlePayload {
  articleId: number;
}
export interface StoryPayload {
  storyId: number;
}
