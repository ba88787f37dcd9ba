import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parseHTML } from 'linkedom';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { HOSTILE_TITLE } from '../fixtures/e2e/articles.ts';
import {
  axeViolations,
  chromiumSkip,
  DESKTOP,
  imagesLoaded,
  launchBrowser,
  PHONE,
  type Reader,
  screenshot,
  startReader,
  watchErrors,
  watchScripts,
} from './harness.ts';

/** Budgets of the issue: gzip bytes of JavaScript a page may load. */
const HOME_JS_BUDGET = 250 * 1024;
const ARTICLE_JS_BUDGET = 50 * 1024;

const skip = chromiumSkip();

describe('the reader in Chromium', { skip }, () => {
  let reader: Reader;
  let browser: Browser;
  let desktop: BrowserContext;
  let phone: BrowserContext;

  before(async () => {
    [reader, browser] = await Promise.all([startReader(), launchBrowser()]);
    desktop = await browser.newContext(DESKTOP);
    phone = await browser.newContext(PHONE);
  });
  after(async () => {
    await browser?.close();
    await reader?.close();
  });

  interface Visit {
    page: Page;
    errors: string[];
    jsBytes: () => Promise<number>;
  }

  /** A visit in a context of its own: nothing cached, no service worker, so every byte is counted. */
  async function freshVisit(path: string): Promise<Visit> {
    const context = await browser.newContext(DESKTOP);
    const v = await visit(context, path);
    v.page.on('close', () => void context.close());
    return v;
  }

  async function visit(context: BrowserContext, path: string): Promise<Visit> {
    const page = await context.newPage();
    const errors = watchErrors(page);
    const jsBytes = watchScripts(page);
    const res = await page.goto(reader.url + path, { waitUntil: 'load' });
    assert.equal(res?.status(), 200, `${path} answered ${res?.status()}`);
    return { page, errors, jsBytes };
  }

  async function globeReady(page: Page) {
    await page.waitForSelector('#globe[data-ready="true"][data-rotation]');
    return page.locator('#globe');
  }

  /** Every page: no serious accessibility violation, no console error, screenshots at two sizes. */
  async function checkPage(v: Visit, name: string) {
    await imagesLoaded(v.page);
    assert.deepEqual(await axeViolations(v.page), [], `${name}: axe violations`);
    await screenshot(v.page, `${name}-desktop`);
    assert.deepEqual(v.errors, [], `${name}: console errors`);
  }

  async function phoneShot(path: string, name: string) {
    const v = await visit(phone, path);
    if (path === '/') await globeReady(v.page);
    await imagesLoaded(v.page);
    await screenshot(v.page, `${name}-phone`);
    assert.deepEqual(await axeViolations(v.page), [], `${name} (phone): axe violations`);
    assert.deepEqual(v.errors, [], `${name} (phone): console errors`);
    await v.page.close();
  }

  test('home: the globe hovers, zooms and opens the country it faces; within the JS budget', async () => {
    const v = await freshVisit('/');
    const globe = await globeReady(v.page);
    const box = (await globe.boundingBox())!;
    const center = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // It starts facing the busiest country of the last 24 hours: Germany in the fixtures.
    await v.page.mouse.move(center.x, center.y);
    await v.page.mouse.move(center.x + 1, center.y + 1);
    const tip = v.page.locator('#globe-tip');
    await tip.waitFor({ state: 'visible' });
    assert.match((await tip.textContent()) ?? '', /^Germany: 3 articles in the last 24 h/);

    const zoomBefore = Number(await globe.getAttribute('data-zoom'));
    await v.page.mouse.wheel(0, -500);
    await v.page.waitForFunction((z) => Number(document.getElementById('globe')?.dataset.zoom) > z, zoomBefore);
    assert.ok((await v.jsBytes()) <= HOME_JS_BUDGET, `home loads ${await v.jsBytes()} B of JS`);
    await checkPage(v, 'home');

    await Promise.all([v.page.waitForURL(/\/countries\/de$/), v.page.mouse.click(center.x, center.y)]);
    assert.match(await v.page.locator('h1').innerText(), /Germany/);
    await v.page.close();
  });

  test('home: dragging the globe really rotates it (and does not open a country)', async () => {
    const v = await visit(desktop, '/');
    const globe = await globeReady(v.page);
    const box = (await globe.boundingBox())!;
    const before = await globe.getAttribute('data-rotation');
    const pixelsBefore = await globe.screenshot();
    const y = box.y + box.height / 2;
    await v.page.mouse.move(box.x + box.width * 0.3, y);
    await v.page.mouse.down();
    await v.page.mouse.move(box.x + box.width * 0.7, y + 40, { steps: 8 });
    await v.page.mouse.up();
    const afterRotation = await globe.getAttribute('data-rotation');
    assert.notEqual(afterRotation, before);
    const [lonBefore] = before!.split(',').map(Number) as [number];
    const [lonAfter] = afterRotation!.split(',').map(Number) as [number];
    assert.ok(lonAfter - lonBefore > 30, `longitude moved from ${lonBefore} to ${lonAfter}`);
    assert.ok(!(await globe.screenshot()).equals(pixelsBefore), 'the canvas was redrawn');
    assert.equal(new URL(v.page.url()).pathname, '/');
    assert.deepEqual(v.errors, []);
    await v.page.close();
  });

  test('home: keyboard users filter the country list and open a country', async () => {
    const v = await visit(desktop, '/');
    await v.page.focus('#country-filter');
    await v.page.keyboard.type('ken');
    const visible = await v.page.locator('#country-list li:visible').allInnerTexts();
    assert.equal(visible.length, 1, `visible: ${visible.join(' | ')}`);
    assert.match(visible[0]!, /Kenya/);
    await v.page.keyboard.press('Tab');
    assert.equal(await v.page.evaluate(() => document.activeElement?.getAttribute('href')), '/countries/ke');
    await Promise.all([v.page.waitForURL(/\/countries\/ke$/), v.page.keyboard.press('Enter')]);
    assert.match(await v.page.locator('h1').innerText(), /Kenya/);
    await v.page.close();
  });

  test('country page: outlets and latest articles with thumbnails Meridian stored', async () => {
    const v = await visit(desktop, '/countries/de');
    assert.match(await v.page.locator('h1').innerText(), /Germany/);
    assert.match(await v.page.locator('.outlets').innerText(), /Deutsche Welle/);
    const items = v.page.locator('.article-item');
    assert.equal(await items.count(), 3);
    assert.match(await items.first().innerText(), /Bundestag passes climate package/);
    const thumb = v.page.locator('.article-item img.thumb').first();
    assert.match((await thumb.getAttribute('src')) ?? '', /^\/media\/a\d+-thumb\.[0-9a-f]{12}\.webp$/);
    await imagesLoaded(v.page);
    assert.ok(await thumb.evaluate((img: HTMLImageElement) => img.naturalWidth > 0), 'thumbnail loaded');
    await checkPage(v, 'country');
    await v.page.close();
  });

  test('article page: every element, the bilingual toggle, within the JS budget', async () => {
    const v = await freshVisit(`/articles/${reader.ids[0]}`);
    const p = v.page;
    await imagesLoaded(p);
    const logo = p.locator('.article-head .outlet img.logo');
    assert.ok(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth > 0), 'outlet logo');
    assert.equal(await p.locator('.article-head .outlet').innerText(), 'Deutsche Welle');
    const lead = p.locator('.lead-figure img');
    assert.ok(await lead.evaluate((img: HTMLImageElement) => img.naturalWidth > 0), 'main image');
    assert.equal(await lead.getAttribute('alt'), 'Members of parliament in the Bundestag chamber');
    const caption = p.locator('.lead-figure figcaption');
    assert.equal(await caption.locator('[lang="de"]').innerText(), 'Abgeordnete im Plenarsaal des Bundestages');
    assert.match(await caption.locator('.caption-en').innerText(), /Members of parliament/);
    assert.equal(await p.locator('h1#headline').innerText(), 'Bundestag passes climate package after long debate');
    assert.equal(await p.locator('h1#headline').getAttribute('lang'), 'en');
    const original = p.locator('.original-title');
    assert.equal(await original.getAttribute('lang'), 'de');
    assert.equal(await original.innerText(), 'Bundestag beschließt Klimapaket nach langer Debatte');
    assert.match(await p.locator('.byline').first().innerText(), /Germany/);
    assert.ok(await p.locator('.byline time[datetime]').count(), 'date');
    assert.match(await p.locator('.article-body').innerText(), /the Bundestag passed the government’s climate/);
    const source = p.locator('a.source-link, .source-link a');
    assert.equal(await source.getAttribute('href'), 'https://example.org/dw/0');
    assert.equal(await p.locator('#alternative-takes h2').innerText(), 'Alternative Takes');
    assert.equal(await p.locator('#world-take-title').innerText(), 'The World’s Current Take');
    assert.match(await p.locator('#translation-bar').innerText(), /Translated from German by deepl/);

    // The toggle shows the original under each paragraph without a reload.
    const firstOriginal = p.locator('.block-original').first();
    assert.equal(await firstOriginal.isVisible(), false);
    await p.click('#toggle-original');
    assert.equal(await firstOriginal.isVisible(), true);
    assert.equal(await firstOriginal.getAttribute('lang'), 'de');
    assert.equal(await p.getAttribute('#toggle-original', 'aria-pressed'), 'true');
    assert.equal(new URL(p.url()).search, '', 'no reload');
    await p.click('#toggle-original');
    assert.equal(await firstOriginal.isVisible(), false);

    const js = await v.jsBytes();
    assert.ok(js > 0 && js <= ARTICLE_JS_BUDGET, `article loads ${js} B of JS`);
    await checkPage(v, 'article');
    await p.close();
  });

  test('article page: an untranslated, right-to-left and a pending article carry their language', async () => {
    const v = await visit(desktop, `/articles/${reader.ids[5]}`);
    assert.equal(await v.page.locator('h1#headline').getAttribute('lang'), 'ja');
    assert.match(await v.page.locator('#translation-bar').innerText(), /Translation on its way/);
    await checkPage(v, 'article-untranslated');
    await v.page.close();
    const rtl = await visit(desktop, `/articles/${reader.ids[7]}`);
    assert.equal(await rtl.page.locator('.original-title').getAttribute('dir'), 'rtl');
    await rtl.page.close();
  });

  test('search from the header finds an article and opens it', async () => {
    const v = await visit(desktop, '/');
    await v.page.fill('#q', 'Nairobi commuter');
    await Promise.all([v.page.waitForURL(/\/search\?q=Nairobi/), v.page.press('#q', 'Enter')]);
    assert.match(await v.page.locator('#results-title').innerText(), /^1 result/);
    await checkPage(v, 'search');
    await Promise.all([
      v.page.waitForURL(/\/articles\/\d+$/),
      v.page.click('.article-item a:has-text("Nairobi commuter rail")'),
    ]);
    assert.equal(await v.page.locator('h1#headline').innerText(), 'Nairobi commuter rail line opens after delays');
    await v.page.close();
  });

  test('the Atom link of a country page gives a valid Atom feed of its articles', async () => {
    const v = await visit(desktop, '/countries/de');
    const href = await v.page.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
    assert.equal(href, '/feeds/countries/de.atom');
    const res = await v.page.request.get(new URL(href!, v.page.url()).href);
    assert.equal(res.status(), 200);
    assert.match(res.headers()['content-type'] ?? '', /^application\/atom\+xml/);
    const { document } = parseHTML(await res.text(), 'text/xml' as never);
    const feed = document.documentElement;
    assert.equal(feed.tagName.toLowerCase(), 'feed');
    assert.equal(feed.getAttribute('xmlns'), 'http://www.w3.org/2005/Atom');
    for (const el of ['id', 'title', 'updated']) assert.ok(feed.querySelector(`:scope > ${el}`), `feed <${el}>`);
    const entries = [...feed.querySelectorAll('entry')];
    assert.equal(entries.length, 3);
    for (const e of entries) {
      assert.ok(e.querySelector('id')?.textContent, 'entry id');
      assert.ok(e.querySelector('title')?.textContent, 'entry title');
      assert.ok(!Number.isNaN(Date.parse(e.querySelector('updated')?.textContent ?? '')), 'entry updated');
    }
    // Following an entry's link leads back to the article page.
    const link = entries[0]!.querySelector('link[rel="alternate"]')?.getAttribute('href') ?? '';
    await Promise.all([v.page.waitForURL(/\/articles\/\d+$/), v.page.goto(link)]);
    assert.equal(await v.page.locator('h1#headline').innerText(), 'Bundestag passes climate package after long debate');
    await v.page.close();
  });

  test('a hostile article renders inert: no script runs, no dialog, no handler, no style', async () => {
    const v = await visit(desktop, `/articles/${reader.ids[9]}`);
    const p = v.page;
    const dialogs: string[] = [];
    p.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    assert.equal(await p.locator('h1#headline').innerText(), HOSTILE_TITLE, 'markup in text is shown as text');
    // Try to trigger anything that would have survived: hover and click the table's cells and links.
    for (const sel of ['.article-body th', '.article-body td a']) {
      for (const el of await p.locator(sel).all()) {
        await el.hover();
        await el.click({ modifiers: ['Alt'], noWaitAfter: true }).catch(() => undefined);
      }
    }
    await p.waitForTimeout(100);
    assert.equal(await p.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.deepEqual(dialogs, []);
    const dom = await p.evaluate(() => {
      const body = document.querySelector('.article-body') as HTMLElement;
      const handlers = [...body.querySelectorAll('*')].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === 'style').map((a) => a.name),
      );
      return {
        scripts: [...document.scripts].map((s) => s.getAttribute('src') ?? 'inline'),
        handlers,
        javascriptLinks: [...document.querySelectorAll('[href^="javascript:" i], [src^="javascript:" i]')].length,
        styles: body.querySelectorAll('style, link, iframe, form, svg, img').length,
        bodyShown: getComputedStyle(document.body).display !== 'none',
        tablePosition: getComputedStyle(body.querySelector('table') as HTMLElement).position,
      };
    });
    for (const s of dom.scripts) assert.match(s, /^\/assets\//, 'only our own scripts');
    assert.deepEqual(dom.handlers, []);
    assert.equal(dom.javascriptLinks, 0);
    assert.equal(dom.styles, 0);
    assert.equal(dom.bodyShown, true);
    assert.equal(dom.tablePosition, 'static');
    assert.equal(new URL(p.url()).hostname, '127.0.0.1', 'no navigation away');
    assert.deepEqual(v.errors, []);
    await screenshot(p, 'article-hostile-desktop');
    await p.close();
  });

  test('a story draws its map on the story page and its arcs on the globe, cleanly', async () => {
    const story = await freshVisit(`/stories/${reader.storyId}`);
    await story.page.waitForSelector('#story-map[data-ready="true"]');
    assert.equal(await story.page.locator('#story-map').getAttribute('data-countries'), 'DE,TW,FR,JP');
    await checkPage(story, 'story');
    await story.page.close();

    const home = await freshVisit(`/?story=${reader.storyId}`);
    const globe = await globeReady(home.page);
    assert.equal(await globe.getAttribute('data-arcs'), 'DE,TW,FR,JP');
    assert.deepEqual(home.errors, [], 'home with a story: console errors');
    await home.page.close();
  });

  test('sources and status pages are clean', async () => {
    for (const [path, name] of [
      ['/sources', 'sources'],
      ['/status', 'status'],
    ] as const) {
      const v = await visit(desktop, path);
      assert.match(await v.page.locator('h1').innerText(), name === 'sources' ? /Sources/ : /Status/);
      await checkPage(v, name);
      await v.page.close();
    }
  });

  test('phone: the globe fills the width and spins by touch', async () => {
    const v = await visit(phone, '/');
    const globe = await globeReady(v.page);
    const box = (await globe.boundingBox())!;
    assert.ok(box.width >= 390 * 0.9, `globe is ${box.width}px wide on a 390px screen`);
    const before = await globe.getAttribute('data-rotation');
    // A real touch drag through the DevTools protocol: Chromium turns it into touch pointer events.
    const cdp = await phone.newCDPSession(v.page);
    const y = box.y + box.height / 2;
    const point = (x: number) => [{ x, y, id: 1 }];
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: point(box.x + 80) });
    for (let x = 100; x <= 300; x += 25) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: point(box.x + x) });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    const afterRotation = await globe.getAttribute('data-rotation');
    assert.notEqual(afterRotation, before, 'the globe turned under the finger');
    assert.equal(new URL(v.page.url()).pathname, '/', 'a drag is not a tap');
    assert.deepEqual(v.errors, []);
    await v.page.close();
  });

  test('phone: every page screenshotted and clean', async () => {
    await phoneShot('/', 'home');
    await phoneShot('/countries/de', 'country');
    await phoneShot(`/articles/${reader.ids[0]}`, 'article');
    await phoneShot('/search?q=Nairobi', 'search');
    await phoneShot('/sources', 'sources');
    await phoneShot('/status', 'status');
  });
});
