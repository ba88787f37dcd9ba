import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { leadImageCopies } from '../../src/images/copies.ts';
import { listen } from '../../src/server/http.ts';
import { SECURITY_HEADERS } from '../../src/server/security.ts';
import { hoursAgo, type SeededArticle, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

/** Parses a page and checks that nothing in it can run: scripts only from our assets, no handlers. */
function assertInert(html: string, where: string): void {
  const { document } = parseHTML(html);
  for (const script of document.querySelectorAll('script')) {
    assert.match(script.getAttribute('src') ?? '', /^\/assets\//, `${where}: inline or foreign script`);
  }
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      assert.ok(!/^on/i.test(attr.name), `${where}: ${el.tagName} has ${attr.name}`);
      assert.notEqual(attr.name, 'style', `${where}: inline style on ${el.tagName}`);
      if (attr.name === 'href' || attr.name === 'src') assert.doesNotMatch(attr.value, /^\s*javascript:/i, where);
    }
  }
}

describe('reader pages', () => {
  let h: StoreHandle;
  let app: Hono;
  let ids: number[];
  before(async () => {
    h = await openSqlite();
    ids = await seed(h.store, [
      {
        outletId: 'upmedia',
        country: 'TW',
        language: 'zh-Hant',
        title: '美國特使抵達台北',
        blocks: [
          { kind: 'p', text: '美國特使週一抵達台北，展開為期三天的訪問。' },
          { kind: 'quote', text: '「我們支持和平。」' },
        ],
        published: hoursAgo(2),
        image: { url: 'https://img.upmedia.mg/a.jpg', caption: '特使抵達機場', credit: '中央社' },
        english: {
          title: 'US envoy arrives in Taipei',
          blocks: ['The US envoy arrived in Taipei on Monday for a three-day visit.', '"We support peace."'],
          caption: 'The envoy arrives at the airport',
        },
      },
      {
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: 'Envoy <script>alert(1)</script> lands in Taiwan',
        blocks: [
          { kind: 'p', text: 'An American envoy landed in Taiwan <img src=x onerror=alert(1)>.' },
          {
            kind: 'table',
            text: 'Day Plan',
            html: '<table><tr><td onclick="alert(1)">Day</td><td><a href="javascript:alert(1)">Plan</a></td></tr></table><script>alert(2)</script>',
          },
        ],
        published: hoursAgo(1),
      },
      {
        outletId: 'dw',
        country: 'DE',
        language: 'de',
        title: 'Gesandter in Taipeh',
        blocks: [{ kind: 'p', text: 'Der Gesandte ist in Taipeh.' }],
        published: hoursAgo(3),
      },
    ]);
    // The image step's copies of the first article's lead image (the second's is not stored).
    const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#4a7' } })
      .jpeg()
      .toBuffer();
    await h.store.images.saveArticleImages(
      ids[0] as number,
      'abcdef012345',
      'https://img.upmedia.mg/a.jpg',
      await leadImageCopies(photo),
    );
    ({ app } = await testApp(h.store));
  });
  after(async () => h?.cleanup());

  const get = async (path: string) => {
    const res = await app.request(path, { headers: { accept: 'text/html' } });
    return { res, html: await res.text() };
  };

  test('home shows the latest articles from across the world and a country list for keyboards', async () => {
    const { res, html } = await get('/');
    assert.equal(res.status, 200);
    assert.match(html, /US envoy arrives in Taipei/);
    assert.match(html, /Gesandter in Taipeh/);
    assert.match(html, /<canvas[^>]+id="globe"/);
    assert.match(html, /href="\/countries\/tw"/);
    assert.match(html, /<html lang="en">/);
  });

  test('no inline script anywhere, and a strict CSP header', async () => {
    for (const path of [
      '/',
      '/countries/tw',
      `/articles/${ids[0]}`,
      `/articles/${ids[1]}`,
      '/sources',
      '/status',
      '/search?q=envoy',
    ]) {
      const { res, html } = await get(path);
      assert.equal(res.status, 200, path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'/);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assertInert(html, path);
    }
  });

  test('country page lists its outlets and articles; unknown countries are 404', async () => {
    const { html } = await get('/countries/tw');
    assert.match(html, /UpMedia/);
    assert.match(html, /US envoy arrives in Taipei/);
    assert.doesNotMatch(html, /Gesandter/);
    assert.equal((await get('/countries/zz')).res.status, 404);
    assert.equal((await get('/countries/taiwan')).res.status, 400);
  });

  test('article page: English headline, original with its lang, caption in both languages, body, link to the original', async () => {
    const { html } = await get(`/articles/${ids[0]}`);
    assert.match(html, /<h1 id="headline" lang="en"[^>]*>US envoy arrives in Taipei<\/h1>/);
    assert.match(html, /<p class="original-title" lang="zh-Hant" dir="ltr">美國特使抵達台北<\/p>/);
    assert.match(html, /特使抵達機場/);
    assert.match(html, /The envoy arrives at the airport/);
    assert.match(html, /The US envoy arrived in Taipei on Monday/);
    assert.match(html, /<div class="block-original" lang="zh-Hant"[^>]*>美國特使週一抵達台北/);
    assert.match(html, /href="https:\/\/example.org\/upmedia\/0"/);
    assert.match(html, /Translated from <strong>Traditional Chinese<\/strong> by deepl/);
    assert.match(html, /Alternative Takes/);
    assert.match(html, /No other country’s coverage of this story yet/, 'an article in no story says so');
    assert.match(html, /The World’s Current Take/);
    assert.match(
      html,
      /<figure class="lead-figure"><img src="\/media\/a\d+-lead\.abcdef012345\.webp" alt="The envoy arrives at the airport"[^>]* width="960" height="540"/,
      'the stored copy, from Meridian, at its own size',
    );
    assert.doesNotMatch(html, /img\.upmedia\.mg|\/img\?/, 'readers’ browsers never call the outlet’s image host');
  });

  test('stored image copies are served immutable from /media; other versions and names are 404', async () => {
    const lead = await app.request(`/media/a${ids[0]}-lead.abcdef012345.webp`);
    assert.equal(lead.status, 200);
    assert.equal(lead.headers.get('content-type'), 'image/webp');
    assert.match(lead.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    const meta = await sharp(Buffer.from(await lead.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['webp', 960, 540]);
    const thumb = await app.request(`/media/a${ids[0]}-thumb.abcdef012345.webp`);
    assert.deepEqual((await sharp(Buffer.from(await thumb.arrayBuffer())).metadata()).width, 192);
    for (const path of [
      `/media/a${ids[0]}-lead.000000000000.webp`,
      `/media/a${ids[1]}-lead.abcdef012345.webp`,
      '/media/a1-lead.abcdef012345.png',
      '/media/o-%E0%A4%A.abcdef012345.webp',
    ])
      assert.equal((await app.request(path)).status, 404, path);
  });

  test('an article whose image was not stored shows no figure, and lists show no thumbnail for it', async () => {
    const { html } = await get(`/articles/${ids[1]}`);
    assert.doesNotMatch(html, /<figure/);
    const home = (await get('/')).html;
    const thumbs = [...home.matchAll(/<img class="thumb" src="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(thumbs, [`/media/a${ids[0]}-thumb.abcdef012345.webp`]);
  });

  test('outlets without a stored logo show their initial, never a foreign favicon', async () => {
    const html = (await get('/countries/tw')).html;
    assert.match(html, /<span class="logo initial hue-\d" aria-hidden="true">U<\/span>/);
    assert.doesNotMatch(html, /favicon\.ico/);
    await h.store.images.saveLogo('upmedia', '0123456789ab', 'https://www.upmedia.mg/favicon.ico', {
      ...(
        await leadImageCopies(
          await sharp({ create: { width: 64, height: 64, channels: 3, background: '#a33' } })
            .png()
            .toBuffer(),
        )
      ).thumb,
    });
    const { app: fresh } = await testApp(h.store);
    const after = await (await fresh.request('/countries/tw')).text();
    assert.match(after, /<img class="logo" src="\/media\/o-upmedia\.0123456789ab\.webp" alt="" width="24" height="24"/);
    assert.equal((await fresh.request('/media/o-upmedia.0123456789ab.webp')).status, 200);
  });

  test('hostile article content renders inert', async () => {
    const { html } = await get(`/articles/${ids[1]}`);
    assert.match(html, /Envoy &lt;script&gt;alert\(1\)&lt;\/script&gt; lands in Taiwan/);
    assertInert(html, 'hostile article');
    assert.doesNotMatch(html, /javascript:/);
    assert.match(html, /<td>Day<\/td>/, 'the table itself is kept');
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/, 'markup in text stays visible text');
  });

  test('search finds Chinese substrings and English words, with a country filter', async () => {
    assert.match((await get('/search?q=%E7%89%B9%E4%BD%BF%E6%8A%B5')).html, /US envoy arrives in Taipei/);
    const english = await get('/search?q=three-day+visit');
    assert.match(english.html, /1 result/);
    const filtered = await get('/search?q=envoy&country=DE');
    assert.match(filtered.html, /0 results/);
    assert.equal((await get('/search?q=x&from=yesterday')).res.status, 400);
  });

  test('sources and status pages show feed health', async () => {
    const feed = await h.store.feeds.byUrl('https://rss.dw.com/xml/rss-de-all');
    assert.ok(feed, 'the catalog feed is registered');
    await h.store.feeds.recordPoll(feed.id, {
      ok: true,
      status: 200,
      itemCount: 20,
      recentCount: 3,
      nextIntervalS: 600,
    });
    const sources = (await get('/sources')).html;
    assert.match(sources, /Not polled yet/);
    assert.match(sources, /Items \(last day\)/);
    // DW's row: its feed chosen by rule, 20 items of which 3 from the last day.
    assert.match(
      sources,
      /https:\/\/rss\.dw\.com\/xml\/rss-de-all<small> \(chosen by rule, not verified\)<\/small><\/td><td><span class="health-ok">OK<\/span><\/td><td>20 \(3\)<\/td>/,
    );
    const status = await get('/status');
    assert.match(status.html, /3 articles stored/);
    assert.match(status.html, /deepl\/default: 1 article, 100 characters/);
  });

  test('sources page flags catalog languages the translator cannot handle', async () => {
    assert.doesNotMatch((await get('/sources')).html, /Languages that need attention/, 'none without a translator');
    const { app: flagged } = await testApp(h.store, {
      translatorSupport: { name: 'apertium', target: 'en', supports: (source) => source === 'de' },
    });
    const html = await (await flagged.request('/sources', { headers: { accept: 'text/html' } })).text();
    assert.match(html, /Languages that need attention/);
    assert.match(html, /<strong>zh-Hant<\/strong> \(upmedia\): the apertium translator cannot translate it into en/);
    assert.doesNotMatch(html, /<strong>de<\/strong>/, 'German is translated');
  });

  test('an unknown page is a 404 page for browsers and JSON for the API', async () => {
    const page = await get('/nowhere');
    assert.equal(page.res.status, 404);
    assert.match(page.html, /There is no page at this address/);
    const api = await app.request('/api/nowhere');
    assert.equal(api.status, 404);
    assert.deepEqual(await api.json(), { error: { status: 404, message: 'Not found' } });
  });
});

describe('empty store', () => {
  test('the home page says what is happening instead of a blank globe', async () => {
    const h = await openSqlite();
    try {
      await seed(h.store, []);
      const { app } = await testApp(h.store);
      const html = await (await app.request('/')).text();
      assert.match(html, /No articles yet/);
      assert.match(html, /reading 3 feeds: 0 answered, 0 failing/);
      assert.match(html, /Next poll/);
    } finally {
      await h.cleanup();
    }
  });
});

describe('page cache', () => {
  /** A German article of Deutsche Welle, published `hours` ago. */
  const dwArticle = (title: string, text: string, hours: number, url?: string): SeededArticle => ({
    outletId: 'dw',
    country: 'DE',
    language: 'de',
    title,
    blocks: [{ kind: 'p', text }],
    published: hoursAgo(hours),
    ...(url ? { url } : {}),
  });

  test('pages are served from memory for MERIDIAN_PAGE_CACHE_MS; search and status never are', async () => {
    const h = await openSqlite();
    try {
      await seed(h.store, [dwArticle('Erster Artikel', 'Eins.', 2)]);
      const { app } = await testApp(h.store, { env: { MERIDIAN_PAGE_CACHE_MS: '60000' } });
      const first = await (await app.request('/countries/de')).text();
      assert.match(first, /Erster Artikel/);
      await app.request('/countries/de');
      await seed(h.store, [dwArticle('Zweiter Artikel', 'Zwei.', 1, 'https://example.org/dw/zwei')]);
      assert.match(
        await (await app.request('/countries/de')).text(),
        /Zweiter Artikel/,
        'a page asked for twice is not kept; the third request renders it and admits it',
      );
      await seed(h.store, [dwArticle('Dritter Artikel', 'Drei.', 0.5, 'https://example.org/dw/drei')]);
      const cached = await app.request('/countries/de');
      const cachedText = await cached.text();
      assert.match(cachedText, /Zweiter Artikel/);
      assert.doesNotMatch(cachedText, /Dritter Artikel/, 'within the TTL the rendered page is reused');
      assert.match(
        cached.headers.get('content-security-policy') ?? '',
        /script-src 'self'/,
        'cached pages keep their headers',
      );
      assert.match(
        await (await app.request('/countries/de?outlet=dw')).text(),
        /Dritter Artikel/,
        'another URL is rendered afresh',
      );
      assert.match(await (await app.request('/search?q=Dritter')).text(), /1 result/);

      // Feeds are not rendered pages: the cache reads their body back from the response.
      const feed = '/feeds/countries/de.atom';
      await app.request(feed);
      await app.request(feed);
      const admitted = await app.request(feed);
      assert.match(await admitted.text(), /Dritter Artikel/, 'the admitting request still gets the whole feed');
      await seed(h.store, [dwArticle('Vierter Artikel', 'Vier.', 0.2, 'https://example.org/dw/vier')]);
      const cachedFeed = await app.request(feed);
      assert.match(cachedFeed.headers.get('content-type') ?? '', /application\/atom\+xml/);
      const cachedFeedText = await cachedFeed.text();
      assert.match(cachedFeedText, /Dritter Artikel/);
      assert.doesNotMatch(cachedFeedText, /Vierter Artikel/, 'within the TTL the feed is reused');

      // Over real HTTP (the node adapter writes cached bytes on its own path): a hit carries the
      // same bytes, type, length and security headers as the page it was made from.
      const server = await listen(app, '127.0.0.1', 0);
      try {
        const responses = [];
        for (let i = 0; i < 3; i++) responses.push(await fetch(`${server.url}/countries/fr`));
        const bodies = await Promise.all(responses.map((r) => r.text()));
        assert.equal(new Set(bodies).size, 1);
        for (const r of responses) {
          assert.equal(r.headers.get('content-type'), 'text/html; charset=UTF-8');
          assert.equal(r.headers.get('content-length'), String(Buffer.byteLength(bodies[0] as string)));
          assert.match(r.headers.get('content-security-policy') ?? '', /default-src 'self'/);
          assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
        }
        // Every kind of response carries every security header: pages (made with them in their
        // header record), a page's 404, JSON, a feed and a JSON 404 (given them afterwards).
        for (const path of ['/countries/de', '/countries/zz', '/api/articles?limit=1', feed, '/api/nothing']) {
          const r = await fetch(`${server.url}${path}`, { headers: { accept: 'text/html' } });
          await r.arrayBuffer();
          for (const [name, value] of Object.entries(SECURITY_HEADERS))
            assert.equal(r.headers.get(name), value, `${path}: ${name}`);
        }
      } finally {
        await server.close(1000);
      }
    } finally {
      await h.cleanup();
    }
  });
});
