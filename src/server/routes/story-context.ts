import { storyArticles } from '../../jobs/story-docs.ts';
import { BoundedMap } from '../../model/bounded-map.ts';
import type { Outlet } from '../../model/outlet.ts';
import type { Story } from '../../model/story.ts';
import { analyseStoryTakes, type CountryTakes, type StoryTakes, takesFor } from '../../stories/alternative-takes.ts';
import type { StoryDoc } from '../../stories/doc.ts';
import type { ServerContext } from '../context.ts';
import type { StoryContext } from '../pages/article.tsx';
import { type ArticleSummaryView, summaryView } from '../views.ts';

/** Most articles a story page or the Alternative Takes section reads (the most recent). */
export const STORY_ARTICLE_CAP = 300;
const CACHE_SIZE = 500;

interface LoadedStory {
  story: Story;
  docs: StoryDoc[];
  views: Map<number, ArticleSummaryView>;
  /** Alternative Takes' analysis of the story, made when an article page first needs it. */
  takes?: StoryTakes;
}

/**
 * Stories as pages need them (docs for the stories stage, summaries for rendering), cached per
 * story and size: a story's articles only change when it grows, so an article page under load
 * does not re-read and re-analyse the same story on every request.
 */
const cache = new BoundedMap<string, LoadedStory>(CACHE_SIZE);

export async function loadStory(
  ctx: ServerContext,
  storyId: number,
  outlets: Map<string, Outlet>,
): Promise<LoadedStory | undefined> {
  const story = await ctx.store.stories.get(storyId);
  if (!story) return undefined;
  const key = `${story.id}:${story.articleCount}:${story.lastSeen}`;
  const hit = cache.refresh(key);
  if (hit) return hit;
  const ids = (await ctx.store.stories.articleIds(story.id)).slice(-STORY_ARTICLE_CAP);
  // One read of the articles and their translations serves both the docs and the summaries.
  const { articles, english, docs } = await storyArticles(ctx.store, ids);
  const views = new Map(articles.map((a) => [a.id, summaryView(a, outlets, english.get(a.id)?.title)]));
  const loaded: LoadedStory = { story, docs, views };
  cache.set(key, loaded);
  return loaded;
}

/**
 * The story around an article: the other outlets' articles (one per outlet), grouped by country,
 * each with a line on what it stresses that the others do not, and the story's latest take.
 */
export async function loadStoryContext(
  ctx: ServerContext,
  storyId: number,
  articleId: number,
  outlets: Map<string, Outlet>,
): Promise<StoryContext | undefined> {
  const loaded = await loadStory(ctx, storyId, outlets);
  if (!loaded) return undefined;
  const self = loaded.docs.find((d) => d.id === articleId);
  let groups: CountryTakes[] = [];
  if (self) {
    // Analysed once per story: before, every article page redid it for the whole story
    // (4 ms a page for a story of eight articles).
    loaded.takes ??= analyseStoryTakes(loaded.docs);
    groups = takesFor(loaded.takes, self);
  }
  const take = await ctx.store.takes.latest(loaded.story.id);
  return {
    id: loaded.story.id,
    title: loaded.story.title,
    alternatives: groups
      .map((g) => ({
        country: g.country,
        takes: g.takes
          .filter((t) => t.outlet !== self?.outlet)
          .flatMap((t) => {
            const article = loaded.views.get(Number(t.articleId));
            return article ? [{ article, differs: t.differs }] : [];
          }),
      }))
      .filter((g) => g.takes.length > 0),
    ...(take ? { take } : {}),
    sources: sourcesOf(loaded.views),
  };
}

export function sourcesOf(views: Map<number, ArticleSummaryView>): Map<string, { outlet: string; country: string }> {
  return new Map([...views.values()].map((v) => [String(v.id), { outlet: v.outlet.name, country: v.country }]));
}
