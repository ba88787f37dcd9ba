import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { parseFeed } from '../../src/feeds/parse.ts';
import type { Story } from '../../src/model/story.ts';
import { isFoundNowhereElse } from '../../src/stories/nowhere-else.ts';
import { hoursAgo, OUTLETS, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

const story = (countries: string[], outlets: string[], firstHoursAgo: number): Omit<Story, 'id'> => ({
  title: `${countries.join('+')} story of ${outlets.join('+')} from ${firstHoursAgo} h ago`,
  firstSeen: hoursAgo(firstHoursAgo),
  lastSeen: hoursAgo(Math.max(0, firstHoursAgo - 1)),
  countries,
  outlets,
  languages: ['de'],
  articleCount: outlets.length,
});

test('found nowhere else: one country, two of its outlets, or one outlet and a day alone', () => {
  const now = Date.now();
  const s = (x: Omit<Story, 'id'>): Story => ({ ...x, id: 1 });
  assert.ok(isFoundNowhereElse(s(story(['DE'], ['dw', 'faz'], 2)), now), 'two outlets of one country');
  assert.ok(isFoundNowhereElse(s(story(['DE'], ['dw'], 30)), now), 'one outlet, more than a day alone');
  assert.ok(!isFoundNowhereElse(s(story(['DE'], ['dw'], 3)), now), 'one outlet this morning: too early to say');
  assert.ok(!isFoundNowhereElse(s(story(['DE', 'FR'], ['dw', 'lemonde'], 30)), now), 'two countries');
});

describe('a story only one country covers leads its country page and feed', () => {
  let h: StoreHandle;
  let app: Hono;
  const ids: Record<string, number> = {};
  before(async () => {
    h = await openSqlite();
    await seed(
      h.store,
      [
        {
          outletId: 'dw',
          country: 'DE',
          language: 'de',
          title: 'Nachricht',
          blocks: [{ kind: 'p', text: 'Text.' }],
          published: hoursAgo(1),
        },
      ],
      OUTLETS,
    );
    ids.twoOutlets = await h.store.stories.create(story(['DE'], ['dw', 'faz'], 5));
    ids.dayAlone = await h.store.stories.create(story(['DE'], ['dw'], 30));
    ids.tooEarly = await h.store.stories.create(story(['DE'], ['dw'], 2));
    ids.shared = await h.store.stories.create(story(['DE', 'US'], ['dw', 'npr'], 4));
    ids.elsewhere = await h.store.stories.create(story(['US'], ['npr', 'nyt'], 4));
    ({ app } = await testApp(h.store));
  });
  after(async () => h?.cleanup());

  test('the country page leads with the stories only its press covers', async () => {
    const html = await (await app.request('/countries/de')).text();
    const section = html.indexOf('id="nowhere-else-title"');
    assert.ok(section > 0, 'a "Found nowhere else" section');
    assert.ok(section < html.indexOf('id="news-title"'), 'before the latest news');
    const list = html.slice(section, html.indexOf('</section>', section));
    assert.match(list, new RegExp(`href="/stories/${ids.twoOutlets}"`));
    assert.match(list, new RegExp(`href="/stories/${ids.dayAlone}"`));
    for (const other of [ids.tooEarly, ids.shared, ids.elsewhere])
      assert.doesNotMatch(list, new RegExp(`href="/stories/${other}"`));
    assert.match(list, /2 outlets/);
    assert.match(html, /href="\/feeds\/nowhere-else\/de\.atom"/);
  });

  test('its Atom feed carries the same stories; the globe counts them per country', async () => {
    const res = await app.request('/feeds/nowhere-else/de.atom');
    assert.equal(res.status, 200);
    const feed = parseFeed(await res.text(), 'http://localhost/');
    assert.deepEqual(
      feed.items.map((i) => i.link).sort(),
      [`http://localhost/stories/${ids.dayAlone}`, `http://localhost/stories/${ids.twoOutlets}`].sort(),
    );
    assert.equal((await app.request('/feeds/nowhere-else/zz.atom')).status, 404);
    const { countries } = (await (await app.request('/api/countries')).json()) as {
      countries: Array<{ code: string; foundNowhereElse: number }>;
    };
    assert.equal(countries.find((c) => c.code === 'DE')?.foundNowhereElse, 2);
    assert.equal(countries.find((c) => c.code === 'US')?.foundNowhereElse, 1);
    assert.equal(countries.find((c) => c.code === 'TW')?.foundNowhereElse, 0);
  });
});
