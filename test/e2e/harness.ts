import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { loadCountries } from '../../src/catalog/data.ts';
import { Config } from '../../src/config/config.ts';
import { imageHandler, logoHandler } from '../../src/jobs/handlers/image.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { createApp } from '../../src/server/app.tsx';
import { buildAssets } from '../../src/server/assets.ts';
import { readSide, type ServerContext } from '../../src/server/context.ts';
import { listen } from '../../src/server/http.ts';
import { ImageSigner } from '../../src/server/image-url.ts';
import type { Store } from '../../src/store/store.ts';
import { e2eArticles, e2eOutlets, LOGO_COLORS } from '../fixtures/e2e/articles.ts';
import { logoPng, photoPng } from '../fixtures/e2e/images.ts';
import { type SeededArticle, seed } from '../helpers/seed.ts';
import { openSqlite } from '../helpers/stores.ts';

/**
 * What every end-to-end test file shares: a real HTTP server over a seeded SQLite store, a local
 * image server for the image proxy, Debian's chromium driven by playwright-core, and helpers for
 * console errors, axe-core, JavaScript budgets and screenshots.
 */

export const CHROMIUM = process.env.MERIDIAN_CHROMIUM ?? '/usr/bin/chromium';

/** Why the browser tests are skipped, or false when they run. Missing chromium fails on CI. */
export function chromiumSkip(): string | false {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.MERIDIAN_REQUIRE_CHROMIUM === '1') {
    throw new Error(`MERIDIAN_REQUIRE_CHROMIUM=1 but ${CHROMIUM} does not exist (apt-get install chromium)`);
  }
  const why = `${CHROMIUM} not found: end-to-end browser tests skipped (apt-get install chromium)`;
  console.warn(`\n  ⚠ ${why}\n`);
  return why;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
};

export interface Reader {
  url: string;
  /** Article ids in fixture order (empty for an empty store). */
  ids: number[];
  /** A story made of one article from each of four countries (none on an empty store). */
  storyId?: number;
  /** How many times the image server answered. */
  imageRequests(): number;
  store: Store;
  close(): Promise<void>;
}

function startImageServer(): Promise<{ server: Server; base: string; hits: () => number }> {
  let hits = 0;
  const photos = new Map<string, Buffer>();
  const server = createServer((req, res) => {
    hits++;
    const m = /^\/(photos|logos)\/([\w-]+)\.png$/.exec(req.url ?? '');
    if (!m) {
      res.writeHead(404).end();
      return;
    }
    const [, kind, name] = m as unknown as [string, string, string];
    let png = photos.get(`${kind}/${name}`);
    if (!png) {
      const color = LOGO_COLORS[name];
      png = kind === 'logos' ? (color ? logoPng(color) : undefined) : photoPng((Number(name) % 9) / 9);
      if (!png) {
        res.writeHead(404).end();
        return;
      }
      photos.set(`${kind}/${name}`, png);
    }
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length }).end(png);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, base: `http://127.0.0.1:${port}`, hits: () => hits });
    }),
  );
}

/** One story over the first article of DE, TW, FR and JP, for the story page and the globe's arcs. */
async function seedStory(store: Store, articles: SeededArticle[], ids: number[]): Promise<number> {
  const members = ['DE', 'TW', 'FR', 'JP'].map((country) => {
    const i = articles.findIndex((a) => a.country === country);
    return { country, id: ids[i] as number, published: articles[i]?.published ?? new Date().toISOString() };
  });
  const storyId = await store.stories.create({
    title: 'A story the world covers',
    firstSeen: members[0]?.published as string,
    lastSeen: new Date().toISOString(),
    countries: members.map((m) => m.country),
    outlets: [],
    languages: [],
    articleCount: members.length,
  });
  for (const m of members) await store.stories.assign(storyId, m.id, 0.9);
  return storyId;
}

/**
 * The pipeline's image step over the seeded articles and outlets, as the worker runs it: each
 * lead image and logo fetched once from the image server (or not at all, when it is down).
 */
async function storeImages(
  store: Store,
  fetcher: Fetcher,
  articles: SeededArticle[],
  ids: number[],
  outlets: Outlet[],
) {
  const stages = {
    fetchImage: async (url: string, signal?: AbortSignal) =>
      (await fetcher.fetch(url, { purpose: 'image', ...(signal ? { signal } : {}) })).body,
  };
  const images = imageHandler(store, stages);
  const logos = logoHandler(store, stages);
  // One attempt of one: what the step does after its last retry.
  const job = { id: 0, attempts: 1, maxAttempts: 1 };
  const signal = new AbortController().signal;
  for (const [i, a] of articles.entries()) {
    if (a.image)
      await images({ ...job, kind: 'image', payload: { articleId: ids[i] as number, url: a.image.url } }, signal);
  }
  for (const o of outlets)
    if (o.logo) await logos({ ...job, kind: 'logo', payload: { outletId: o.id, url: o.logo } }, signal);
}

/**
 * Starts the reader on 127.0.0.1 over a fresh store: seeded with the fixtures, or empty. With
 * `imageHosts: 'unreachable'` the image server is down when the image step runs, so no image or
 * logo is stored.
 */
export async function startReader(
  options: { empty?: boolean; imageHosts?: 'reachable' | 'unreachable' } = {},
): Promise<Reader> {
  const images = await startImageServer();
  const handle = await openSqlite();
  const outlets = e2eOutlets(images.base);
  const articles = options.empty ? [] : e2eArticles(images.base);
  const ids = await seed(handle.store, articles, outlets);
  const storyId = articles.length ? await seedStory(handle.store, articles, ids) : undefined;
  // No politeness delay: a page shows a dozen images from the one local host at once.
  const fetcher = new Fetcher({
    allowPrivateAddresses: true,
    respectRobots: false,
    hostDelayMs: 0,
    hostConcurrency: 16,
  });
  if (options.imageHosts === 'unreachable') {
    await new Promise<void>((done) => images.server.close(() => done()));
    images.server.closeAllConnections();
  }
  await storeImages(handle.store, fetcher, articles, ids, outlets);
  // Many pages load in a few seconds from one address: the API rate limit is not under test.
  const config = Config.fromEnv({ MERIDIAN_API_RATE: '1000', MERIDIAN_API_BURST: '1000' });
  const countries = loadCountries();
  const ctx: ServerContext = {
    store: handle.store,
    config,
    countries,
    ...readSide({ store: handle.store, config, countries }),
    outlets,
    startedAt: new Date(),
    origin: 'http://127.0.0.1',
    assets: await buildAssets(),
    images: new ImageSigner('e2e-secret'),
    translator: 'deepl',
    fetchImage: async (url, signal) => {
      const res = await fetcher.fetch(url, { purpose: 'image', signal });
      return { status: res.status, contentType: res.contentType ?? '', body: res.body };
    },
  };
  const server = await listen(createApp(ctx), '127.0.0.1', 0);
  ctx.origin = server.url;
  return {
    url: server.url,
    ids,
    ...(storyId === undefined ? {} : { storyId }),
    imageRequests: images.hits,
    store: handle.store,
    close: async () => {
      await server.close(1000);
      await fetcher.close();
      if (images.server.listening) await new Promise<void>((done) => images.server.close(() => done()));
      images.server.closeAllConnections();
      await handle.cleanup();
    },
  };
}

/** Console errors, uncaught exceptions and failed requests of one page, collected as text. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('requestfailed', (r) => errors.push(`requestfailed: ${r.url()} ${r.failure()?.errorText}`));
  return errors;
}

/** Gzip bytes of JavaScript the page loaded (scripts are served gzipped to browsers). */
export function watchScripts(page: Page): () => Promise<number> {
  const sizes: Array<Promise<number>> = [];
  page.on('requestfinished', (req) => {
    if (req.resourceType() === 'script') sizes.push(req.sizes().then((s) => s.responseBodySize));
  });
  return async () => (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
}

const AXE = fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url));
let axeSource: string | undefined;

/** axe-core's serious and critical violations on the current page, one line each. */
export async function axeViolations(page: Page): Promise<string[]> {
  // addScriptTag would insert an inline <script>, which the page's CSP rightly refuses (and
  // reports as a console error); evaluating through the DevTools protocol is not subject to it.
  axeSource ??= readFileSync(AXE, 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const r = await axe.run({ resultTypes: ['violations'] });
    return r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  return violations;
}
interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: Array<{ target: string[] }>;
}

const SHOTS = fileURLToPath(new URL('../../test-artifacts/screenshots/', import.meta.url));

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

/** Waits until every image on the page has loaded (or failed), so screenshots show them. */
export async function imagesLoaded(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const imgs = Array.from(document.images);
    for (const img of imgs) img.loading = 'eager';
    await Promise.all(imgs.map((img) => (img.complete ? undefined : img.decode().catch(() => undefined))));
  });
}
