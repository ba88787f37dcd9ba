import { STORY_ARTICLE_CAP, storyArticles } from '../../jobs/story-docs.ts';
import { BoundedMap } from '../../model/bounded-map.ts';
import type { Outlet } from '../../model/outlet.ts';
import { type Story, storyBasis } from '../../model/story.ts';
import type { StoryForReading } from '../../store/repositories/stories.ts';
import { analyseStoryTakes, restoredTakes, type StoryTakes, takesFor } from '../../stories/alternative-takes.ts';
import type { StoryDoc } from '../../stories/doc.ts';
import type { ServerContext } from '../context.ts';
import type { StoryContext } from '../pages/article.tsx';
import { type ArticleSummaryView, outletView, summaryView } from '../views.ts';

const CACHE_SIZE = 500;
const SIDEBAR_CACHE_SIZE = 2_000;

interface LoadedStory {
  story: Story;
  docs: StoryDoc[];
  views: Map<number, ArticleSummaryView>;
}

/**
 * Stories as pages need them (docs for the stories stage, summaries for rendering), cached per
 * server and story version: a story's articles only change when it grows, so a page under load
 * does not re-read the same story on every request.
 */
const loadedStories = new WeakMap<ServerContext, BoundedMap<string, LoadedStory>>();

function cacheOf<T>(caches: WeakMap<ServerContext, BoundedMap<string, T>>, ctx: ServerContext, size: number) {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = new BoundedMap<string, T>(size);
    caches.set(ctx, cache);
  }
  return cache;
}

export async function loadStory(
  ctx: ServerContext,
  storyId: number,
  outlets: Map<string, Outlet>,
): Promise<LoadedStory | undefined> {
  const story = await ctx.store.stories.get(storyId);
  return story && loadedStory(ctx, story, outlets);
}

async function loadedStory(ctx: ServerContext, story: Story, outlets: Map<string, Outlet>): Promise<LoadedStory> {
  const cache = cacheOf(loadedStories, ctx, CACHE_SIZE);
  const key = `${story.id}:${storyBasis(story)}`;
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
 * What the article pages of one story version share: its Alternative Takes analysis and the
 * outlet and country of every article (for the take's citations). Small (no article text), so
 * many stories fit where few loaded ones would.
 */
interface StorySidebar {
  takes: StoryTakes;
  sources: Map<string, { outlet: string; country: string }>;
}

const sidebarCaches = new WeakMap<ServerContext, BoundedMap<string, StorySidebar>>();

/**
 * The analysis the pipeline stored for the story, current or not: a growing story's stored one
 * lags by up to a minute (the take job's delay), and working out a fresh one here would hold
 * the event loop for as long as the story is big (about 200 ms for 300 articles) on every change
 * of the busiest stories, in every web process. Readers see takes as of that minute instead, and
 * the caught-up ones as soon as the pipeline stores them. Only a story with no stored analysis
 * yet (in its first minute, so small) is analysed here.
 */
async function storySidebar(
  ctx: ServerContext,
  { story, takes: stored }: StoryForReading,
  outlets: Map<string, Outlet>,
): Promise<StorySidebar> {
  const sidebars = cacheOf(sidebarCaches, ctx, SIDEBAR_CACHE_SIZE);
  const storedKey = stored && `${story.id}:stored:${stored.basis}`;
  const hit = storedKey && sidebars.refresh(storedKey);
  if (hit) return hit;
  const analysis = stored?.analysis();
  if (storedKey && analysis) {
    const sources = new Map(
      analysis.takes.map((t) => [
        String(t.articleId),
        { outlet: outletView(outlets, t.outlet).name, country: t.country },
      ]),
    );
    const sidebar = { takes: restoredTakes(analysis), sources };
    sidebars.set(storedKey, sidebar);
    return sidebar;
  }
  // None stored, or the row is unreadable.
  const madeKey = `${story.id}:made:${storyBasis(story)}`;
  const made = sidebars.refresh(madeKey);
  if (made) return made;
  const loaded = await loadedStory(ctx, story, outlets);
  const sidebar = { takes: analyseStoryTakes(loaded.docs), sources: sourcesOf(loaded.views) };
  sidebars.set(madeKey, sidebar);
  return sidebar;
}

/**
 * The story around an article: the other outlets' articles (one per outlet), grouped by country,
 * each with a line on what it stresses that the others do not, and the story's latest take.
 */
export async function loadStoryContext(
  ctx: ServerContext,
  storyId: number,
  article: { id: number; outletId: string },
  outlets: Map<string, Outlet>,
): Promise<StoryContext | undefined> {
  // The story, its stored takes and its latest take in one statement: this is on every article
  // page of a story.
  const reading = await ctx.store.stories.forReading(storyId);
  if (!reading) return undefined;
  const { story, take } = reading;
  const sidebar = await storySidebar(ctx, reading, outlets);
  // By the article's own outlet, not its place in the analysis: an article older than the
  // story's newest STORY_ARTICLE_CAP is not in it, and its readers still get the others' takes.
  const groups = takesFor(sidebar.takes, { id: article.id, outlet: article.outletId });
  return {
    id: story.id,
    title: story.title,
    alternatives: groups.map((g) => ({
      country: g.country,
      takes: g.takes.map((t) => ({
        articleId: Number(t.articleId),
        title: t.title,
        language: t.language,
        outletName: outletView(outlets, t.outlet).name,
        differs: t.differs,
      })),
    })),
    ...(take ? { take } : {}),
    sources: sidebar.sources,
  };
}

export function sourcesOf(views: Map<number, ArticleSummaryView>): Map<string, { outlet: string; country: string }> {
  return new Map([...views.values()].map((v) => [String(v.id), { outlet: v.outlet.name, country: v.country }]));
}
