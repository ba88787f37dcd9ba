import type { Store } from '../store/store.ts';

/** (Re)indexes an article for search with its original text and, when translated, its English. */
export async function indexForSearch(store: Store, articleId: number): Promise<void> {
  const article = await store.articles.get(articleId);
  if (!article) return;
  const english = await store.translations.get(articleId);
  const title = [article.title, english?.title].filter(Boolean).join('\n');
  const body = [
    article.standfirst,
    ...article.blocks.map((b) => b.text),
    english?.standfirst,
    ...(english?.blocks.map((b) => b.text) ?? []),
  ]
    .filter(Boolean)
    .join('\n');
  await store.search.index(articleId, title, body);
}
