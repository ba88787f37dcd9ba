import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import {
  chromiumSkip,
  DESKTOP,
  imagesLoaded,
  launchBrowser,
  type Reader,
  startReader,
  watchErrors,
} from './harness.ts';

const skip = chromiumSkip();

/** What a reader walks through: home, a country, an article of a story, and the story. */
const walk = (r: Reader) => ['/', '/countries/de', `/articles/${r.ids[0]}`, `/stories/${r.storyId}`];

interface PageImages {
  /** Images that did not load (naturalWidth 0), by src. */
  broken: string[];
  /** Figures with neither a picture nor a caption. */
  emptyFigures: number;
  /** Figures showing a picture. */
  pictures: number;
  srcs: string[];
}

async function pageImages(page: Page): Promise<PageImages> {
  await imagesLoaded(page);
  return page.evaluate(() => {
    const imgs = Array.from(document.images);
    const figures = Array.from(document.querySelectorAll('figure'));
    return {
      broken: imgs.filter((i) => i.naturalWidth === 0).map((i) => i.currentSrc || i.src),
      emptyFigures: figures.filter(
        (f) => !f.querySelector('img') && !f.querySelector('figcaption')?.textContent?.trim(),
      ).length,
      pictures: figures.filter((f) => f.querySelector('img')).length,
      srcs: imgs.map((i) => i.currentSrc || i.src),
    };
  });
}

describe('images in Chromium', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchBrowser();
  });
  after(async () => browser?.close());

  /** Visits each page in one fresh context (nothing cached) and returns its images and requests. */
  async function visitAll(reader: Reader) {
    const context = await browser.newContext(DESKTOP);
    const visits = [];
    for (const path of walk(reader)) {
      const page = await context.newPage();
      const errors = watchErrors(page);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      const res = await page.goto(reader.url + path, { waitUntil: 'load' });
      assert.equal(res?.status(), 200, path);
      visits.push({ path, errors, requests, images: await pageImages(page), page });
    }
    return { visits, close: () => context.close() };
  }

  test('every image host unreachable: no console error, no broken image, no empty figure', async () => {
    const reader = await startReader({ imageHosts: 'unreachable' });
    try {
      const { visits, close } = await visitAll(reader);
      for (const v of visits) {
        assert.deepEqual(v.errors, [], `${v.path}: console errors`);
        assert.deepEqual(v.images.broken, [], `${v.path}: broken images`);
        assert.equal(v.images.emptyFigures, 0, `${v.path}: empty figures`);
        assert.equal(v.images.pictures, 0, `${v.path}: no picture is shown that Meridian does not have`);
        // Outlets without a stored logo show their initial.
        if (v.path.startsWith('/articles/')) {
          assert.equal(await v.page.locator('.article-head .logo.initial').innerText(), 'D');
          assert.match(
            await v.page.locator('figure.lead-figure.no-image figcaption').innerText(),
            /Members of parliament/,
            'the caption stays without its picture',
          );
        }
      }
      await close();
    } finally {
      await reader.close();
    }
  });

  test('image hosts reachable: every image shown is served by Meridian, none by the outlets', async () => {
    const reader = await startReader();
    try {
      const fetchedByStep = reader.imageRequests();
      assert.ok(fetchedByStep > 0, 'the image step fetched the originals');
      const origin = new URL(reader.url).origin;
      let shown = 0;
      const { visits, close } = await visitAll(reader);
      for (const v of visits) {
        assert.deepEqual(v.errors, [], `${v.path}: console errors`);
        assert.deepEqual(v.images.broken, [], `${v.path}: broken images`);
        for (const src of v.images.srcs) assert.equal(new URL(src).origin, origin, `${v.path}: ${src}`);
        for (const url of v.requests) assert.equal(new URL(url).origin, origin, `${v.path} requested ${url}`);
        shown += v.images.srcs.filter((s) => /\/media\//.test(s)).length;
        if (v.path.startsWith('/articles/')) assert.equal(v.images.pictures, 1, 'the lead figure shows its picture');
      }
      await close();
      assert.ok(shown > 5, `stored copies shown: ${shown}`);
      assert.equal(reader.imageRequests(), fetchedByStep, 'pages made the image hosts answer nothing more');
    } finally {
      await reader.close();
    }
  });

  test('an image that still fails in the browser collapses its figure and keeps the caption', async () => {
    const reader = await startReader();
    try {
      const id = reader.ids[0] as number;
      // A copy damaged in the store: the browser gets bytes it cannot decode.
      await reader.store.db
        .updateTable('images')
        .set({ bytes: Buffer.from('not a picture at all') })
        .where('key', '=', `article:${id}:lead`)
        .execute();
      const context = await browser.newContext(DESKTOP);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${reader.url}/articles/${id}`, { waitUntil: 'load' });
      await page.waitForSelector('figure.lead-figure.no-image');
      const images = await pageImages(page);
      assert.deepEqual(images.broken, []);
      assert.equal(await page.locator('.lead-figure img').count(), 0, 'the picture is gone');
      assert.match(await page.locator('.lead-figure figcaption').innerText(), /Members of parliament/);
      assert.deepEqual(errors, [], 'an undecodable picture is no console error');
      await context.close();
    } finally {
      await reader.close();
    }
  });
});
