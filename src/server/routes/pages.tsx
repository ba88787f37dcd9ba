import { Hono } from 'hono';
import { articlePage, countryPage, homePage, searchPage, sourcesPage, statusPage } from '../../reader/pages.ts';
import { searchText } from '../../store/repositories/search.ts';
import { pageKit, type ServerContext } from '../context.ts';
import { NotFoundHttpError } from '../errors.ts';
import { articlePage as ArticlePageView } from '../pages/article.tsx';
import { CountryPage } from '../pages/country.tsx';
import { HomePage } from '../pages/home.tsx';
import { SearchPage } from '../pages/search.tsx';
import { SourcesPage } from '../pages/sources.tsx';
import { StatusPage } from '../pages/status.tsx';
import { NoStoryAside } from '../pages/story-aside.tsx';
import { countryParam, dateParam, parseCursor, parseId } from '../params.ts';
import { renderPage } from '../render.tsx';

const PAGE_SIZE = 30;

/** The HTML pages: each route parses its request, asks the reader service, and renders. */
export function pageRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const kit = pageKit(ctx);

  app.get('/', async (c) => {
    const storyParam = c.req.query('story');
    const data = await homePage(ctx.reader, {
      ...(storyParam && /^\d{1,10}$/.test(storyParam) ? { story: Number(storyParam) } : {}),
    });
    return renderPage(
      c,
      ctx,
      { title: 'Meridian', scripts: ['globe'] },
      <HomePage
        kit={kit}
        countries={data.countries}
        latest={data.latest}
        pipeline={data.pipeline}
        stories={data.stories}
        selected={data.selected}
      />,
    );
  });

  app.get('/countries/:cc', async (c) => {
    const code = countryParam(c.req.param('cc'));
    if (!code) throw new NotFoundHttpError('No such country');
    const outletFilter = c.req.query('outlet') || undefined;
    const before = parseCursor(c.req.query('before'));
    const data = await countryPage(ctx.reader, {
      code,
      ...(outletFilter ? { outlet: outletFilter } : {}),
      ...(before ? { before } : {}),
    });
    if (data === 'no-such-country') throw new NotFoundHttpError('No such country');
    if (data === 'no-such-outlet') throw new NotFoundHttpError('No such outlet in this country');
    const { country } = data;
    const code2 = country.code.toLowerCase();
    const nextHref = data.next
      ? `/countries/${code2}?${new URLSearchParams({ ...(outletFilter ? { outlet: outletFilter } : {}), before: data.next })}`
      : undefined;
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
        nowhereElse={data.nowhereElse}
        outlets={data.outlets}
        articles={data.articles}
        {...(outletFilter ? { outletFilter } : {})}
        {...(nextHref ? { nextHref } : {})}
      />,
    );
  });

  app.get('/articles/:id', async (c) => {
    const data = await articlePage(ctx.reader, parseId(c.req.param('id')), {
      translating: ctx.translator !== 'none',
    });
    if (!data) throw new NotFoundHttpError('No such article');
    const { view } = data;
    const aside = data.story
      ? await ctx.storyAsides.aside(data.story, { id: view.id, outletId: view.outlet.id }, data.outlets)
      : [<NoStoryAside />];
    return renderPage(
      c,
      ctx,
      {
        title: view.title,
        description: view.standfirst ?? view.blocks[0]?.text.slice(0, 200) ?? '',
        scripts: ['article'],
      },
      ArticlePageView({ kit, a: view, aside, showOriginal: c.req.query('original') === '1' }),
    );
  });

  app.get('/search', async (c) => {
    const q = searchText(c.req.query('q') ?? '');
    const country = countryParam(c.req.query('country'));
    const from = dateParam(c.req.query('from'));
    const to = dateParam(c.req.query('to'));
    const page = Math.max(1, Math.min(100, Number(c.req.query('page') ?? 1) || 1));
    const { articles: results, total } = q
      ? await searchPage(ctx.reader, {
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
    const data = await sourcesPage(ctx.reader, ctx.outlets, ctx.translatorSupport);
    return renderPage(
      c,
      ctx,
      { title: 'Sources' },
      <SourcesPage
        kit={kit}
        countries={ctx.reader.countryByCode}
        outlets={data.outlets}
        feeds={data.feeds}
        catalog={ctx.outlets}
        languageWarnings={data.languageWarnings}
      />,
    );
  });

  app.get('/status', async (c) => {
    const status = await statusPage(ctx.reader, ctx.translator);
    return renderPage(c, ctx, { title: 'Status' }, <StatusPage kit={kit} status={status} />);
  });

  return app;
}
