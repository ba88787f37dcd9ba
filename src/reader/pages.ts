import { promoteForReader } from '../jobs/priority-store.ts';
import { countFeedHealth, feedHealth, type PipelineStatus, pipelineStatus } from '../jobs/status.ts';
import { type LanguageWarning, languageWarnings, type TranslatorSupport } from '../language/support.ts';
import type { Country, Outlet } from '../model/outlet.ts';
import type { Story, StoryVersionParts, WorldTake } from '../model/story.ts';
import type { FeedRow } from '../store/repositories/feeds.ts';
import type { SearchQuery } from '../store/repositories/search.ts';
import { type CountryFraming, countryFraming } from '../stories/framing.ts';
import { isFoundNowhereElse } from '../stories/nowhere-else.ts';
import { overlooked as rankOverlooked } from '../stories/overlooked.ts';
import { budgetLimits } from '../translate/budget.ts';
import { groupBy } from '../util/group-by.ts';
import type { OutletIndex, Reader } from './reader.ts';
import { loadStory, sourcesOf, type TakeSources } from './story.ts';
import { type ArticleSummaryView, type ArticleView, articleView, summaries } from './views.ts';

/**
 * One function per page: each reads through the repositories and returns the plain data its
 * page shows. Routes parse the request, call one of these and render; nothing here knows HTML.
 */

const PAGE_SIZE = 30;
const DAY_MS = 86_400_000;
/** Stories considered for "overlooked": the most recently active ones. */
const OVERLOOKED_POOL = 400;
/** How far back "found nowhere else" looks: a week of stories, as "overlooked" does. */
const NOWHERE_ELSE_DAYS = 7;
const NOWHERE_ELSE_POOL = 500;
/** How long the globe's "found nowhere else" counts are reused: they read thousands of stories. */
const NOWHERE_ELSE_COUNTS_TTL_MS = 30_000;

export interface CountryEntry {
  code: string;
  name: string;
  outlets: number;
  articlesLastDay: number;
}

export interface PipelineSummary {
  feeds: number;
  feedsOk: number;
  feedsFailing: number;
  feedsDisabled: number;
  nextPollAt: string | null;
  lastError: string | null;
  articles: number;
}

export interface TopStory {
  story: Story;
  /** Where it was first reported (the arcs start there). */
  origin: string;
}

export interface HomeData {
  countries: CountryEntry[];
  latest: ArticleSummaryView[];
  /** The pipeline at a glance, for an empty archive (a new install); counts of 1 otherwise. */
  pipeline: PipelineSummary;
  stories: TopStory[];
  selected: TopStory | undefined;
}

/** The home page: the globe's countries, the latest articles, the stories most countries cover. */
export async function homePage(reader: Reader, options: { story?: number }): Promise<HomeData> {
  const [counts, outlets, latest] = await Promise.all([
    reader.countryCounts(),
    reader.outlets(),
    reader.store.articles.list({ limit: 20 }),
  ]);
  const byCode = new Map(counts.map((r) => [r.country, r]));
  const countries = reader.countries
    .map((co) => ({
      code: co.code,
      name: co.name,
      outlets: byCode.get(co.code)?.outlets ?? 0,
      articlesLastDay: byCode.get(co.code)?.articlesLastDay ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const stories = await topStories(reader);
  let selected = stories.find((t) => t.story.id === options.story);
  if (!selected && options.story !== undefined) {
    const story = await reader.store.stories.get(options.story);
    if (story) selected = { story, origin: (await reader.store.stories.origins([story.id])).get(story.id) ?? '' };
  }
  return {
    countries,
    latest: await summaries(reader.store, outlets, latest),
    pipeline: latest.length === 0 ? await pipelineSummary(reader) : EMPTY_SUMMARY,
    stories,
    selected,
  };
}

/** The stories most countries are covering now (the last two days), with their origins in one statement. */
async function topStories(reader: Reader, limit = 5): Promise<TopStory[]> {
  const since = new Date(reader.clock() - 2 * DAY_MS).toISOString();
  const stories = (await reader.store.stories.list({ limit: 200, minCountries: 2, since }))
    .sort((a, b) => b.countries.length - a.countries.length || b.articleCount - a.articleCount)
    .slice(0, limit);
  const origins = await reader.store.stories.origins(stories.map((s) => s.id));
  return stories.map((story) => ({ story, origin: origins.get(story.id) ?? '' }));
}

async function pipelineSummary(reader: Reader): Promise<PipelineSummary> {
  const feeds = await reader.store.feeds.list();
  let nextPollAt: string | null = null;
  let lastError: string | null = null;
  for (const f of feeds) {
    if (feedHealth(f) === 'failing') lastError = f.last_error;
    if (!f.disabled && (!nextPollAt || f.next_poll_at < nextPollAt)) nextPollAt = f.next_poll_at;
  }
  const health = countFeedHealth(feeds);
  return {
    feeds: feeds.length,
    feedsOk: health.ok,
    feedsFailing: health.failing,
    feedsDisabled: health.disabled,
    nextPollAt,
    lastError,
    articles: await reader.store.articles.count(),
  };
}

const EMPTY_SUMMARY: PipelineSummary = {
  feeds: 0,
  feedsOk: 0,
  feedsFailing: 0,
  feedsDisabled: 0,
  nextPollAt: null,
  lastError: null,
  articles: 1,
};

export interface CountryData {
  country: Country;
  outlets: Outlet[];
  articles: ArticleSummaryView[];
  nowhereElse: Story[];
  /** The cursor of the next page, when there is one. */
  next: string | undefined;
}

/**
 * A country's page: its outlets, its newest articles (of one outlet, when `outlet` is given)
 * after the `before` cursor, and the stories only its press covers. An unknown country or an
 * outlet that is not one of the country's is an answer of its own, so no page is made for it.
 */
export async function countryPage(
  reader: Reader,
  options: { code: string; outlet?: string; before?: { published: string; id: number } },
): Promise<CountryData | 'no-such-country' | 'no-such-outlet'> {
  const country = reader.countryByCode.get(options.code);
  if (!country) return 'no-such-country';
  const [outlets, index] = await Promise.all([reader.store.outlets.list({ country: country.code }), reader.outlets()]);
  if (options.outlet !== undefined && !outlets.some((o) => o.id === options.outlet)) return 'no-such-outlet';
  const articles = await reader.store.articles.list({
    country: country.code,
    limit: PAGE_SIZE + 1,
    ...(options.outlet ? { outletId: options.outlet } : {}),
    ...(options.before ? { before: options.before } : {}),
  });
  const page = articles.slice(0, PAGE_SIZE);
  const last = page[page.length - 1];
  return {
    country,
    outlets,
    articles: await summaries(reader.store, index, page),
    nowhereElse: await foundNowhereElse(reader, country.code),
    next: articles.length > PAGE_SIZE && last?.published ? `${last.published}_${last.id}` : undefined,
  };
}

export interface ArticleData {
  view: ArticleView;
  /** The article's story and what names its version, for the story part of the page. */
  story: { id: number; version: StoryVersionParts | undefined } | undefined;
  /** The outlet index the view was made with (the story part names the same outlets). */
  outlets: OutletIndex;
}

/**
 * An article as its page shows it, in one statement with its translation and its story. A
 * reader waiting on a translation moves its jobs up the queue.
 */
export async function articlePage(
  reader: Reader,
  id: number,
  options: { translating: boolean },
): Promise<ArticleData | undefined> {
  const found = await reader.store.articles.getForReading(id);
  const article = found?.article;
  if (!article || article.state === 'discovered' || article.blocks.length === 0) return undefined;
  const outlets = await reader.outletIndex();
  const view = articleView(article, outlets.byId, found.translation, options.translating);
  if (view.translationStatus === 'pending' || view.translationStatus === 'body-pending')
    await promoteForReader(reader.store, article.id);
  return {
    view,
    story: found.storyId === undefined ? undefined : { id: found.storyId, version: found.storyVersion },
    outlets,
  };
}

export interface StoryPageData {
  story: Story;
  byCountry: Array<{ country: string; articles: ArticleSummaryView[] }>;
  framing: CountryFraming[];
  /** Coverage over time: per day, articles per country. */
  timeline: Array<{ day: string; counts: Array<{ country: string; n: number }> }>;
  take?: WorldTake | undefined;
  versions: Array<{ version: number; createdAt: string; provider: string }>;
  sources: TakeSources;
  /** Where the story was first reported, for the map's arcs. */
  origin?: string | undefined;
}

/**
 * A story's page: every country's articles, framing, a timeline, and its take (`version`, or the
 * latest). A merged story answers with its survivor's id to redirect to.
 */
export async function storyPage(
  reader: Reader,
  id: number,
  version: number | undefined,
): Promise<StoryPageData | { survivor: number } | 'no-such-story' | 'no-such-version'> {
  const loaded = await loadStory(reader, id);
  if (!loaded) return 'no-such-story';
  if (loaded.story.id !== id) return { survivor: loaded.story.id };
  const take =
    version !== undefined
      ? await reader.store.worldTakes.version(id, version)
      : await reader.store.worldTakes.latest(id);
  if (version !== undefined && !take) return 'no-such-version';
  const views = [...loaded.views.values()].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? ''));
  const byCountry = groupBy(views, (v) => v.country);
  const days = new Map<string, Map<string, number>>();
  for (const v of views) {
    const day = (v.published ?? '').slice(0, 10) || 'undated';
    const counts = days.get(day) ?? new Map<string, number>();
    counts.set(v.country, (counts.get(v.country) ?? 0) + 1);
    days.set(day, counts);
  }
  return {
    story: loaded.story,
    byCountry: [...byCountry.entries()].map(([country, articles]) => ({ country, articles: articles.reverse() })),
    framing: countryFraming(loaded.docs),
    timeline: [...days.entries()].map(([day, counts]) => ({
      day,
      counts: [...counts.entries()].map(([country, n]) => ({ country, n })).sort((a, b) => b.n - a.n),
    })),
    take,
    versions: await reader.store.worldTakes.versions(id),
    sources: sourcesOf(loaded.views),
    origin: views[0]?.country,
  };
}

/** Stories only `country`'s press covers (see stories/nowhere-else.ts), most recently active first. */
export async function foundNowhereElse(reader: Reader, country: string, limit = 20): Promise<Story[]> {
  const now = reader.clock();
  const since = new Date(now - NOWHERE_ELSE_DAYS * DAY_MS).toISOString();
  const stories = await reader.store.stories.singleCountry({ since, country, limit: NOWHERE_ELSE_POOL });
  return stories.filter((s) => isFoundNowhereElse(s, now)).slice(0, limit);
}

/**
 * How many stories each country alone covers (the globe's tooltip). It reads up to 10,000
 * stories, so it is worked out at most every 30 s per server, not per request.
 */
export function foundNowhereElseCounts(reader: Reader): Promise<Map<string, number>> {
  return reader.every('found-nowhere-else-counts', NOWHERE_ELSE_COUNTS_TTL_MS, async () => {
    const now = reader.clock();
    const since = new Date(now - NOWHERE_ELSE_DAYS * DAY_MS).toISOString();
    const counts = new Map<string, number>();
    for (const s of await reader.store.stories.singleCountry({ since, limit: 20 * NOWHERE_ELSE_POOL })) {
      const country = s.countries[0];
      if (country && isFoundNowhereElse(s, now)) counts.set(country, (counts.get(country) ?? 0) + 1);
    }
    return counts;
  });
}

export interface OverlookedEntry {
  story: Story;
  countries: number;
  articlesAbroad: number;
  homeArticles: number;
}

/** Stories the world covers and American media does not (see stories/overlooked.ts). */
export async function overlookedPage(reader: Reader, limit = 50): Promise<OverlookedEntry[]> {
  const since = new Date(reader.clock() - 7 * DAY_MS).toISOString();
  const stories = await reader.store.stories.list({ limit: OVERLOOKED_POOL, minCountries: 2, since });
  const coverage = await reader.store.stories.coverage(stories.map((s) => s.id));
  const byId = new Map(stories.map((s) => [s.id, s]));
  const ranked = rankOverlooked(
    stories.map((s) => ({
      id: s.id,
      title: s.title,
      countryCounts: coverage.get(s.id)?.countryCounts ?? {},
      outletsAbroad: coverage.get(s.id)?.outlets ?? 0,
      lastSeen: s.lastSeen,
    })),
    { limit },
  );
  return ranked.map((r) => ({
    story: byId.get(r.id) as Story,
    countries: r.countries,
    articlesAbroad: r.articlesAbroad,
    homeArticles: r.homeArticles,
  }));
}

/** A search as the page and the API show it: article summaries in the order of relevance. */
export async function searchPage(
  reader: Reader,
  query: SearchQuery,
): Promise<{ total: number; articles: ArticleSummaryView[] }> {
  const { hits, total } = await reader.store.search.search(query);
  const byId = new Map((await reader.store.articles.getMany(hits.map((h) => h.id))).map((a) => [a.id, a]));
  const ordered = hits.flatMap((h) => byId.get(h.id) ?? []);
  return { total, articles: await summaries(reader.store, await reader.outlets(), ordered) };
}

export interface SourcesData {
  outlets: Outlet[];
  feeds: Array<FeedRow & { country: string }>;
  languageWarnings: LanguageWarning[];
}

/** Every outlet and feed read, and the languages the configured translator cannot translate. */
export async function sourcesPage(
  reader: Reader,
  catalog: readonly Outlet[],
  translator: TranslatorSupport | undefined,
): Promise<SourcesData> {
  const [outlets, feeds] = await Promise.all([reader.store.outlets.list(), reader.store.feeds.list()]);
  return { outlets, feeds, languageWarnings: languageWarnings(catalog, translator) };
}

/** The pipeline's state: jobs, feeds, translation and its budget. */
export function statusPage(reader: Reader, translator: string): Promise<PipelineStatus> {
  return pipelineStatus(reader.store, translator, new Date(reader.clock()), budgetLimits(reader.config));
}
