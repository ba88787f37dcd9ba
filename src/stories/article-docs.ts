import type { Article } from '../model/article.ts';
import type { ArticleTranslation } from '../model/translation.ts';
import type { StoryDoc } from './doc.ts';

/**
 * The reads that story docs need, as the store's repositories offer them. Declared here so the
 * stories stage names what it reads without importing the store (only jobs, server and cli do).
 */
export interface ArticleReads {
  articles: { getMany(ids: readonly number[]): Promise<Article[]> };
  translations: { getMany(ids: readonly number[]): Promise<Map<number, ArticleTranslation>> };
}

/**
 * Most articles of a story (the most recent) that its take, its stored Alternative Takes and its
 * pages read: one number, so the analysis a page reads and the one it would make agree.
 */
export const STORY_ARTICLE_CAP = 300;

/** An article as the stories stage sees it: original text, and the English where translated. */
export function storyDoc(a: Article, english?: ArticleTranslation): StoryDoc {
  const text = [a.standfirst, ...a.blocks.map((b) => b.text)].filter(Boolean).join('\n\n');
  return {
    id: a.id,
    language: a.language ?? 'und',
    title: a.title,
    text,
    ...(a.published ? { published: a.published } : {}),
    country: a.country,
    outlet: a.outletId,
    ...(english
      ? {
          english: {
            title: english.title,
            text: [english.standfirst, ...english.blocks.map((b) => b.text)].filter(Boolean).join('\n\n'),
          },
        }
      : a.language?.startsWith('en')
        ? { english: { title: a.title, text } }
        : {}),
  };
}

/** Story docs for many articles, in the order of `ids` (missing ones are skipped). */
export async function storyDocs(store: ArticleReads, ids: readonly number[]): Promise<StoryDoc[]> {
  return (await storyArticles(store, ids)).docs;
}

/**
 * Many articles with their English translations and as story docs, in the order of `ids` (missing
 * ones are skipped): one read of each, for callers that need the articles as well as the docs.
 */
export async function storyArticles(
  store: ArticleReads,
  ids: readonly number[],
): Promise<{ articles: Article[]; english: Map<number, ArticleTranslation>; docs: StoryDoc[] }> {
  const articles: Article[] = [];
  const english = new Map<number, ArticleTranslation>();
  const docs: StoryDoc[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const byId = new Map((await store.articles.getMany(chunk)).map((a) => [a.id, a]));
    const translations = await store.translations.getMany(chunk);
    for (const id of chunk) {
      const a = byId.get(id);
      if (!a) continue;
      const t = translations.get(id);
      articles.push(a);
      if (t) english.set(id, t);
      docs.push(storyDoc(a, t));
    }
  }
  return { articles, english, docs };
}
