import type { Article } from '../../model/article.ts';
import type { Outlet } from '../../model/outlet.ts';
import type { ServerContext } from '../context.ts';
import type { AlternativeTake, StoryContext } from '../pages/article.tsx';
import { summaries } from '../views.ts';

/** Most articles a story page or the Alternative Takes section loads. */
const STORY_ARTICLE_CAP = 300;

/**
 * The story around an article: the other outlets' articles (one per outlet, the most recent),
 * grouped by country, and the story's latest World's Current Take.
 */
export async function loadStoryContext(
  ctx: ServerContext,
  articleId: number,
  outlets: Map<string, Outlet>,
  differs: (article: Article, story: Article[]) => string = () => '',
): Promise<StoryContext | undefined> {
  const storyId = await ctx.store.stories.storyOf(articleId);
  if (storyId === undefined) return undefined;
  const story = await ctx.store.stories.get(storyId);
  if (!story) return undefined;
  const ids = (await ctx.store.stories.articleIds(story.id)).slice(-STORY_ARTICLE_CAP);
  const articles = await ctx.store.articles.getMany(ids);
  const self = articles.find((a) => a.id === articleId);
  const perOutlet = new Map<string, Article>();
  for (const a of articles) {
    if (a.id === articleId || a.outletId === self?.outletId) continue;
    const seen = perOutlet.get(a.outletId);
    if (!seen || (a.published ?? '') > (seen.published ?? '')) perOutlet.set(a.outletId, a);
  }
  const others = [...perOutlet.values()];
  const views = await summaries(ctx.store, outlets, others);
  const byCountry = new Map<string, AlternativeTake[]>();
  others.forEach((a, i) => {
    const list = byCountry.get(a.country) ?? [];
    list.push({ article: views[i] as AlternativeTake['article'], differs: differs(a, articles) });
    byCountry.set(a.country, list);
  });
  const take = await ctx.store.takes.latest(story.id);
  const sources = new Map(
    articles.map((a) => [String(a.id), { outlet: outlets.get(a.outletId)?.name ?? a.outletId, country: a.country }]),
  );
  return {
    id: story.id,
    title: story.title,
    alternatives: [...byCountry.entries()].map(([country, takes]) => ({ country, takes })),
    ...(take ? { take } : {}),
    sources,
  };
}
