import { type ArticleSummaryView, summaries } from '../reader/views.ts';
import type { SearchQuery } from '../store/repositories/search.ts';
import type { ServerContext } from './context.ts';

/** A search as the page and the API show it: article summaries in the order of relevance. */
export async function searchArticles(
  ctx: ServerContext,
  query: SearchQuery,
): Promise<{ total: number; articles: ArticleSummaryView[] }> {
  const { hits, total } = await ctx.store.search.search(query);
  const byId = new Map((await ctx.store.articles.getMany(hits.map((h) => h.id))).map((a) => [a.id, a]));
  const ordered = hits.flatMap((h) => byId.get(h.id) ?? []);
  return { total, articles: await summaries(ctx.store, await ctx.reader.outlets(), ordered) };
}
