import type { Outlet } from '../model/outlet.ts';
import { type AlternativeTake, type Story, storyBasis, type WorldTake } from '../model/story.ts';
import type { StoryForReading } from '../store/repositories/stories.ts';
import {
  type AlternativeTakesAnalysis,
  analyseStoryTakes,
  outletPicks,
  restoredTakes,
} from '../stories/alternative-takes.ts';
import { STORY_ARTICLE_CAP, storyArticles } from '../stories/article-docs.ts';
import type { StoryDoc } from '../stories/doc.ts';
import type { OutletIndex, Reader } from './reader.ts';
import { storyVersion } from './story-version.ts';
import { type ArticleSummaryView, outletView, summaryView } from './views.ts';

/** A story as pages need it: docs for the stories stage, summaries for showing. */
export interface LoadedStory {
  story: Story;
  docs: StoryDoc[];
  views: Map<number, ArticleSummaryView>;
}

/** The outlet and country of an article a take cites, by article id. */
export type TakeSources = Map<string, { outlet: string; country: string }>;

/**
 * What the article pages of one story version share: its Alternative Takes analysis and the
 * outlet and country of every article (for the take's citations). Small (no article text), so
 * many stories fit where few loaded ones would.
 */
export interface StorySidebar {
  takes: AlternativeTakesAnalysis;
  sources: TakeSources;
}

/** A story by id (merges followed) with its newest STORY_ARTICLE_CAP articles, or undefined. */
export async function loadStory(reader: Reader, storyId: number): Promise<LoadedStory | undefined> {
  const story = await reader.store.stories.get(storyId);
  return story && loadedStory(reader, story, await reader.outlets());
}

/**
 * A story's articles, read once per story version (`storyBasis`) and kept: a story's articles
 * only change when it grows, so a page under load does not re-read the same story each time.
 */
export async function loadedStory(reader: Reader, story: Story, outlets: Map<string, Outlet>): Promise<LoadedStory> {
  return reader.loadedStories.getOrMake(story.id, storyBasis(story), async () => {
    // Bounded in the statement: a story of thousands of articles is not read whole.
    const ids = await reader.store.stories.recentArticleIds(story.id, STORY_ARTICLE_CAP);
    // One read of the articles and their translations serves both the docs and the summaries.
    const { articles, english, docs } = await storyArticles(reader.store, ids);
    const views = new Map(articles.map((a) => [a.id, summaryView(a, outlets, english.get(a.id)?.title)]));
    return { story, docs, views };
  });
}

export function sourcesOf(views: Map<number, ArticleSummaryView>): TakeSources {
  return new Map([...views.values()].map((v) => [String(v.id), { outlet: v.outlet.name, country: v.country }]));
}

/**
 * The analysis the pipeline stored for the story, current or not: a growing story's stored one
 * lags by up to a minute (the take job's delay), and working out a fresh one here would hold
 * the event loop for as long as the story is big (about 200 ms for 300 articles) on every change
 * of the busiest stories, in every web process. Readers see takes as of that minute instead, and
 * the caught-up ones as soon as the pipeline stores them. Only a story with no stored analysis
 * yet (in its first minute, so small) is analysed here.
 */
export async function storySidebar(
  reader: Reader,
  { story, alternativeTakes: stored }: Pick<StoryForReading, 'story' | 'alternativeTakes'>,
  outlets: Map<string, Outlet>,
): Promise<StorySidebar> {
  const storedVersion = stored && `stored:${stored.basis}`;
  const hit = storedVersion && reader.sidebars.get(story.id, storedVersion);
  if (hit) return hit;
  const analysis = stored?.analysis();
  if (storedVersion && analysis) {
    const sources: TakeSources = new Map(
      analysis.takes.map((t) => [
        String(t.articleId),
        { outlet: outletView(outlets, t.outlet).name, country: t.country },
      ]),
    );
    const sidebar = { takes: restoredTakes(analysis), sources };
    reader.sidebars.set(story.id, storedVersion, sidebar);
    return sidebar;
  }
  // None stored, or the row is unreadable: made from the story's articles, per story version.
  return reader.sidebars.getOrMake(story.id, `made:${storyBasis(story)}`, async () => {
    const loaded = await loadedStory(reader, story, outlets);
    return { takes: analyseStoryTakes(loaded.docs), sources: sourcesOf(loaded.views) };
  });
}

/**
 * What every article page of one story version shows of the story, as data: the article each
 * outlet is represented by in Alternative Takes (a page leaves out its own outlet), the latest
 * World's Current Take and the outlet and country of what it cites. `version` names all of it
 * (the story's version and the outlet names), for whoever keeps it rendered.
 */
export interface StoryPart {
  version: string;
  /** The story's id (a merged story's survivor). */
  storyId: number;
  picks: AlternativeTake[];
  take: WorldTake | undefined;
  sources: TakeSources;
}

/** The version of a story part, from the parts an article's own statement reads. */
export function storyPartVersion(reading: StoryForReading['version'], outletStamp: string): string {
  return `${storyVersion(reading)}|${outletStamp}`;
}

/**
 * The story part of an article page: the story, its stored takes and its latest take in one
 * statement. `outlets` is the index the caller shows names from, so the version names those.
 */
export async function storyPart(reader: Reader, storyId: number, outlets: OutletIndex): Promise<StoryPart | undefined> {
  const reading = await reader.store.stories.forReading(storyId);
  if (!reading) return undefined;
  const sidebar = await storySidebar(reader, reading, outlets.byId);
  return {
    version: storyPartVersion(reading.version, outlets.stamp),
    storyId: reading.story.id,
    picks: outletPicks(sidebar.takes),
    take: reading.worldTake,
    sources: sidebar.sources,
  };
}
