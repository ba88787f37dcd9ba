import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { Config } from '../../src/config/config.ts';
import { parseFeed } from '../../src/feeds/parse.ts';
import { takeHandler } from '../../src/jobs/handlers/take.ts';
import { StoryService } from '../../src/jobs/story-service.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import { storyBasis } from '../../src/model/story.ts';
import { plural } from '../../src/server/pages/world-take.tsx';
import { createSummarizer } from '../../src/takes/providers/index.ts';
import { hoursAgo, OUTLETS, type SeededArticle, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ MERIDIAN_TAKE_MIN_INTERVAL_MIN: '0', MERIDIAN_TAKE_MIN_NEW_ARTICLES: '1' });

const outlets: Outlet[] = [
  ...OUTLETS,
  {
    id: 'lemonde',
    name: 'Le Monde',
    homepage: 'https://www.lemonde.fr/',
    country: 'FR',
    languages: ['fr'],
    feeds: [{ url: 'https://www.lemonde.fr/rss/une.xml' }],
    logo: '',
    kind: 'private',
  },
];

/** One event (a dam agreement on the Mekong) told from four countries, plus one unrelated story. */
const DAM = (
  country: string,
  outletId: string,
  language: string,
  title: string,
  english: string[],
  h: number,
): SeededArticle => ({
  outletId,
  country,
  language,
  title: `${title} (${language})`,
  blocks: english.map((t) => ({ kind: 'p' as const, text: `[${language}] ${t}` })),
  published: hoursAgo(h),
  english: { title, blocks: english },
});

const articles: SeededArticle[] = [
  DAM(
    'TW',
    'upmedia',
    'zh-Hant',
    'Mekong states sign dam agreement in Vientiane',
    [
      'Laos, Thailand, Cambodia and Vietnam signed an agreement on the Mekong dams in Vientiane on Tuesday after two years of talks.',
      'The agreement sets minimum water flows during the dry season and requires 12 months of notice before any new dam is filled.',
      'Taiwanese engineering firms have bid for two of the planned hydropower projects, the ministry of economic affairs said.',
    ],
    5,
  ),
  DAM(
    'DE',
    'dw',
    'de',
    'Mekong countries agree on rules for dams',
    [
      'Laos, Thailand, Cambodia and Vietnam signed an agreement on the Mekong dams in Vientiane on Tuesday.',
      'Environmental groups in Germany criticised that the agreement sets no binding limits for fish migration along the river.',
      'The agreement requires 12 months of notice before any new dam is filled, diplomats said.',
    ],
    4,
  ),
  DAM(
    'FR',
    'lemonde',
    'fr',
    'Mekong: riparian states sign a water-sharing agreement',
    [
      'Laos, Thailand, Cambodia and Vietnam signed an agreement on the Mekong dams and on water sharing in Vientiane on Tuesday.',
      'France, which funds a monitoring programme of the Mekong River Commission, welcomed the agreement on seasonal flows.',
      'Fishermen in Cambodia fear that the dams will still reduce the catch; new dams need 12 months of notice before they are filled.',
    ],
    3,
  ),
  {
    outletId: 'npr',
    country: 'US',
    language: 'en',
    title: 'Baseball league announces new playoff format',
    blocks: [
      {
        kind: 'p',
        text: 'The league announced a new playoff format for next season, expanding the bracket to 14 teams.',
      },
    ],
    published: hoursAgo(2),
  },
];

describe('stories in the reader', () => {
  let h: StoreHandle;
  let app: Hono;
  let ids: number[];
  let storyId: number;
  before(async () => {
    h = await openSqlite();
    ids = await seed(h.store, articles, outlets);
    const stories = new StoryService(h.store, config);
    const assigned = [];
    for (const id of ids) assigned.push(await stories.assign(id));
    storyId = assigned[0]?.id as number;
    const handler = takeHandler(
      h.store,
      config,
      createSummarizer(config, 'extractive'),
      async () => new Map(outlets.map((o) => [o.id, o])),
    );
    await handler(
      { id: 1, kind: 'take', payload: { storyId }, attempts: 1, maxAttempts: 1 },
      new AbortController().signal,
    );
    ({ app } = await testApp(h.store));
  });
  after(async () => h?.cleanup());

  test('the same event from three countries is one story; the unrelated article is not in it', async () => {
    const members = await h.store.stories.articleIds(storyId);
    assert.deepEqual(members.sort(), ids.slice(0, 3).sort());
    const story = await h.store.stories.get(storyId);
    assert.deepEqual(story?.countries.sort(), ['DE', 'FR', 'TW']);
    assert.notEqual(await h.store.stories.storyOf(ids[3] as number), storyId);
  });

  test('the article page shows Alternative Takes by country with what each stresses, and the World’s Current Take', async () => {
    const html = await (await app.request(`/articles/${ids[0]}`)).text();
    const alt = html.slice(html.indexOf('id="alternative-takes"'), html.indexOf('id="world-take-title"'));
    assert.match(alt, /Germany/);
    assert.match(alt, /France/);
    assert.match(alt, /Mekong countries agree on rules for dams/);
    assert.match(alt, /Stresses: /);
    assert.doesNotMatch(alt, /Mekong states sign dam agreement in Vientiane/, 'not the article itself');
    assert.match(html, /The World’s Current Take/);
    const citations = [...html.matchAll(/<sup><a href="\/articles\/(\d+)"/g)].map((m) => Number(m[1]));
    assert.ok(citations.length > 0, 'sentences carry citations');
    for (const id of citations) assert.ok(ids.slice(0, 3).includes(id), `citation ${id} is an article of the story`);
    assert.match(html, /Written by the extractive engine/);
    // The footer counts with correct plurals: three outlets in three countries, named.
    assert.match(html, /Drawn from 3 outlets in 3 countries: /);
  });

  test('the take footer says "1 outlet" and "2 outlets", never "1 outlets"', () => {
    assert.equal(plural(1, 'outlet'), '1 outlet');
    assert.equal(plural(5, 'outlet'), '5 outlets');
    assert.equal(plural(1, 'country', 'countries'), '1 country');
    assert.equal(plural(3, 'country', 'countries'), '3 countries');
  });

  test('article pages read the Alternative Takes the take job stored, lagging ones too; only a story without any is analysed on the page', async () => {
    const story = await h.store.stories.get(storyId);
    const stored = await h.store.stories.alternativeTakes(storyId);
    assert.ok(story && stored);
    assert.equal(stored.basis, storyBasis(story), 'made from the story as it is');
    assert.deepEqual(stored.analysis.takes.map((t) => t.articleId).sort(), ids.slice(0, 3).sort());
    const alternatives = async (server = testApp(h.store)) => {
      const { app: fresh } = await server; // by default a server whose caches have not seen the story
      const html = await (await fresh.request(`/articles/${ids[0]}`)).text();
      return html.slice(html.indexOf('id="alternative-takes"'), html.indexOf('id="world-take-title"'));
    };
    // Markers only a stored row carries show which analysis the page used; the German headline
    // stands for one not yet translated.
    const marked = (marker: string, extra: object = {}) => ({
      takes: stored.analysis.takes.map((t) => (t.outlet === 'dw' ? { ...t, ...extra, stresses: [marker] } : t)),
    });
    try {
      await h.store.stories.saveAlternativeTakes(
        storyId,
        stored.basis,
        marked('stored marker', { title: 'Mekong-Staaten einigen sich', language: 'de' }),
      );
      const current = await alternatives();
      assert.match(current, /Stresses: stored marker/);
      assert.match(current, /<a href="\/articles\/\d+" lang="de" dir="ltr">Mekong-Staaten einigen sich<\/a>/);
      assert.match(current, /<a href="\/articles\/\d+">Mekong: riparian states/, 'English needs no mark');

      // The story has moved on and the take job has not run yet: the lagging analysis is shown,
      // and the one the job then stores is shown by the same server, without a restart.
      await h.store.stories.saveAlternativeTakes(storyId, 'an older version of the story', marked('lagging marker'));
      const server = testApp(h.store);
      assert.match(await alternatives(server), /Stresses: lagging marker/);
      await h.store.stories.saveAlternativeTakes(storyId, stored.basis, marked('caught-up marker'));
      assert.match(await alternatives(server), /Stresses: caught-up marker/);

      // No stored analysis at all (a story in its first minute): the page makes its own.
      await h.store.db.deleteFrom('story_takes').where('story_id', '=', storyId).execute();
      const own = await alternatives();
      assert.doesNotMatch(own, /marker/);
      assert.match(own, /Germany[\s\S]*Mekong countries agree on rules for dams[\s\S]*Stresses: /);
    } finally {
      await h.store.stories.saveAlternativeTakes(storyId, stored.basis, stored.analysis);
    }
  });

  test('the story part of article pages is rendered once per story version and shared by its readers, less each one’s own outlet', async () => {
    const { app: server, ctx } = await testApp(h.store);
    const reads: number[] = [];
    const forReading = h.store.stories.forReading;
    h.store.stories.forReading = async function (this: typeof h.store.stories, id: number) {
      reads.push(id);
      return forReading.call(this, id);
    };
    const aside = async (id: number) => {
      const html = await (await server.request(`/articles/${id}`)).text();
      return html.slice(html.indexOf('<aside'), html.indexOf('</aside>'));
    };
    try {
      const names = ['UpMedia', 'Deutsche Welle', 'Le Monde'];
      const seen = [];
      for (const [k, id] of ids.slice(0, 3).entries()) {
        const shown = await aside(id);
        seen.push(shown);
        for (const [j, name] of names.entries()) {
          const listed = new RegExp(`<div class="byline">${name}</div>`).test(shown);
          assert.equal(
            listed,
            j !== k,
            `${name} ${j === k ? 'is the reader’s own outlet' : 'is another take'} (reader ${k})`,
          );
        }
      }
      assert.deepEqual(reads, [storyId], 'the story was read for the first page only');
      assert.equal(new Set(seen.map((a) => a.slice(a.indexOf('world-take-title')))).size, 1, 'one take for all');

      // The take is rendered once, its time per request: the page says when it was written.
      const take = await h.store.worldTakes.latest(storyId);
      assert.ok(take);
      assert.ok(seen[0]?.includes(`<time datetime="${take.createdAt}"`), 'the take’s time');
      assert.ok(!seen.some((a) => a.includes('<!--')), 'no placeholder left in the page');

      // A new take version is a new version of the story part: the next page reads and shows it.
      await h.store.worldTakes.add({ ...take, sections: [{ heading: 'A newer take', sentences: [] }] });
      assert.match(await aside(ids[1] as number), /<h3>A newer take<\/h3>/);
      assert.deepEqual(reads, [storyId, storyId]);

      // After a restart the warm-up renders the story before any reader asks for it.
      const { app: restarted, ctx: restartedCtx } = await testApp(h.store);
      const warmed = await restartedCtx.storyAsides.prewarm();
      assert.ok(warmed.stories >= 2, `${warmed.stories} stories warmed`);
      reads.length = 0;
      const page = await (await restarted.request(`/articles/${ids[2]}`)).text();
      assert.match(page, /A newer take/);
      assert.deepEqual(reads, [], 'a warmed story is not read again for its pages');
      assert.ok(ctx !== restartedCtx);
    } finally {
      h.store.stories.forReading = forReading;
      const latest = await h.store.worldTakes.latest(storyId);
      if (latest?.sections[0]?.heading === 'A newer take')
        await h.store.db
          .deleteFrom('takes')
          .where('story_id', '=', storyId)
          .where('version', '=', latest.version)
          .execute();
    }
  });

  test('a warm-up stops when told to', async () => {
    const { ctx } = await testApp(h.store);
    const stop = new AbortController();
    stop.abort();
    assert.equal((await ctx.storyAsides.prewarm({ signal: stop.signal })).stories, 0);
  });

  test('the story page shows every country’s take, the map, framing, a timeline and take versions', async () => {
    const html = await (await app.request(`/stories/${storyId}`)).text();
    assert.match(html, /<h1>Mekong/);
    for (const country of ['Taiwan', 'Germany', 'France'])
      assert.match(html, new RegExp(`Every country’s take[\\s\\S]*${country}`));
    assert.match(html, /<canvas class="story-map"[^>]+data-countries="[A-Z,]+"/);
    assert.match(html, /Timeline of coverage/);
    assert.match(html, /<script type="module" src="\/assets\/story-map\.[0-9a-f]+\.js"/);
    assert.equal((await app.request('/stories/999999')).status, 404);
  });

  test('flags are SVG images from Meridian, decorative beside the country name, never emoji', async () => {
    // Regional-indicator letters render as two boxes without a colour-emoji font.
    const regionalIndicator = /[\u{1F1E6}-\u{1F1FF}]/u;
    const pages = ['/', `/?story=${storyId}`, '/countries/tw', `/articles/${ids[0]}`, `/stories/${storyId}`];
    for (const path of [...pages, '/overlooked', '/sources', '/status', '/search?q=Mekong']) {
      const html = await (await app.request(path)).text();
      assert.doesNotMatch(html, regionalIndicator, `${path} uses an emoji flag`);
      if (!pages.includes(path)) continue;
      const flags = [...html.matchAll(/<img class="flag" src="([^"]+)" alt=""[^>]*>/g)].map((m) => m[1] as string);
      assert.ok(flags.length > 0, `${path} shows flags`);
      for (const src of flags) assert.match(src, /^\/flags\/[a-z]{2}\.[0-9a-f]{10}\.svg$/, path);
    }
    const story = await (await app.request(`/stories/${storyId}`)).text();
    assert.match(story, /<img class="flag" src="\/flags\/de\.[0-9a-f]{10}\.svg" alt=""[^>]*> Germany/);
    const src = /\/flags\/fr\.[0-9a-f]{10}\.svg/.exec(story)?.[0] as string;
    const res = await app.request(src);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(res.headers.get('cache-control') ?? '', /max-age=31536000, immutable/);
    assert.match(await res.text(), /^<svg[^>]+id="flag-icons-fr"/);
    assert.equal((await app.request('/flags/fr.0000000000.svg')).status, 404, 'an old hash is not served as new');
  });

  test('the home page lists the stories most countries cover; selecting one draws its arcs on the globe', async () => {
    const home = await (await app.request('/')).text();
    assert.match(home, /Stories across the world/);
    assert.match(home, new RegExp(`href="/stories/${storyId}">Mekong`));
    assert.doesNotMatch(home, /data-arcs=/);
    const selected = await (await app.request(`/?story=${storyId}`)).text();
    assert.match(selected, /<canvas[^>]+data-arcs="[A-Z,]+"[^>]+data-arcs-origin="TW"/);
    for (const code of ['TW', 'DE', 'FR']) assert.match(selected, new RegExp(`data-arcs="[A-Z,]*${code}`));
  });

  test('a merged story’s old id redirects to the survivor', async () => {
    const now = new Date().toISOString();
    const old = await h.store.stories.create({
      title: 'old',
      firstSeen: now,
      lastSeen: now,
      countries: [],
      outlets: [],
      languages: [],
      articleCount: 0,
    });
    await h.store.stories.merge(old, storyId);
    const res = await app.request(`/stories/${old}`);
    assert.equal(res.status, 301);
    assert.equal(res.headers.get('location'), `/stories/${storyId}`);
  });

  test('overlooked by American media: the story covered abroad and not in the US, as a page and a feed', async () => {
    const html = await (await app.request('/overlooked')).text();
    assert.match(html, new RegExp(`href="/stories/${storyId}"`));
    assert.match(html, /3 countries, 3 articles abroad, 0 in the US/);
    const feed = parseFeed(await (await app.request('/feeds/overlooked.atom')).text(), 'http://localhost/');
    assert.equal(feed.items.length, 1);
    assert.match(feed.items[0]?.link ?? '', new RegExp(`/stories/${storyId}$`));
  });

  test('the Atom feed of stories carries their takes', async () => {
    const text = await (await app.request('/feeds/stories.atom')).text();
    const feed = parseFeed(text, 'http://localhost/');
    assert.ok(feed.items.some((i) => i.link.endsWith(`/stories/${storyId}`)));
    assert.match(text, /<content type="text">/);
    const one = parseFeed(await (await app.request(`/feeds/stories/${storyId}.atom`)).text(), 'http://localhost/');
    assert.equal(one.items.length, 4, 'the story and its three articles');
  });
});
