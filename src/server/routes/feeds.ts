import { Hono } from 'hono';
import { isWebUrl } from '../../net/web-url.ts';
import { type ArticleSummaryView, summaries } from '../../reader/views.ts';
import { groupBy } from '../../util/group-by.ts';
import type { ServerContext } from '../context.ts';
import { NotFoundHttpError } from '../errors.ts';
import { countryParam } from '../params.ts';
import { xml } from '../xml.ts';

const FEED_SIZE = 50;

/** The base of every absolute link: the server's trusted origin, never the request's Host. */
export function publicBase(ctx: ServerContext): string {
  return ctx.origin;
}

export interface AtomEntry {
  id: string;
  title: string;
  link: string;
  updated: string;
  summary?: string;
  author?: string;
  /** Already-escaped XHTML-free text content. */
  content?: string;
}

/** An Atom 1.0 document, its id the feed's own address; every value is escaped. */
function atomFeed(opts: {
  title: string;
  self: string;
  alternate: string;
  updated: string;
  entries: AtomEntry[];
}): string {
  const entries = opts.entries
    .map(
      (e) => `  <entry>
    <id>${xml(e.id)}</id>
    <title type="text">${xml(e.title)}</title>
    <link rel="alternate" type="text/html" href="${xml(e.link)}"/>
    <updated>${xml(e.updated)}</updated>${e.author ? `\n    <author><name>${xml(e.author)}</name></author>` : ''}${
      e.summary ? `\n    <summary type="text">${xml(e.summary)}</summary>` : ''
    }${e.content ? `\n    <content type="text">${xml(e.content)}</content>` : ''}
  </entry>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(opts.self)}</id>
  <title>${xml(opts.title)}</title>
  <link rel="self" type="application/atom+xml" href="${xml(opts.self)}"/>
  <link rel="alternate" type="text/html" href="${xml(opts.alternate)}"/>
  <updated>${xml(opts.updated)}</updated>
  <generator>Meridian</generator>
${entries}
</feed>
`;
}

/** An Atom feed as a response readers may cache for five minutes. */
export function atomResponse(feed: Parameters<typeof atomFeed>[0]): Response {
  return new Response(atomFeed(feed), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}

function articleEntries(base: string, articles: ArticleSummaryView[], countryName: (c: string) => string): AtomEntry[] {
  return articles.map((a) => ({
    id: `${base}/articles/${a.id}`,
    title: a.title,
    link: `${base}/articles/${a.id}`,
    updated: a.published ?? new Date(0).toISOString(),
    author: `${a.outlet.name} (${countryName(a.country)})`,
    ...(a.translated && a.originalTitle !== a.title ? { summary: `Original headline: ${a.originalTitle}` } : {}),
  }));
}

/** Atom feeds (world, per country) and the OPML of every outlet. */
export function feedRoutes(ctx: ServerContext): Hono {
  const app = new Hono();
  const name = (code: string) => ctx.reader.countryByCode.get(code)?.name ?? code;

  app.get('/feeds/world.atom', async () => {
    const base = publicBase(ctx);
    const articles = await ctx.store.articles.list({ limit: FEED_SIZE });
    const views = await summaries(ctx.store, await ctx.reader.outlets(), articles);
    return atomResponse({
      title: 'Meridian: the world’s news',
      self: `${base}/feeds/world.atom`,
      alternate: `${base}/`,
      updated: views[0]?.published ?? new Date().toISOString(),
      entries: articleEntries(base, views, name),
    });
  });

  app.get('/feeds/countries/:file', async (c) => {
    const m = /^([a-z]{2})\.atom$/i.exec(c.req.param('file'));
    const code = m ? countryParam(m[1]) : undefined;
    const country = code ? ctx.reader.countryByCode.get(code) : undefined;
    if (!country) throw new NotFoundHttpError('No such country');
    const base = publicBase(ctx);
    const articles = await ctx.store.articles.list({ limit: FEED_SIZE, country: country.code });
    const views = await summaries(ctx.store, await ctx.reader.outlets(), articles);
    const self = `${base}/feeds/countries/${country.code.toLowerCase()}.atom`;
    return atomResponse({
      title: `Meridian: ${country.name}`,
      self,
      alternate: `${base}/countries/${country.code.toLowerCase()}`,
      updated: views[0]?.published ?? new Date().toISOString(),
      entries: articleEntries(base, views, name),
    });
  });

  app.get('/sources.opml', async () => {
    const outlets = [...ctx.outlets]
      .filter((o) => o.enabled !== false)
      .sort((a, b) => a.country.localeCompare(b.country) || a.name.localeCompare(b.name));
    const byCountry = groupBy(outlets, (o) => o.country);
    const body = [...byCountry.entries()]
      .map(
        ([code, list]) =>
          `    <outline text="${xml(name(code))}" title="${xml(name(code))}">\n${list
            .flatMap((o) =>
              // Only http(s) addresses are written, whatever a stored outlet holds.
              o.feeds
                .filter((f) => isWebUrl(f.url))
                .map(
                  (f) =>
                    `      <outline type="rss" text="${xml(o.name)}" title="${xml(o.name)}" xmlUrl="${xml(f.url)}"${isWebUrl(o.homepage) ? ` htmlUrl="${xml(o.homepage)}"` : ''} language="${xml(f.language ?? o.languages[0] ?? '')}"/>`,
                ),
            )
            .join('\n')}\n    </outline>`,
      )
      .join('\n');
    return new Response(
      `<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head><title>Meridian sources</title><dateCreated>${new Date().toUTCString()}</dateCreated></head>
  <body>
${body}
  </body>
</opml>
`,
      {
        headers: {
          'Content-Type': 'text/x-opml; charset=utf-8',
          'Content-Disposition': 'inline; filename="meridian-sources.opml"',
        },
      },
    );
  });

  return app;
}
