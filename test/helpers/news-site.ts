import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small news site on 127.0.0.1 for pipeline tests: an RSS feed of N articles and their pages.
 * Options make pages slow or broken, to exercise retries and crashes.
 */
export interface NewsSite {
  base: string;
  feedUrl: string;
  /** A keyword search feed of the site (WordPress style): the same items, and it works when feedUrl fails. */
  searchFeedUrl: string;
  requests: string[];
  close(): Promise<void>;
}

/** A catalog entry (for an operator's catalog file) adding one outlet whose feed is `site`'s. */
export function localOutlet(site: NewsSite): Record<string, unknown> {
  return {
    id: 'local-daily',
    name: 'Local Daily',
    homepage: `${site.base}/`,
    country: 'AQ',
    languages: ['en'],
    feeds: [{ url: site.feedUrl }],
    logo: `${site.base}/favicon.ico`,
    kind: 'private',
  };
}

export interface NewsSiteOptions {
  articles: number;
  /** Delay before each article page answers. */
  pageDelayMs?: number;
  /** Article numbers whose page answers 500. */
  failing?: number[];
  /** Article numbers served as the same text as article 0 (a wire story on another URL). */
  duplicates?: number[];
  /** Article numbers served as article 0's text with another headline and one sentence more. */
  nearDuplicates?: number[];
  feedStatus?: number;
  /** How many of the feed's first items are dated one hour before the request (the others in November). */
  recent?: number;
  /**
   * Each page names a lead image (og:image) and the site serves a favicon. By article number
   * modulo 4: 0 and 3 a JPEG photo, 1 an HTML page sent as image/jpeg, 2 a 404. Image requests
   * wait for `hold` (to show that articles do not wait for their images).
   */
  images?: { photo: Buffer; favicon: Buffer; hold?: Promise<void> };
}

export function articleHtml(n: number, title: string, paragraphs: string[], lang = 'en', image?: string): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} | Test Daily</title>${image ? `<meta property="og:image" content="${image}">` : ''}
<meta property="og:title" content="${title}"><meta property="og:site_name" content="Test Daily">
<meta property="article:published_time" content="2026-11-2${n % 9}T08:00:00Z">
<link rel="canonical" href="/news/${n}"></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</article>
<aside class="related"><h3>Related</h3><a href="/news/999">Something else entirely</a></aside>
<footer>© Test Daily. Cookie settings.</footer></body></html>`;
}

const PARAGRAPHS = (n: number) => [
  `Officials from several countries met on Monday in the capital to discuss the ${n}th round of talks on water rights along the river, which has been the subject of a long dispute between the neighbouring states.`,
  `The delegation, led by the foreign minister, said that progress had been made on the question of seasonal flows, but that the matter of the new dam remained open and would be discussed again next month.`,
  `Farmers in the valley, who depend on the river for irrigation, have complained for years that the upstream reservoir leaves them with too little water during the dry season, and they had asked for guarantees.`,
  `Observers said the meeting was the most constructive in a decade. A joint statement is expected later this week, according to two people familiar with the negotiations who spoke on condition of anonymity.`,
];

export async function startNewsSite(opts: NewsSiteOptions): Promise<NewsSite> {
  const requests: string[] = [];
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push(req.url ?? '');
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/feed.xml' || req.url === '/search/river/feed/rss2/') {
      if (req.url === '/feed.xml' && opts.feedStatus && opts.feedStatus !== 200) {
        return void res.writeHead(opts.feedStatus).end();
      }
      const anHourAgo = new Date(Date.now() - 3600_000).toUTCString();
      const items = Array.from({ length: opts.articles }, (_, n) => {
        const date = n < (opts.recent ?? 0) ? anHourAgo : `Mon, 2${n % 9} Nov 2026 08:00:00 GMT`;
        return `<item><title>Talks on the river, part ${n}</title><link>${base}/news/${n}?utm_source=rss</link><guid>${base}/news/${n}</guid><pubDate>${date}</pubDate></item>`;
      }).join('');
      return void res
        .writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"' })
        .end(
          `<?xml version="1.0"?><rss version="2.0"><channel><title>Test Daily</title><link>${base}/</link>${items}</channel></rss>`,
        );
    }
    const images = opts.images;
    const img = /^\/images\/(\d+)\.jpg$/.exec(req.url ?? '');
    if (images && (img || req.url === '/favicon.ico')) {
      void (images.hold ?? Promise.resolve()).then(() => {
        if (!img) return void res.writeHead(200, { 'content-type': 'image/x-icon' }).end(images.favicon);
        const kind = Number(img[1]) % 4;
        if (kind === 1) return void res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html>Moved</html>');
        if (kind === 2) return void res.writeHead(404).end('not found');
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end(images.photo);
      });
      return;
    }
    const m = /^\/news\/(\d+)/.exec(req.url ?? '');
    if (!m) return void res.writeHead(404).end('not found');
    const n = Number(m[1]);
    const answer = () => {
      if (opts.failing?.includes(n)) return void res.writeHead(500).end('oops');
      const html = { 'content-type': 'text/html; charset=utf-8' };
      if (opts.nearDuplicates?.includes(n)) {
        const edited = [...PARAGRAPHS(0), 'A spokesman for the delegation declined to comment further on Tuesday.'];
        return void res.writeHead(200, html).end(articleHtml(n, 'River talks: a constructive meeting', edited));
      }
      const same = opts.duplicates?.includes(n) ? 0 : n;
      res
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end(
          articleHtml(
            n,
            `Talks on the river, part ${same}`,
            PARAGRAPHS(same),
            'en',
            opts.images ? `${base}/images/${n}.jpg` : undefined,
          ),
        );
    };
    if (opts.pageDelayMs) setTimeout(answer, opts.pageDelayMs);
    else answer();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    feedUrl: `${base}/feed.xml`,
    searchFeedUrl: `${base}/search/river/feed/rss2/`,
    requests,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
