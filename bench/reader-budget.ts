/**
 * JavaScript budget of the reader's pages: gzip KB of the scripts each page loads, as a browser
 * asking for gzip receives them. Budgets (issue 4): home ≤ 250 KB, article ≤ 50 KB.
 * The end-to-end tests (test/e2e/reader.test.ts) assert the same budgets from what Chromium loaded.
 *
 *   npx tsx bench/reader-budget.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { loadCountries } from '../src/catalog/data.ts';
import { Config } from '../src/config/config.ts';
import { createApp } from '../src/server/app.tsx';
import { buildAssets } from '../src/server/assets.ts';
import { readSide } from '../src/server/context.ts';
import { ImageSigner } from '../src/server/image-url.ts';
import { Store } from '../src/store/store.ts';
import { e2eArticles, e2eOutlets } from '../test/fixtures/e2e/articles.ts';
import { seed } from '../test/helpers/seed.ts';

const BUDGET_KB: Record<string, number> = { home: 250, article: 50 };

const dir = mkdtempSync(join(tmpdir(), 'meridian-budget-'));
const store = await Store.open({ dataDir: dir });
try {
  const base = 'http://images.invalid';
  const ids = await seed(store, e2eArticles(base), e2eOutlets(base));
  const config = Config.fromEnv({});
  const countries = loadCountries();
  const app = createApp({
    store,
    config,
    countries,
    ...readSide({ store, config, countries }),
    outlets: e2eOutlets(base),
    startedAt: new Date(),
    origin: 'http://127.0.0.1:3000',
    assets: await buildAssets(),
    images: new ImageSigner('budget'),
    translator: 'none',
    fetchImage: async () => ({ status: 404, contentType: 'text/plain', body: new Uint8Array() }),
  });
  const pages: Array<[string, string]> = [
    ['home', '/'],
    ['country', '/countries/de'],
    ['article', `/articles/${ids[0]}`],
    ['search', '/search?q=strike'],
    ['sources', '/sources'],
    ['status', '/status'],
  ];
  const gzipBytes = async (path: string) => {
    const res = await app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
    if (res.status !== 200 || res.headers.get('content-encoding') !== 'gzip') throw new Error(`${path}: not gzipped`);
    return (await res.arrayBuffer()).byteLength;
  };
  let over = false;
  console.log('page      scripts                                  JS gzip KB  budget');
  for (const [name, path] of pages) {
    const html = await (await app.request(path, { headers: { Accept: 'text/html' } })).text();
    const { document } = parseHTML(html);
    const srcs = [...document.querySelectorAll('script[src], link[rel="modulepreload"]')].map(
      (el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '',
    );
    let bytes = 0;
    for (const src of srcs) bytes += await gzipBytes(src);
    const kb = bytes / 1024;
    const budget = BUDGET_KB[name];
    if (budget !== undefined && kb > budget) over = true;
    const names = srcs.map((s) => s.replace(/^\/assets\//, '').replace(/\.[0-9a-f]{10}\.js$/, '.js')).join(', ');
    console.log(
      `${name.padEnd(9)} ${names.padEnd(40)} ${kb.toFixed(1).padStart(10)}  ${budget !== undefined ? `≤ ${budget}` : ''}`,
    );
  }
  // Not JavaScript, but the home page fetches it for the globe: worth seeing beside the budget.
  const geo = await gzipBytes('/geo/countries-110m.json');
  console.log(`(home also fetches /geo/countries-110m.json: ${(geo / 1024).toFixed(1)} KB gzip, and /api/countries)`);
  if (over) {
    console.log('OVER BUDGET');
    process.exitCode = 1;
  }
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
