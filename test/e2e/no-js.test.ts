import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
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
} from './harness.ts';

const skip = chromiumSkip();

/** The pages are server-rendered: with JavaScript off they must still read and navigate. */
describe('the reader with JavaScript off, and on an empty store', { skip }, () => {
  let reader: Reader;
  let empty: Reader;
  let browser: Browser;
  let noJs: BrowserContext;

  before(async () => {
    [reader, empty, browser] = await Promise.all([startReader(), startReader({ empty: true }), launchBrowser()]);
    noJs = await browser.newContext({ ...DESKTOP, javaScriptEnabled: false });
  });
  after(async () => {
    await browser?.close();
    await reader?.close();
    await empty?.close();
  });

  test('home → country → article → original → search, all by links and forms', async () => {
    const page = await noJs.newPage();
    const errors = watchErrors(page);
    await page.goto(`${reader.url}/`);
    assert.match(await page.locator('h1').innerText(), /The world’s news/);
    assert.ok((await page.locator('.article-item').count()) >= 9, 'latest articles listed');
    // The globe needs JavaScript; the country list is the way in without it.
    await Promise.all([page.waitForURL(/\/countries\/tw$/), page.click('#country-list a[href="/countries/tw"]')]);
    assert.match(await page.locator('h1').innerText(), /Taiwan/);
    await Promise.all([
      page.waitForURL(/\/articles\/\d+$/),
      page.click('.article-item a:has-text("US envoy arrives in Taipei")'),
    ]);
    assert.equal(await page.locator('h1#headline').innerText(), 'US envoy arrives in Taipei for a three-day visit');
    assert.equal(await page.locator('.original-title').getAttribute('lang'), 'zh-Hant');
    assert.equal(await page.locator('.block-original').first().isVisible(), false);

    // Without JavaScript the toggle is a link to ?original=1, which shows the original blocks.
    await Promise.all([page.waitForURL(/\?original=1$/), page.click('#toggle-original')]);
    const original = page.locator('.block-original').first();
    assert.equal(await original.isVisible(), true);
    assert.equal(await original.getAttribute('lang'), 'zh-Hant');
    assert.match(await original.innerText(), /美國特使週一抵達台北/);
    assert.equal(await page.locator('#toggle-original').innerText(), 'Hide the original');
    await imagesLoaded(page);
    await screenshot(page, 'article-original-nojs-desktop');

    await page.fill('#q', 'Amazon');
    await Promise.all([page.waitForURL(/\/search\?q=Amazon/), page.press('#q', 'Enter')]);
    assert.match(await page.locator('#results-title').innerText(), /^1 result/);
    assert.match(await page.locator('.article-list').innerText(), /Amazon deforestation falls/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('every page reads without JavaScript', async () => {
    const page = await noJs.newPage();
    for (const path of [
      '/',
      '/countries/de',
      `/articles/${reader.ids[0]}`,
      '/search?q=strike',
      '/sources',
      '/status',
    ]) {
      const res = await page.goto(reader.url + path);
      assert.equal(res?.status(), 200, path);
      assert.ok((await page.locator('main h1').innerText()).length > 0, `${path} has a heading`);
      assert.ok((await page.locator('main').innerText()).length > 100, `${path} has content`);
    }
    await page.close();
  });

  test('an empty store shows what is happening instead of a blank globe', async () => {
    for (const [name, options] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const context = await browser.newContext(options);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${empty.url}/`);
      const state = page.locator('#empty-state');
      assert.equal(await state.isVisible(), true);
      assert.match(await state.innerText(), /No articles yet\. Meridian is reading 8 feeds/);
      assert.equal(await state.locator('a[href="/status"]').count(), 1);
      await page.waitForSelector('#globe[data-ready="true"]');
      assert.deepEqual(await axeViolations(page), []);
      await screenshot(page, `home-empty-${name}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });
});
