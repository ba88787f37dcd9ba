import type { Country } from '../model/outlet.ts';
import type { AlternativeTake, Story } from '../model/story.ts';
import type { ArticleListFilter } from '../store/repositories/articles.ts';
import { outletPicks } from '../stories/alternative-takes.ts';
import { type CountryFraming, countryFraming } from '../stories/framing.ts';
import { groupBy } from '../util/group-by.ts';
import { foundNowhereElseCounts } from './pages.ts';
import type { Reader } from './reader.ts';
import { loadedStory, storySidebar } from './story.ts';
import { storyVersion } from './story-version.ts';
import { type ArticleSummaryView, type ArticleView, articleView, summaries } from './views.ts';

/**
 * The JSON API's reads. Like the page functions they return plain data, and the API routes parse
 * and answer with it. What is costly to work out (a story's analysis, the globe's counts) is kept
 * per server and per version, as the pages keep theirs.
 */

/** How long /api/countries is reused: its counts read every outlet and thousands of stories. */
const COUNTRIES_TTL_MS = 30_000;

export interface ApiStory {
  story: Story;
  countries: Array<{ country: string; articles: ArticleSummaryView[] }>;
  alternativeTakes: Array<Omit<AlternativeTake, 'articleId'> & { articleId: number }>;
  take: {
    version: number;
    createdAt: string;
    provider: string;
    model: string;
    note?: string;
    countries: string[];
    outletCount: number;
    sections: Array<{ heading: string; sentences: Array<{ text: string; citations: number[] }> }>;
  } | null;
  framing: CountryFraming[];
}

/**
 * `/api/stories/{id}`: a story (a merged one answers as its survivor) with its newest
 * STORY_ARTICLE_CAP articles by country, its Alternative Takes, its latest take and framing. Read
 * in one statement with what names its version; the answer is made once per version and kept,
 * and the analysis is the one the pipeline stored (made here only for a story without one, as
 * article pages do), so a client asking again and again costs one indexed read.
 */
export async function apiStory(reader: Reader, id: number): Promise<ApiStory | undefined> {
  const [reading, outlets] = await Promise.all([reader.store.stories.forReading(id), reader.outletIndex()]);
  if (!reading) return undefined;
  const version = `${storyVersion(reading.version)}|${outlets.stamp}`;
  return reader.apiStories.getOrMake(id, version, async () => {
    const loaded = await loadedStory(reader, reading.story, outlets.byId);
    const sidebar = await storySidebar(reader, reading, outlets.byId);
    const views = [...loaded.views.values()].sort((a, b) => (b.published ?? '').localeCompare(a.published ?? ''));
    const take = reading.worldTake;
    return {
      story: loaded.story,
      countries: [...groupBy(views, (v) => v.country).entries()]
        .map(([country, articles]) => ({ country, articles }))
        .sort((a, b) => b.articles.length - a.articles.length || a.country.localeCompare(b.country)),
      alternativeTakes: outletPicks(sidebar.takes).map(
        ({ articleId, outlet, country, title, language, differs, stresses }) => ({
          articleId: Number(articleId),
          outlet,
          country,
          title,
          language,
          differs,
          stresses,
        }),
      ),
      take: take
        ? {
            version: take.version,
            createdAt: take.createdAt,
            provider: take.provider,
            model: take.model,
            ...(take.note ? { note: take.note } : {}),
            countries: take.countries,
            outletCount: take.outletCount,
            sections: take.sections.map((s) => ({
              heading: s.heading,
              sentences: s.sentences.map((x) => ({ text: x.text, citations: x.citations.map(Number) })),
            })),
          }
        : null,
      framing: countryFraming(loaded.docs),
    };
  });
}

export interface ApiCountry {
  code: string;
  numeric?: string;
  name: string;
  region: Country['region'];
  lat: number;
  lon: number;
  outlets: number;
  articles: number;
  articlesLastDay: number;
  foundNowhereElse: number;
}

/** `/api/countries`: every country with its outlets, articles and stories only it covers; made every 30 s. */
export function apiCountries(reader: Reader): Promise<ApiCountry[]> {
  return reader.every('api-countries', COUNTRIES_TTL_MS, async () => {
    const counts = new Map((await reader.countryCounts()).map((r) => [r.country, r]));
    const alone = await foundNowhereElseCounts(reader);
    return reader.countries.map((country) => {
      const n = counts.get(country.code);
      return {
        code: country.code,
        ...(country.numeric ? { numeric: country.numeric } : {}),
        name: country.name,
        region: country.region,
        lat: country.lat,
        lon: country.lon,
        outlets: n?.outlets ?? 0,
        articles: n?.articles ?? 0,
        articlesLastDay: n?.articlesLastDay ?? 0,
        foundNowhereElse: alone.get(country.code) ?? 0,
      };
    });
  });
}

/** `/api/articles`: a page of summaries, newest first, and the cursor of the next. */
export async function apiArticles(
  reader: Reader,
  filter: ArticleListFilter,
): Promise<{ articles: ArticleSummaryView[]; next: string | null }> {
  const rows = await reader.store.articles.list(filter);
  const last = rows[rows.length - 1];
  return {
    articles: await summaries(reader.store, await reader.outlets(), rows),
    next: rows.length === filter.limit && last?.published ? `${last.published}_${last.id}` : null,
  };
}

/** `/api/articles/{id}`: an article's view and its story's id; undefined before it is fetched. */
export async function apiArticle(
  reader: Reader,
  id: number,
  options: { translating: boolean },
): Promise<(ArticleView & { storyId: number | null }) | undefined> {
  const found = await reader.store.articles.getForReading(id);
  if (!found || found.article.state === 'discovered') return undefined;
  const view = articleView(found.article, await reader.outlets(), found.translation, options.translating);
  return { ...view, storyId: found.storyId ?? null };
}
