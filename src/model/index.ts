export type * from './article.ts';
export type * from './outlet.ts';
export type * from './story.ts';
export type * from './translation.ts';
