import { Hono } from 'hono';
import { promoteForReader } from '../../jobs/priority-store.ts';
import { countFeedHealth, feedHealth, pipelineStatus } from '../../jobs/status.ts';
import { languageWarnings } from '../../language/support.ts';
import { articleView, summaries } from '../../reader/views.ts';
import { searchText } from '../../store/repositories/search.ts';
import { budgetLimits } from '../../translate/budget.ts';
import { countryParam } from '../api/catalog.ts';
import { pageKit, type ServerContext } from '../context.ts';
import { BadRequestError, NotFoundHttpError } from '../errors.ts';
import { articlePage } from '../pages/article.tsx';
import { CountryPage } from '../pages/country.tsx';
import { HomePage, type PipelineSummary, type TopStory } from '../pages/home.tsx';
import { SearchPage } from '../pages/search.tsx';
import { SourcesPage } from '../pages/sources.tsx';
import { StatusPage } from '../pages/status.tsx';
import { NoStoryAside } from '../pages/story-aside.tsx';
import { renderPage } from '../render.tsx';
import { searchArticles } from '../search.ts';
import { foundNowhereElse } from './stories.tsx';

const PAGE_SIZE = 30;

export function parseId(raw: string): number {
  if (!/^\d{1,10}$/.test(raw)) throw new NotFoundHttpError('No such article');
  return Number(raw);
}

/** `before` cursor of keyset pagination: `<published ISO>_<id>`. */
export function parseCursor(raw: string | undefined): { published: string; id: number } | undefined {
  if (!raw) return undefined;
  const m = /^(\d{4}-\d\d-\d\dT[\d:.]+Z)_(\d{1,10})$/.exec(raw);
  if (!m) throw new BadRequestError('Invalid page cursor');
  return { published: m[1] as string, id: Number(m[2]) };
}

async function pipelineSummary(ctx: ServerContext): Promise<PipelineSummary> {
  const feeds = await ctx.store.feeds.list();
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
    articles: await ctx.store.articles.count(),
  };
}

export function pageRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const kit = pageKit(ctx);

  app.get('/', async (c) => {
    const [counts, outlets, latest] = await Promise.all([
      ctx.reader.countryCounts(),
      ctx.reader.outlets(),
      ctx.store.articles.list({ limit: 20 }),
    ]);
    const byCode = new Map(counts.map((r) => [r.country, r]));
    const countries = ctx.countries
      .map((co) => ({
        code: co.code,
        name: co.name,
        outlets: byCode.get(co.code)?.outlets ?? 0,
        articlesLastDay: byCode.get(co.code)?.articlesLastDay ?? 0,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const views = await summaries(ctx.store, outlets, latest);
    const stories = await topStories(ctx);
    const storyParam = c.req.query('story');
    let selected = stories.find((t) => String(t.story.id) === storyParam);
    if (!selected && storyParam && /^\d{1,10}$/.test(storyParam)) {
      const story = await ctx.store.stories.get(Number(storyParam));
      if (story) selected = { story, origin: await storyOrigin(ctx, story.id) };
    }
    return renderPage(
      c,
      ctx,
      { title: 'Meridian', scripts: ['globe'] },
      <HomePage
        kit={kit}
        countries={countries}
        latest={views}
        pipeline={latest.length === 0 ? await pipelineSummary(ctx) : emptySummary}
        stories={stories}
        selected={selected}
      />,
    );
  });

  app.get('/countries/:cc', async (c) => {
    const code = countryParam(c.req.param('cc'));
    const country = code ? ctx.reader.countryByCode.get(code) : undefined;
    if (!country) throw new NotFoundHttpError('No such country');
    const outletFilter = c.req.query('outlet') || undefined;
    const before = parseCursor(c.req.query('before'));
    const [outlets, index] = await Promise.all([
      ctx.store.outlets.list({ country: country.code }),
      ctx.reader.outlets(),
    ]);
    const articles = await ctx.store.articles.list({
      country: country.code,
      limit: PAGE_SIZE + 1,
      ...(outletFilter ? { outletId: outletFilter } : {}),
      ...(before ? { before } : {}),
    });
    const page = articles.slice(0, PAGE_SIZE);
    const last = page[page.length - 1];
    const nextHref =
      articles.length > PAGE_SIZE && last?.published
        ? `/countries/${country.code.toLowerCase()}?${new URLSearchParams({ ...(outletFilter ? { outlet: outletFilter } : {}), before: `${last.published}_${last.id}` })}`
        : undefined;
    const code2 = country.code.toLowerCase();
    return renderPage(
      c,
      ctx,
      {
        title: `${country.name}: the news`,
        description: `The latest news from ${country.name}'s press, in English.`,
        feeds: [
          { title: `Meridian: ${country.name}`, href: `/feeds/countries/${code2}.atom` },
          { title: `Meridian: found nowhere else but ${country.name}`, href: `/feeds/nowhere-else/${code2}.atom` },
        ],
      },
      <CountryPage
        kit={kit}
        country={country}
        nowhereElse={await foundNowhereElse(ctx, country.code)}
        outlets={outlets}
        articles={await summaries(ctx.store, index, page)}
        {...(outletFilter ? { outletFilter } : {})}
        {...(nextHref ? { nextHref } : {})}
      />,
    );
  });

  app.get('/articles/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const found = await ctx.store.articles.getForReading(id);
    const article = found?.article;
    if (!article || article.state === 'discovered' || article.blocks.length === 0)
      throw new NotFoundHttpError('No such article');
    const outlets = await ctx.reader.outletIndex();
    const view = articleView(article, outlets.byId, found.translation, ctx.translator !== 'none');
    if (view.translationStatus === 'pending' || view.translationStatus === 'body-pending')
      await promoteForReader(ctx.store, article.id);
    const aside =
      found.storyId === undefined
        ? [<NoStoryAside />]
        : await ctx.storyAsides.aside({ id: found.storyId, version: found.storyVersion }, article, outlets);
    return renderPage(
      c,
      ctx,
      {
        title: view.title,
        description: view.standfirst ?? view.blocks[0]?.text.slice(0, 200) ?? '',
        scripts: ['article'],
      },
      articlePage({ kit, a: view, aside, showOriginal: c.req.query('original') === '1' }),
    );
  });

  app.get('/search', async (c) => {
    const q = searchText(c.req.query('q') ?? '');
    const country = countryParam(c.req.query('country'));
    const from = dateParam(c.req.query('from'));
    const to = dateParam(c.req.query('to'));
    const page = Math.max(1, Math.min(100, Number(c.req.query('page') ?? 1) || 1));
    const { articles: results, total } = q
      ? await searchArticles(ctx, {
          q,
          limit: PAGE_SIZE,
          offset: (page - 1) * PAGE_SIZE,
          ...(country ? { country } : {}),
          ...(from ? { from } : {}),
          ...(to ? { to } : {}),
        })
      : { articles: [], total: 0 };
    const countries = [...ctx.countries].sort((a, b) => a.name.localeCompare(b.name));
    return renderPage(
      c,
      ctx,
      { title: q ? `Search: ${q}` : 'Search' },
      <SearchPage
        kit={kit}
        params={{ q, page, ...(country ? { country } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) }}
        results={results}
        total={total}
        countries={countries}
        pageSize={PAGE_SIZE}
      />,
    );
  });

  app.get('/sources', async (c) => {
    const [outlets, feeds] = await Promise.all([ctx.store.outlets.list(), ctx.store.feeds.list()]);
    return renderPage(
      c,
      ctx,
      { title: 'Sources' },
      <SourcesPage
        kit={kit}
        countries={ctx.reader.countryByCode}
        outlets={outlets}
        feeds={feeds}
        catalog={ctx.outlets}
        languageWarnings={languageWarnings(ctx.outlets, ctx.translatorSupport)}
      />,
    );
  });

  app.get('/status', async (c) => {
    const status = await pipelineStatus(ctx.store, ctx.translator, new Date(), budgetLimits(ctx.config));
    return renderPage(c, ctx, { title: 'Status' }, <StatusPage kit={kit} status={status} />);
  });

  return app;
}

/** The stories most countries are covering now (the last two days). */
async function topStories(ctx: ServerContext, limit = 5): Promise<TopStory[]> {
  const since = new Date(Date.now() - 2 * 86_400_000).toISOString();
  const stories = (await ctx.store.stories.list({ limit: 200, minCountries: 2, since }))
    .sort((a, b) => b.countries.length - a.countries.length || b.articleCount - a.articleCount)
    .slice(0, limit);
  return Promise.all(stories.map(async (story) => ({ story, origin: await storyOrigin(ctx, story.id) })));
}

/** The country of a story's earliest article. */
async function storyOrigin(ctx: ServerContext, storyId: number): Promise<string> {
  const ids = await ctx.store.stories.articleIds(storyId);
  const first = (await ctx.store.articles.getMany(ids.slice(0, 50))).sort((a, b) =>
    (a.published ?? '').localeCompare(b.published ?? ''),
  )[0];
  return first?.country ?? '';
}

const emptySummary: PipelineSummary = {
  feeds: 0,
  feedsOk: 0,
  feedsFailing: 0,
  feedsDisabled: 0,
  nextPollAt: null,
  lastError: null,
  articles: 1,
};

export function dateParam(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^\d{4}-\d\d-\d\d$/.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new BadRequestError('Dates must be YYYY-MM-DD');
  return raw;
}
