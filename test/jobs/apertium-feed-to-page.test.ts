import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { assemblePipeline } from '../../src/jobs/assemble.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { testApp } from '../helpers/server.ts';
import { openSqlite } from '../helpers/stores.ts';

const hasApertium =
  ['/usr/bin/apertium', '/usr/local/bin/apertium'].some((p) => existsSync(p)) &&
  existsSync('/usr/share/apertium/apertium-eng-spa');
const skip = hasApertium
  ? false
  : 'Debian packages apertium and apertium-eng-spa are not installed: Apertium test SKIPPED';
if (skip && process.env.MERIDIAN_REQUIRE_APERTIUM === '1')
  throw new Error('Apertium is required (MERIDIAN_REQUIRE_APERTIUM=1) but not installed');
if (skip) process.stderr.write(`\n*** ${skip} ***\n\n`);

const PARAGRAPHS = [
  'El Gobierno de España aprobó el martes un plan para reducir el consumo de agua en las ciudades durante la sequía.',
  'La ministra dijo que el plan incluye ayudas para los agricultores y nuevas normas para las piscinas y los jardines públicos.',
  'Las comunidades autónomas tendrán tres meses para presentar sus propias medidas ante el ministerio.',
];

const page = `<!doctype html><html lang="es"><head><meta charset="utf-8"><title>El Gobierno aprueba un plan contra la sequía</title>
<meta property="article:published_time" content="2026-11-28T09:00:00Z"></head><body><nav><a href="/">Portada</a></nav>
<article><h1>El Gobierno aprueba un plan contra la sequía</h1>
<figure><img src="/foto.jpg" alt=""><figcaption>Un embalse casi vacío en Andalucía.</figcaption></figure>
${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`;

describe('a Spanish article from feed to English page, translated by Apertium', { skip }, () => {
  test('headline, every paragraph and the caption come out in English; the original stays', async () => {
    const server = createServer((req, res) => {
      if (req.url === '/rss') {
        res
          .writeHead(200, { 'content-type': 'application/rss+xml' })
          .end(
            `<?xml version="1.0"?><rss version="2.0"><channel><title>Diario</title><link>${base}/</link><item><title>El Gobierno aprueba un plan contra la sequía</title><link>${base}/sequia</link></item></channel></rss>`,
          );
      } else if (req.url === '/sequia') res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const h = await openSqlite();
    const fetcher = new Fetcher({ allowPrivateAddresses: true, hostDelayMs: 0, respectRobots: false });
    try {
      const outlet: Outlet = {
        id: 'diario',
        name: 'Diario',
        homepage: `${base}/`,
        country: 'ES',
        languages: ['es'],
        feeds: [{ url: `${base}/rss` }],
        logo: '',
        kind: 'private',
      };
      await h.store.outlets.syncCatalog([outlet]);
      await h.store.feeds.syncCatalog([outlet]);
      const config = Config.fromEnv({ MERIDIAN_TRANSLATOR: 'apertium', MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true' });
      const assembled = await assemblePipeline(h.store, config, { fetcher, idleMs: 20, takeDelayMs: 0 });
      await assembled.pipeline.runOnce();
      await assembled.close();
      // The translation asked for a new take of the story at once (takeDelayMs 0, as `meridian
      // import` asks), not a minute later: a later one kept runOnce waiting for it.
      const takes = await h.store.db
        .selectFrom('jobs')
        .select(['run_at', 'created_at'])
        .where('kind', '=', 'take')
        .execute();
      assert.ok(takes.length > 0, 'a take was queued');
      for (const t of takes)
        assert.ok(
          Date.parse(t.run_at) - Date.parse(t.created_at) < 5_000,
          `take due ${t.run_at}, queued ${t.created_at}`,
        );

      const [article] = await h.store.articles.list({ limit: 5 });
      assert.ok(article);
      assert.equal(article.language, 'es');
      const english = await h.store.translations.get(article.id);
      assert.equal(english?.provider, 'apertium');
      assert.equal(english?.blocks.length, article.blocks.length, 'exactly as many blocks as the original');
      assert.match(english?.title ?? '', /Government/i);
      assert.match(english?.blocks[0]?.text ?? '', /Government of Spain/i);
      assert.match(english?.imageCaption ?? '', /Andalu/);

      const { app } = await testApp(h.store, { translator: 'apertium' });
      const html = await (await app.request(`/articles/${article.id}`)).text();
      assert.match(html, /<h1 id="headline" lang="en"[^>]*>[^<]*Government/i);
      assert.match(
        html,
        /<p class="original-title" lang="es" dir="ltr">El Gobierno aprueba un plan contra la sequía<\/p>/,
      );
      assert.match(html, /Translated from <strong>Spanish<\/strong> by apertium/);
      assert.match(html, /<div class="block-original" lang="es"[^>]*>El Gobierno de España aprobó/);
      assert.match(html, /Un embalse casi vacío en Andalucía/);
    } finally {
      await fetcher.close();
      server.close();
      await h.cleanup();
    }
  });
});
