import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { Hono } from 'hono';
import { Config } from '../../src/config/config.ts';
import { importWarc } from '../../src/jobs/import-archive.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import { ARTICLE_LIMITS } from '../../src/model/article-limits.ts';
import { listen, type RunningServer } from '../../src/server/http.ts';
import { trustedOrigin } from '../../src/server/origin.ts';
import { pageCache, pageCacheKey } from '../../src/server/page-cache.ts';
import { searchText } from '../../src/store/repositories/search.ts';
import { hugeTitlePage } from '../helpers/huge-page.ts';
import { rawGet } from '../helpers/raw-http.ts';
import { hoursAgo, OUTLETS, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { backends, openSqlite, type StoreHandle } from '../helpers/stores.ts';
import { buildWarc } from '../helpers/warc.ts';

const EVIL = {
  host: 'evil.example',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'https',
  'x-forwarded-for': '6.6.6.6',
  forwarded: 'for=6.6.6.6;host=evil.example;proto=https',
  accept: 'text/html',
};

describe('hostile requests over HTTP: Host and X-Forwarded-* headers', () => {
  let h: StoreHandle;
  let server: RunningServer;
  let ids: number[];
  before(async () => {
    h = await openSqlite();
    ids = await seed(h.store, [
      {
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: 'Envoy lands in Taiwan',
        blocks: [{ kind: 'p', text: 'An American envoy landed in Taiwan.' }],
        published: hoursAgo(1),
      },
    ]);
    // The page cache is on, as in production: a poisoned answer would be kept for honest readers.
    const { app, ctx } = await testApp(h.store, { env: { MERIDIAN_PAGE_CACHE_MS: '60000' } });
    server = await listen(app, '127.0.0.1', 0);
    ctx.origin = trustedOrigin(ctx.config, server.url); // as `meridian serve` does once it listens
  });
  after(async () => {
    await server?.close(1000);
    await h?.cleanup();
  });

  test('links come from the address the server listens on: evil Host headers never reach an honest reader', async () => {
    const paths = [
      '/feeds/world.atom',
      '/feeds/countries/us.atom',
      '/feeds/stories.atom',
      '/feeds/overlooked.atom',
      '/opensearch.xml',
      '/sources.opml',
      '/',
      `/articles/${ids[0]}`,
      '/sources',
      '/search?q=envoy',
      '/api/articles',
      `/api/articles/${ids[0]}`,
      '/openapi.json',
      '/manifest.webmanifest',
    ];
    for (const path of paths) {
      // Three hostile requests: enough for the page cache to admit the page.
      for (let i = 0; i < 3; i++) {
        const evil = await rawGet(server.url, path, EVIL);
        assert.doesNotMatch(evil.body, /evil\.example/, `${path} reflected the Host header to the attacker`);
      }
      const honest = await rawGet(server.url, path, { accept: 'text/html' });
      assert.equal(honest.status, 200, path);
      assert.doesNotMatch(honest.body, /evil\.example/, `${path}: an honest reader got the attacker's host`);
      assert.doesNotMatch(JSON.stringify(honest.headers), /evil\.example/, `${path}: in a header`);
    }
    const feed = await rawGet(server.url, '/feeds/world.atom', EVIL);
    assert.ok(feed.body.includes(`<link rel="alternate" type="text/html" href="${server.url}/articles/${ids[0]}"/>`));
    const search = await rawGet(server.url, '/opensearch.xml', EVIL);
    assert.ok(search.body.includes(`template="${server.url}/search?q={searchTerms}"`));
  });

  test('MERIDIAN_PUBLIC_URL, when set, is the origin of every link whatever the request says', async () => {
    const { app, ctx } = await testApp(h.store, { env: { MERIDIAN_PUBLIC_URL: 'https://news.example.org/meridian/' } });
    const own = await listen(app, '127.0.0.1', 0);
    ctx.origin = trustedOrigin(ctx.config, own.url);
    try {
      const feed = await rawGet(own.url, '/feeds/world.atom', EVIL);
      assert.ok(feed.body.includes(`href="https://news.example.org/meridian/articles/${ids[0]}"`));
      assert.doesNotMatch(feed.body, /evil\.example|127\.0\.0\.1/);
      const search = await rawGet(own.url, '/opensearch.xml', EVIL);
      assert.ok(search.body.includes('template="https://news.example.org/meridian/search?q={searchTerms}"'));
    } finally {
      await own.close(1000);
    }
  });
});

describe('hostile stored values: only http(s) addresses become links', () => {
  let h: StoreHandle;
  let id: number;
  before(async () => {
    h = await openSqlite();
    // Written straight to the store, as an archive imported before URLs were checked left them.
    [id] = (await seed(h.store, [
      {
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: 'Envoy lands in Taiwan',
        blocks: [{ kind: 'p', text: 'An American envoy landed in Taiwan.' }],
        published: hoursAgo(1),
        url: 'javascript:alert(document.cookie)//',
      },
    ])) as [number];
    await h.store.outlets.ensure({
      id: 'web-evil',
      name: 'Evil Web',
      homepage: 'javascript:///',
      country: 'US',
      languages: [],
      feeds: [],
      logo: 'data:image/svg+xml,<svg/>',
      kind: 'private',
      outsideCatalog: true,
    });
  });
  after(async () => h?.cleanup());

  test('the article page, /sources and the OPML carry no javascript:, data: or file: link', async () => {
    const { app, ctx } = await testApp(h.store);
    ctx.outlets = [
      ...ctx.outlets,
      {
        id: 'bad-feeds',
        name: 'Bad Feeds',
        homepage: 'file:///etc/passwd',
        country: 'US',
        languages: ['en'],
        feeds: [{ url: 'ftp://feeds.example/rss' }, { url: 'https://feeds.example/rss' }],
        logo: '',
        kind: 'private',
      },
    ];
    const article = await (await app.request(`/articles/${id}`)).text();
    assert.match(article, /An American envoy landed in Taiwan/, 'the article itself is still shown');
    assert.doesNotMatch(article, /javascript:/i);
    assert.doesNotMatch(article, /Read the original/, 'no link where there is no web address');
    const sources = await (await app.request('/sources')).text();
    assert.match(sources, /Evil Web/, 'the outlet is listed, by name');
    assert.doesNotMatch(sources, /href="(javascript|data|file):/i);
    const opml = await (await app.request('/sources.opml')).text();
    assert.match(opml, /xmlUrl="https:\/\/feeds\.example\/rss"/);
    assert.doesNotMatch(opml, /ftp:|file:/);
  });
});

describe('one huge article', () => {
  let h: StoreHandle;
  after(async () => h?.cleanup());

  test('a 1 MB <title> is stored cut at a word, and its page stays small (bench/huge-article.ts: 5 MB)', async () => {
    h = await openSqlite();
    await h.store.outlets.syncCatalog(OUTLETS);
    const stages = defaultStages(Config.fromEnv({ LOG_LEVEL: 'silent' }));
    const warc = buildWarc([{ url: 'https://www.npr.org/2026/12/07/huge', html: hugeTitlePage(1024 * 1024) }], false);
    try {
      const counts = await importWarc(h.store, stages, Readable.from([warc]), OUTLETS, {
        countryCodes: new Set(['US']),
      });
      assert.equal(counts.stored, 1, JSON.stringify(counts));
    } finally {
      await stages.fetcher.close();
    }
    const [stored] = await h.store.articles.list({ limit: 1 });
    assert.ok(stored, 'the article is kept');
    assert.ok(stored.title.length <= ARTICLE_LIMITS.title, `title of ${stored.title.length} characters`);
    assert.match(stored.title, /^Envoy lands in Taiwan for talks .*(talks|Envoy|lands|in|Taiwan|for)…$/);
    assert.ok(stored.blocks.length > 0, 'with its body');
    const { app } = await testApp(h.store);
    const page = await app.request(`/articles/${stored.id}`);
    assert.equal(page.status, 200);
    const bytes = (await page.arrayBuffer()).byteLength;
    assert.ok(bytes < 64 * 1024, `article page of ${bytes} bytes`);

    // A translation provider that answers with megabytes is cut the same way when stored.
    await h.store.translations.save({
      articleId: stored.id,
      target: 'en',
      source: 'de',
      title: 'Babble '.repeat(500_000),
      blocks: stored.blocks.map((b) => ({ kind: b.kind, text: 'More babble '.repeat(100_000) })),
      provider: 'openai',
      model: 'x',
      characters: 1,
      ms: 1,
      createdAt: new Date().toISOString(),
    });
    const translated = await h.store.translations.get(stored.id);
    assert.ok((translated?.title.length ?? 0) <= ARTICLE_LIMITS.title * 3, `${translated?.title.length}`);
    assert.equal(translated?.blocks.length, stored.blocks.length);
    assert.ok(translated?.blocks.every((b) => b.text.length <= ARTICLE_LIMITS.blockText * 3));
  });
});

describe('the page cache under hostile query strings', () => {
  let h: StoreHandle;
  before(async () => {
    h = await openSqlite();
  });
  after(async () => h?.cleanup());

  /** Rewrites a stored article's headline, so a cached copy of its page can be told from a fresh one. */
  const retitle = (id: number, title: string, blocks: Array<{ kind: 'p'; text: string }>) =>
    h.store.articles.saveExtracted(id, { title, blocks, language: 'en' }, { contentHash: `h-${title}` });

  test('arbitrary query strings share the page’s one entry; the parameters a route reads do not', async () => {
    const [id] = (await seed(h.store, [
      {
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: 'First headline',
        blocks: [{ kind: 'p', text: 'Body.' }],
        published: hoursAgo(1),
      },
    ])) as [number];
    const { app } = await testApp(h.store, { env: { MERIDIAN_PAGE_CACHE_MS: '60000' } });
    for (let i = 0; i < 40; i++) {
      const res = await app.request(`/articles/${id}?utm_source=${i}&x=${'a'.repeat(i)}&original=${i}`);
      assert.equal(res.status, 200);
    }
    await retitle(id, 'Second headline', [{ kind: 'p', text: 'Body.' }]);
    const variant = await (await app.request(`/articles/${id}?never=seen`)).text();
    assert.match(variant, /First headline/, 'an unseen query string was served the one cached page');
    const original = await (await app.request(`/articles/${id}?original=1`)).text();
    assert.match(original, /Second headline/, '?original=1 is a page of its own');
    assert.deepEqual(
      [
        pageCacheKey('/articles/7', new URLSearchParams('original=1&a=b')),
        pageCacheKey('/', new URLSearchParams('story=007&q=1')),
      ],
      ['/articles/7?original=1', '/?story=7'],
    );
    assert.equal(pageCacheKey('/search', new URLSearchParams('q=a')), undefined, 'search is never cached');
    assert.equal(pageCacheKey('/countries/de', new URLSearchParams(`outlet=${'x'.repeat(400)}`)), undefined);
  });

  test('the cache is bounded in bytes (MERIDIAN_PAGE_CACHE_MB), the oldest page out first', async () => {
    const big = (tag: string) =>
      Array.from({ length: 25 }, (_, i) => ({ kind: 'p' as const, text: `${tag} ${i} ${'word '.repeat(3_600)}` }));
    const ids = (await seed(
      h.store,
      ['One', 'Two', 'Three'].map((title, i) => ({
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: `${title} big`,
        blocks: big(title),
        published: hoursAgo(1),
        url: `https://example.org/big/${i}`,
      })),
    )) as number[];
    const { app } = await testApp(h.store, { env: { MERIDIAN_PAGE_CACHE_MS: '60000', MERIDIAN_PAGE_CACHE_MB: '1' } });
    for (const id of ids) {
      for (let i = 0; i < 3; i++) {
        const bytes = (await (await app.request(`/articles/${id}`)).arrayBuffer()).byteLength;
        assert.ok(bytes > 400_000, `a page of ${bytes} bytes`);
      }
    }
    for (const id of ids) await retitle(id, `Renamed ${id}`, big('Renamed'));
    assert.match(await (await app.request(`/articles/${ids[0]}`)).text(), /Renamed/, 'the oldest page was let go');
    assert.match(await (await app.request(`/articles/${ids[2]}`)).text(), /Three big/, 'the newest is still held');
  });

  test('a country page is kept once however a client spells its code, cursor or outlet', async () => {
    const key = (path: string, query: string) => pageCacheKey(path, new URLSearchParams(query));
    assert.equal(key('/countries/DE', ''), '/countries/de', 'country codes in lower case');
    assert.equal(key('/countries/De', ''), key('/countries/de', ''));
    const cursor = '2026-05-10T10:00:00.000Z_7';
    assert.equal(key('/countries/de', `before=${cursor}`), `/countries/de?before=${encodeURIComponent(cursor)}`);
    assert.equal(
      key('/countries/de', 'before=2026-05-10T10:00:00.000Z_0007'),
      key('/countries/de', `before=${cursor}`),
      'a cursor as parseCursor reads it',
    );
    for (const junk of ['junk', '2026-99-99T10:00:00Z_1', `${cursor}x`])
      assert.equal(key('/countries/de', `before=${junk}`), undefined, `before=${junk} is refused, not kept`);
    assert.equal(key('/countries/de', 'outlet=dw'), '/countries/de?outlet=dw');
    assert.equal(key('/countries/de', 'outlet=<script>'), undefined);

    // An outlet the country does not have is not found, so no page is made or kept for it.
    const { app } = await testApp(h.store, { env: { MERIDIAN_PAGE_CACHE_MS: '60000' } });
    for (let i = 0; i < 3; i++) assert.equal((await app.request(`/countries/us?outlet=made-up-${i}`)).status, 404);
    assert.equal((await app.request('/countries/us?outlet=dw')).status, 404, 'dw is a German outlet');
    assert.equal((await app.request('/countries/us?outlet=npr')).status, 200);
  });

  test('expired pages leave memory even when nobody asks for them again', async () => {
    // A second, not 30 ms: the three requests that admit the page must fall within one lifetime
    // even on a loaded machine, or the page is never kept and the test fails for no fault.
    const cache = pageCache({ ttlMs: 1_000, maxBytes: 1024 * 1024 });
    const app = new Hono();
    app.use('*', cache);
    app.get('/sources', (c) => c.body('x'.repeat(10_000)));
    for (let i = 0; i < 3; i++) await app.request('/sources');
    assert.deepEqual(cache.held().pages, 1);
    assert.ok(cache.held().bytes >= 10_000);
    // Wait for the cache's own sweep; no request comes in meanwhile.
    for (let waited = 0; cache.held().pages > 0 && waited < 10_000; waited += 50)
      await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(cache.held(), { pages: 0, bytes: 0 });
  });
});

for (const backend of await backends()) {
  describe(`hostile search queries (${backend.name})`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    before(async () => {
      h = await backend.open();
      await seed(h.store, [
        {
          outletId: 'npr',
          country: 'US',
          language: 'en',
          title: 'Envoy lands in Taiwan',
          blocks: [{ kind: 'p', text: 'An American envoy landed in Taiwan for talks.' }],
          published: hoursAgo(1),
        },
      ]);
    });
    after(async () => h?.cleanup());

    test('NUL, control characters, lone surrogates, operators and huge queries answer 200 or 400, never 500', async () => {
      const { app } = await testApp(h.store, { env: { MERIDIAN_API_BURST: '1000', MERIDIAN_API_RATE: '1000' } });
      const queries = [
        'a%00bcd',
        'env%00oy',
        '%00',
        'envoy%01%02%1F%7F%C2%80%C2%9F',
        '%ED%A0%80envoy', // a lone high surrogate, UTF-8 encoded: not valid UTF-8
        'envoy%ED%B0%80',
        '%E2%80%AEenvoy%E2%80%8B', // bidi override, zero-width space
        '%',
        '%ZZ',
        '%E0%A4%A',
        'envoy%22%20OR%20%22x',
        'NEAR(envoy%20taiwan)%20*%20-%20^%20:%20(%20)',
        '!!!%20%26%26%20%7C%7C%20%3C-%3E%20%3A*',
        encodeURIComponent('envoy '.repeat(3_000)),
      ];
      for (const q of queries) {
        for (const path of [`/search?q=${q}`, `/api/search?q=${q}`]) {
          const res = await app.request(path, { headers: { accept: 'text/html' } });
          assert.ok(res.status === 200 || res.status === 400, `${path.slice(0, 80)}: ${res.status}`);
          const text = await res.text();
          assert.doesNotMatch(text, /Internal error/, path.slice(0, 80));
        }
      }
      // What a reader meant is still found once the junk is gone.
      const clean = (await (await app.request('/api/search?q=%E2%80%8Benvoy%00')).json()) as { total: number };
      assert.equal(clean.total, 1, 'control and format characters around a word are dropped');
      assert.equal(searchText('a\u0000b\uD800c\u200Bd  e'), 'a b c d e');
      assert.equal([...searchText('💥'.repeat(500))].length, 200, 'cut by characters, never halving one');
    });
  });
}

describe('search page and image proxy headers', () => {
  let h: StoreHandle;
  before(async () => {
    h = await openSqlite();
  });
  after(async () => h?.cleanup());

  test('/search (HTML) is rate limited like /api/search, sharing one budget per client', async () => {
    const { app } = await testApp(h.store, { env: { MERIDIAN_API_BURST: '5', MERIDIAN_API_RATE: '0.1' } });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await app.request(`/search?q=envoy${i}`)).status);
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 429, 429, 429]);
    assert.equal((await app.request('/api/search?q=envoy')).status, 429, 'the API shares the budget');
    const limited = await app.request('/search?q=again');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });

  test('the image proxy keeps its own strict CSP; global headers do not overwrite it', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
      'base64',
    );
    const { app, ctx } = await testApp(h.store, {
      fetchImage: async () => ({ status: 200, contentType: 'image/png', body: new Uint8Array(png) }),
    });
    const res = await app.request(ctx.images.url('https://images.example/a.png'));
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    const csp = res.headers.get('content-security-policy') ?? '';
    assert.match(csp, /^default-src 'none'/);
    assert.doesNotMatch(csp, /'self'/, 'not the pages’ policy');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff', 'the other global headers are still there');
    const page = await app.request('/sources');
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/, 'pages keep theirs');
    // Only http(s) images are signed or fetched, even with a valid signature for another scheme.
    assert.equal(ctx.images.url('javascript:alert(1)'), '');
    assert.equal(ctx.images.url('https:'), '');
    const hmac = (u: string) => createHmac('sha256', 'test-secret').update(u).digest('base64url').slice(0, 22);
    assert.ok(ctx.images.url('https://images.example/a.png').endsWith(`&s=${hmac('https://images.example/a.png')}`));
    for (const foreign of ['file:///etc/passwd', 'data:image/png;base64,AAAA', 'ftp://images.example/a.png']) {
      const forged = `/img?u=${encodeURIComponent(foreign)}&s=${hmac(foreign)}`;
      assert.equal((await app.request(forged)).status, 400, foreign);
    }
  });
});

describe('hostile paths and query strings on every route', () => {
  let h: StoreHandle;
  let id: number;
  before(async () => {
    h = await openSqlite();
    [id] = (await seed(h.store, [
      {
        outletId: 'dw',
        country: 'DE',
        language: 'de',
        title: 'Gesandter in Taipeh',
        blocks: [{ kind: 'p', text: 'Der Gesandte ist in Taipeh.' }],
        published: hoursAgo(1),
      },
    ])) as [number];
  });
  after(async () => h?.cleanup());

  test('no path, parameter or value answers 500', async () => {
    const { app } = await testApp(h.store, {
      env: { MERIDIAN_API_BURST: '100000', MERIDIAN_API_RATE: '1000', MERIDIAN_PAGE_CACHE_MS: '60000' },
    });
    const routes = [
      '/',
      '/countries/de',
      `/articles/${id}`,
      '/stories/1',
      '/search',
      '/sources',
      '/status',
      '/overlooked',
      '/feeds/world.atom',
      '/feeds/countries/de.atom',
      '/feeds/stories/1.atom',
      '/api/articles',
      `/api/articles/${id}`,
      '/api/search',
      '/api/countries',
      '/api/outlets',
      '/img',
      '/opensearch.xml',
    ];
    const params = [
      'q',
      'story',
      'outlet',
      'before',
      'original',
      'version',
      'country',
      'from',
      'to',
      'page',
      'limit',
      'u',
      's',
    ];
    const values = [
      '%00',
      '%',
      '%ZZ',
      '%ED%A0%80',
      '%C0%AF',
      '-1',
      '1e309',
      'NaN',
      '0x10',
      '9'.repeat(40),
      '2026-02-31',
      '2026-13-01T00:00:00Z_1',
      '..%2F..%2Fetc%2Fpasswd',
      'javascript:alert(1)',
      encodeURIComponent('<script>alert(1)</script>'),
      encodeURIComponent('\u202Eevil'),
      'a'.repeat(5000),
    ];
    const failures: string[] = [];
    for (const route of routes) {
      for (const name of params) {
        for (const value of values) {
          for (const path of [`${route}?${name}=${value}`, `${route}?${name}=${value}&${name}=1`]) {
            const res = await app.request(path, { headers: { accept: 'text/html' } });
            if (res.status >= 500) failures.push(`${res.status} ${path.slice(0, 120)}`);
            const body = await res.text();
            if (/<script>alert/.test(body)) failures.push(`unescaped script in ${path.slice(0, 120)}`);
          }
        }
      }
    }
    for (const path of [
      '/articles/%00',
      '/articles/1%00',
      '/countries/%ED%A0%80',
      '/feeds/countries/%2e%2e.atom',
      '/stories/99999999999',
      `/articles/${'9'.repeat(500)}`,
      '/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2F..%2Fpackage.json',
      '/icons/%00.png',
    ]) {
      const res = await app.request(path, { headers: { accept: 'text/html' } });
      if (res.status >= 500) failures.push(`${res.status} ${path}`);
      assert.doesNotMatch(await res.text(), /"dependencies"|root:x:0/, path);
    }
    assert.deepEqual(failures, []);
  });
});
