import { createHash } from 'node:crypto';
import type { Outlet } from '../../model/outlet.ts';
import { type Story, storyBasis } from '../../model/story.ts';
import type { StoryForReading } from '../../store/repositories/stories.ts';
import {
  analyseStoryTakes,
  outletPicks,
  restoredTakes,
  type StoryTakes,
  takesForReader,
} from '../../stories/alternative-takes.ts';
import { STORY_ARTICLE_CAP, storyArticles } from '../../stories/article-docs.ts';
import type { StoryDoc } from '../../stories/doc.ts';
import { BoundedMap } from '../../util/bounded-map.ts';
import { countryIndex, outletIndex, pageKit, type ServerContext } from '../context.ts';
import { Html } from '../jsx/jsx-runtime.ts';
import { aroundSlot, EncodedHtml, EncodedList, type PagePart, SLOT } from '../page-parts.ts';
import { Time } from '../pages/bits.tsx';
import type { PageKit } from '../pages/kit.ts';
import { alternativeTakesParts, NoStoryAside, NoWorldTake, TakeItem } from '../pages/story-aside.tsx';
import { WorldTake } from '../pages/take-section.tsx';
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

/** The server's own cache out of `caches`, made by `make` on first use. */
function cacheOf<K, T>(
  caches: WeakMap<ServerContext, BoundedMap<K, T>>,
  ctx: ServerContext,
  make: () => BoundedMap<K, T>,
): BoundedMap<K, T> {
  let cache = caches.get(ctx);
  if (!cache) {
    cache = make();
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
  const cache = cacheOf(loadedStories, ctx, () => new BoundedMap(CACHE_SIZE));
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
  const sidebars = cacheOf(sidebarCaches, ctx, () => new BoundedMap(SIDEBAR_CACHE_SIZE));
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

/** What every article page of one story version shows of the story, rendered once for all. */
interface StoryFragment {
  /** The `storyReadingVersion` and outlet names it was rendered from. */
  version: string;
  /** The story's id (a merged story's survivor). */
  storyId: number;
  /**
   * Per outlet the article Alternative Takes shows; a page leaves out its own outlet. Kept as
   * columns, with the entries rendered into one encoded list: a few objects per story, not
   * several per entry, for the thousands of stories the cache holds.
   */
  picks: { articleIds: Array<number | string>; outlets: string[]; countries: string[]; items: EncodedList };
  /**
   * The World's Current Take, or its placeholder, split where its time ("written 5 min ago")
   * goes: that part changes by the minute, so it is rendered per request. The rest is kept
   * encoded, as the page is sent.
   */
  take: { before: EncodedHtml; createdAt: string | null; after: EncodedHtml };
}

const fragmentCaches = new WeakMap<ServerContext, BoundedMap<number, StoryFragment>>();
function fragmentCache(ctx: ServerContext): BoundedMap<number, StoryFragment> {
  // Weighed in the bytes kept, plus a little for the objects around them.
  return cacheOf(
    fragmentCaches,
    ctx,
    () =>
      new BoundedMap(
        ctx.config.int('MERIDIAN_STORY_CACHE_MB') * 1024 * 1024,
        (f) =>
          f.picks.items.byteLength +
          24 * f.picks.items.length +
          f.take.before.bytes.length +
          f.take.after.bytes.length +
          600,
      ),
  );
}

/** The name a fragment is kept under: the story's reading version and the outlet names. */
function fragmentVersion(readingVersion: string, outlets: Map<string, Outlet>): string {
  return `${readingVersion}|${outletStamp(outlets)}`;
}

/** A short name for the outlet names a fragment shows, so a renamed outlet is not shown stale. */
const outletStamps = new WeakMap<Map<string, Outlet>, string>();
function outletStamp(outlets: Map<string, Outlet>): string {
  let stamp = outletStamps.get(outlets);
  if (stamp === undefined) {
    const hash = createHash('sha1');
    for (const [id, o] of outlets) hash.update(`${id}\u0000${o.name}\u0000`);
    stamp = hash.digest('base64url').slice(0, 12);
    outletStamps.set(outlets, stamp);
  }
  return stamp;
}

async function renderFragment(
  ctx: ServerContext,
  kit: PageKit,
  storyId: number,
  outlets: Map<string, Outlet>,
): Promise<StoryFragment | undefined> {
  // The story, its stored takes and its latest take in one statement.
  const reading = await ctx.store.stories.forReading(storyId);
  if (!reading) return undefined;
  const { story, take } = reading;
  const sidebar = await storySidebar(ctx, reading, outlets);
  const chosen = outletPicks(sidebar.takes);
  const countries = countryIndex(ctx);
  const picks = {
    articleIds: chosen.map((t) => t.articleId),
    // The outlet index's and the country list's own strings, shared by every story that shows them.
    outlets: chosen.map((t) => outlets.get(t.outlet)?.id ?? t.outlet),
    countries: chosen.map((t) => countries.get(t.country)?.code ?? t.country),
    items: new EncodedList(
      chosen.map((t) => (
        <TakeItem
          take={{
            articleId: Number(t.articleId),
            title: t.title,
            language: t.language,
            outletName: outletView(outlets, t.outlet).name,
            differs: t.differs,
          }}
        />
      )),
    ),
  };
  // Its time ("written 5 min ago") changes by the minute: rendered per request, in the slot.
  const around = take
    ? aroundSlot(<WorldTake take={take} kit={kit} sources={sidebar.sources} time={SLOT} />)
    : { before: new EncodedHtml(<NoWorldTake />), after: NOTHING };
  return {
    version: fragmentVersion(reading.version, outlets),
    storyId: story.id,
    picks,
    take: { ...around, createdAt: take?.createdAt ?? null },
  };
}

/**
 * The aside of an article page in a story: the other outlets' articles (one per outlet), grouped
 * by country, each with a line on what it stresses that the others do not, and the story's
 * latest take. It is rendered once per story version and kept (MERIDIAN_STORY_CACHE_MB): every
 * article page of the story shows the same, less the reader's own outlet. `version` (from the
 * article's own statement) tells whether the kept one is current without reading the story;
 * without it (a merged story) the story is read each time.
 */
export async function storyAside(
  ctx: ServerContext,
  kit: PageKit,
  story: { id: number; version: string | undefined },
  article: { id: number; outletId: string },
  outlets: Map<string, Outlet>,
): Promise<readonly PagePart[]> {
  const cache = fragmentCache(ctx);
  let fragment = cache.refresh(story.id);
  if (!fragment || story.version === undefined || fragment.version !== fragmentVersion(story.version, outlets)) {
    fragment = await renderFragment(ctx, kit, story.id, outlets);
    if (!fragment) return [<NoStoryAside />];
    if (story.version !== undefined) cache.set(story.id, fragment);
  }
  // By the article's own outlet, not its place in the analysis: an article older than the
  // story's newest STORY_ARTICLE_CAP is not in it, and its readers still get the others' takes.
  const { articleIds, outlets: pickOutlets, countries, items } = fragment.picks;
  const picks = articleIds.map((articleId, i) => ({
    articleId,
    outlet: pickOutlets[i] as string,
    country: countries[i] as string,
    item: i,
  }));
  const groups = takesForReader(picks, { id: article.id, outlet: article.outletId }).map((g) => ({
    country: g.country,
    takes: g.takes.map((t) => items.at(t.item)),
  }));
  const { before, createdAt, after } = fragment.take;
  return [
    ...alternativeTakesParts(kit, fragment.storyId, groups),
    before,
    createdAt === null ? EMPTY : <Time iso={createdAt} />,
    after,
  ];
}

const EMPTY = new Html('');
const NOTHING = new EncodedHtml(EMPTY);

export function sourcesOf(views: Map<number, ArticleSummaryView>): Map<string, { outlet: string; country: string }> {
  return new Map([...views.values()].map((v) => [String(v.id), { outlet: v.outlet.name, country: v.country }]));
}

/** Stories taken between two yields to the event loop while warming up. */
const PREWARM_CHUNK = 20;
/** Share of MERIDIAN_STORY_CACHE_MB the warm-up may fill, leaving room for what readers bring in. */
const PREWARM_SHARE = 0.8;

/**
 * Renders the asides of the most recently active stories into the cache, the way a server that
 * has been up a while has them: after a restart the first reader of each story would otherwise
 * wait for its story to be read and rendered. Newest first, in chunks that yield to requests,
 * until the cache holds PREWARM_SHARE of its room; `signal` stops it (shutdown).
 */
export async function prewarmStoryAsides(
  ctx: ServerContext,
  options: { signal?: AbortSignal; maxStories?: number } = {},
): Promise<{ stories: number; ms: number }> {
  const started = performance.now();
  const cache = fragmentCache(ctx);
  const kit = pageKit(ctx);
  const outlets = await outletIndex(ctx);
  // As many stories as could fit, at the 6 KB a story of eight outlets takes: the list is read in
  // one statement before the first is rendered.
  const fits = Math.ceil((cache.max * PREWARM_SHARE) / 6_000);
  const stories = await ctx.store.stories.list({ limit: Math.min(fits, options.maxStories ?? fits) });
  let rendered = 0;
  for (const [i, story] of stories.entries()) {
    if (options.signal?.aborted || cache.weight >= cache.max * PREWARM_SHARE) break;
    if (!cache.has(story.id)) {
      const fragment = await renderFragment(ctx, kit, story.id, outlets);
      // Cached under its own id only: a merged story's pages read the survivor anyway.
      if (fragment && fragment.storyId === story.id) cache.set(story.id, fragment);
      rendered++;
    }
    if (i % PREWARM_CHUNK === PREWARM_CHUNK - 1) await new Promise((resolve) => setImmediate(resolve));
  }
  return { stories: rendered, ms: performance.now() - started };
}
