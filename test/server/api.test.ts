import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseFeed } from '../../src/feeds/parse.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { iconPng } from '../../src/server/icons.ts';
import type { openApiDocument } from '../../src/server/openapi.ts';
import { hoursAgo, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

describe('JSON API, feeds and image proxy', () => {
  let h: StoreHandle;
  let app: Hono;
  let ids: number[];
  let storyId: number;
  let images: Server;
  let imageBase: string;
  const fetcher = new Fetcher({ allowPrivateAddresses: true, respectRobots: false, hostDelayMs: 0 });

  before(async () => {
    h = await openSqlite();
    ids = await seed(h.store, [
      {
        outletId: 'upmedia',
        country: 'TW',
        language: 'zh-Hant',
        title: '特使抵達',
        blocks: [{ kind: 'p', text: '特使抵達台北。' }],
        published: hoursAgo(3),
        english: { title: 'Envoy arrives', blocks: ['The envoy arrived in Taipei.'] },
      },
      {
        outletId: 'upmedia',
        country: 'TW',
        language: 'zh-Hant',
        title: '第二篇',
        blocks: [{ kind: 'p', text: '內容。' }],
        published: hoursAgo(2),
      },
      {
        outletId: 'npr',
        country: 'US',
        language: 'en',
        title: 'Envoy & <friends>',
        blocks: [{ kind: 'p', text: 'Text.' }],
        published: hoursAgo(1),
      },
    ]);
    const when = hoursAgo(3);
    storyId = await h.store.stories.create({
      title: 'Envoy arrives',
      firstSeen: when,
      lastSeen: when,
      countries: ['TW'],
      outlets: ['upmedia'],
      languages: ['zh-Hant'],
      articleCount: 1,
    });
    await h.store.stories.assign(storyId, ids[0] as number, 1);
    images = createServer((req, res) => {
      if (req.url === '/ok.png') res.writeHead(200, { 'content-type': 'image/png' }).end(iconPng(16));
      else if (req.url === '/fake.jpg')
        res.writeHead(200, { 'content-type': 'image/jpeg' }).end('<html><script>alert(1)</script></html>');
      else if (req.url === '/icon.svg')
        res.writeHead(200, { 'content-type': 'image/svg+xml' }).end('<svg onload="alert(1)"/>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => images.listen(0, '127.0.0.1', r));
    imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
    ({ app } = await testApp(h.store, {
      env: { MERIDIAN_API_BURST: '40', MERIDIAN_API_RATE: '0.1' },
      fetchImage: async (url, signal) => {
        const res = await fetcher.fetch(url, { purpose: 'image', signal });
        return { status: res.status, contentType: res.contentType ?? '', body: res.body };
      },
    }));
  });
  after(async () => {
    await fetcher.close();
    images?.close();
    await h?.cleanup();
  });

  test('/healthz answers ok while the database answers, and 500 once it does not', async () => {
    const own = await openSqlite();
    const { app: healthApp } = await testApp(own.store);
    const ok = await healthApp.request('/healthz');
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { status: string }).status, 'ok');
    await own.cleanup();
    const down = await healthApp.request('/healthz');
    assert.equal(down.status, 500);
  });

  test('GET /api/articles?country=XX&limit=N pages through a country newest first', async () => {
    const first = (await (await app.request('/api/articles?country=TW&limit=1')).json()) as {
      articles: Array<{ id: number; title: string }>;
      next: string;
    };
    assert.equal(first.articles.length, 1);
    assert.equal(first.articles[0]?.id, ids[1]);
    const second = (await (
      await app.request(`/api/articles?country=tw&limit=1&before=${encodeURIComponent(first.next)}`)
    ).json()) as {
      articles: Array<{ id: number; title: string; translated: boolean }>;
    };
    assert.equal(second.articles[0]?.id, ids[0]);
    assert.equal(second.articles[0]?.title, 'Envoy arrives');
    assert.equal(second.articles[0]?.translated, true);
    assert.equal((await app.request('/api/articles?limit=1000')).status, 400);
    assert.equal((await app.request('/api/articles?country=Taiwan')).status, 400);
  });

  test('GET /api/articles/{id} gives English and original blocks', async () => {
    const body = (await (await app.request(`/api/articles/${ids[0]}`)).json()) as {
      article: {
        blocks: Array<{ text: string }>;
        originalBlocks: Array<{ text: string }>;
        translationStatus: string;
        storyId: null;
      };
    };
    assert.equal(body.article.blocks[0]?.text, 'The envoy arrived in Taipei.');
    assert.equal(body.article.originalBlocks[0]?.text, '特使抵達台北。');
    assert.equal(body.article.translationStatus, 'translated');
    assert.equal((await (await app.request(`/api/articles/${ids[1]}`)).json()).article.translationStatus, 'pending');
    assert.equal((await app.request('/api/articles/999999')).status, 404);
  });

  test('countries, outlets, search and status answer', async () => {
    const countries = (await (await app.request('/api/countries')).json()) as {
      countries: Array<{ code: string; articles: number; outlets: number }>;
    };
    assert.deepEqual(
      countries.countries.find((c) => c.code === 'TW'),
      { ...countries.countries.find((c) => c.code === 'TW'), outlets: 1, articles: 2 },
    );
    const outlets = (await (await app.request('/api/outlets?country=us')).json()) as {
      outlets: Array<{ id: string; feeds: string[] }>;
    };
    assert.deepEqual(
      outlets.outlets.map((o) => [o.id, o.feeds]),
      [['npr', ['https://feeds.npr.org/1004/rss.xml']]],
    );
    const search = (await (await app.request('/api/search?q=Taipei')).json()) as { total: number };
    assert.equal(search.total, 1);
    const status = (await (await app.request('/api/status')).json()) as { articles: { total: number } };
    assert.equal(status.articles.total, 3);
  });

  test('every path of the OpenAPI document answers', async () => {
    const doc = (await (await app.request('/openapi.json')).json()) as typeof openApiDocument;
    assert.equal(doc.openapi, '3.1.0');
    for (const path of Object.keys(doc.paths)) {
      const id = path.startsWith('/api/stories/') ? storyId : ids[0];
      const concrete = path.replace('{id}', String(id)) + (path === '/api/search' ? '?q=envoy' : '');
      const res = await app.request(concrete);
      assert.equal(res.status, 200, concrete);
    }
  });

  test('Atom feeds are valid, escaped and per country; OPML lists every feed', async () => {
    const world = await app.request('/feeds/world.atom');
    assert.match(world.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const text = await world.text();
    assert.match(text, /Envoy &amp; &lt;friends&gt;/);
    const parsed = parseFeed(text, 'http://localhost/');
    assert.equal(parsed.format, 'atom');
    assert.equal(parsed.items.length, 3);
    const tw = parseFeed(await (await app.request('/feeds/countries/tw.atom')).text(), 'http://localhost/');
    assert.deepEqual(
      tw.items.map((i) => i.title),
      ['第二篇', 'Envoy arrives'],
    );
    assert.equal((await app.request('/feeds/countries/zz.atom')).status, 404);
    const opml = await (await app.request('/sources.opml')).text();
    assert.match(opml, /xmlUrl="https:\/\/feeds.npr.org\/1004\/rss.xml"/);
    assert.match(opml, /<outline text="Taiwan"/);
  });

  test('the image proxy serves signed raster images only, checked by their bytes', async (t) => {
    const { ctx } = await testApp(h.store);
    const signed = (path: string) => ctx.images.url(`${imageBase}${path}`);
    const ok = await app.request(signed('/ok.png'));
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('content-type'), 'image/png');
    assert.match(ok.headers.get('cache-control') ?? '', /max-age=604800/);
    assert.equal((await app.request(signed('/fake.jpg'))).status, 415, 'HTML served as image/jpeg is refused');
    assert.equal((await app.request(signed('/icon.svg'))).status, 415, 'SVG is never proxied');
    assert.equal((await app.request(signed('/missing.png'))).status, 502);
    const unsigned = `/img?u=${encodeURIComponent(`${imageBase}/ok.png`)}&s=forged`;
    assert.equal((await app.request(unsigned)).status, 400);
    t.diagnostic('signed image URLs only: the proxy is not an open proxy');
  });

  test('the API is rate limited per client', async () => {
    const { app: limited } = await testApp(h.store, { env: { MERIDIAN_API_BURST: '3', MERIDIAN_API_RATE: '0.1' } });
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await limited.request('/api/countries')).status);
    assert.deepEqual(codes, [200, 200, 200, 429, 429]);
    const res = await limited.request('/api/countries');
    assert.ok(Number(res.headers.get('retry-after')) >= 1);
    assert.equal((await limited.request('/')).status, 200, 'pages are not limited by the API bucket');
  });

  test('manifest, icons, service worker and assets are served with the right types', async () => {
    const manifest = (await (await app.request('/manifest.webmanifest')).json()) as { icons: Array<{ src: string }> };
    for (const icon of manifest.icons) assert.equal((await app.request(icon.src)).status, 200, icon.src);
    const png = Buffer.from(await (await app.request('/icons/icon-512.png')).arrayBuffer());
    assert.equal(png.readUInt32BE(16), 512, 'PNG width');
    const sw = await app.request('/sw.js');
    assert.match(sw.headers.get('content-type') ?? '', /javascript/);
    assert.match(await sw.text(), /meridian-pages-v1/);
    const page = await (await app.request('/')).text();
    const css = /href="(\/assets\/styles\.[0-9a-f]+\.css)"/.exec(page)?.[1] ?? '';
    const res = await app.request(css, { headers: { 'accept-encoding': 'gzip' } });
    assert.equal(res.headers.get('content-encoding'), 'gzip');
    assert.match(res.headers.get('cache-control') ?? '', /immutable/);
  });
});
