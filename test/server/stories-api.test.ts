import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import { Config } from '../../src/config/config.ts';
import { takeHandler } from '../../src/jobs/handlers/take.ts';
import { StoryService } from '../../src/jobs/story-service.ts';
import { createSummarizer } from '../../src/takes/providers/index.ts';
import { hoursAgo, OUTLETS, type SeededArticle, seed } from '../helpers/seed.ts';
import { testApp } from '../helpers/server.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ MERIDIAN_TAKE_MIN_INTERVAL_MIN: '0', MERIDIAN_TAKE_MIN_NEW_ARTICLES: '1' });

/** One event reported from Taiwan, Germany and the US (translated), and an unrelated US story. */
const report = (
  outletId: string,
  country: string,
  language: string,
  title: string,
  english: string[],
  h: number,
): SeededArticle => ({
  outletId,
  country,
  language,
  title: `${title} (${language})`,
  blocks: english.map((text) => ({ kind: 'p' as const, text: `[${language}] ${text}` })),
  published: hoursAgo(h),
  ...(language === 'en' ? {} : { english: { title, blocks: english } }),
});
const articles: SeededArticle[] = [
  report(
    'upmedia',
    'TW',
    'zh-Hant',
    'Typhoon Krathon makes landfall in Kaohsiung',
    [
      'Typhoon Krathon made landfall in Kaohsiung on Thursday with gusts of 180 km/h, the Central Weather Administration said.',
      'More than 200,000 households in Kaohsiung and Pingtung lost power and schools stayed closed.',
    ],
    6,
  ),
  report(
    'dw',
    'DE',
    'de',
    'Typhoon Krathon hits Kaohsiung in southern Taiwan',
    [
      'Typhoon Krathon hit Kaohsiung in southern Taiwan on Thursday with gusts of 180 km/h.',
      'German shipping companies rerouted container ships away from the port of Kaohsiung.',
    ],
    5,
  ),
  report(
    'npr',
    'US',
    'en',
    'Typhoon Krathon slams into Kaohsiung, cutting power to 200,000 homes',
    [
      'Typhoon Krathon slammed into Kaohsiung on Thursday with gusts of 180 km/h, cutting power to more than 200,000 households.',
      'The Central Weather Administration warned of landslides in Pingtung.',
    ],
    4,
  ),
  report(
    'npr',
    'US',
    'en',
    'Baseball league announces new playoff format',
    ['The league announced a new playoff format for next season, expanding the bracket to 14 teams.'],
    2,
  ),
];

for (const backend of await backends()) {
  describe(`stories API (${backend.name})`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    let app: Hono;
    let ids: number[];
    let typhoon: number;
    let baseball: number;
    before(async () => {
      h = await backend.open();
      ids = await seed(h.store, articles, OUTLETS);
      const stories = new StoryService(h.store, config);
      const assigned = [];
      for (const id of ids) assigned.push(await stories.assign(id));
      typhoon = assigned[0]?.id as number;
      baseball = assigned[3]?.id as number;
      const handler = takeHandler(
        h.store,
        config,
        createSummarizer(config, 'extractive'),
        async () => new Map(OUTLETS.map((o) => [o.id, o])),
      );
      await handler(
        { id: 1, kind: 'take', payload: { storyId: typhoon }, attempts: 1, maxAttempts: 1 },
        new AbortController().signal,
      );
      ({ app } = await testApp(h.store));
    });
    after(async () => h?.cleanup());

    const get = async (path: string) => {
      const res = await app.request(path);
      assert.equal(res.status, 200, path);
      return (await res.json()) as Record<string, unknown>;
    };

    test('GET /api/stories filters by country and date and pages through the rest', async () => {
      assert.notEqual(typhoon, baseball, 'the typhoon and the baseball league are two stories');
      const all = (await get('/api/stories')) as { stories: Array<{ id: number; countries: string[] }> };
      assert.deepEqual(
        all.stories.map((s) => s.id),
        [baseball, typhoon],
        'most recently active first',
      );
      const german = (await get('/api/stories?country=de')) as { stories: Array<{ id: number; countries: string[] }> };
      assert.deepEqual(
        german.stories.map((s) => s.id),
        [typhoon],
      );
      assert.deepEqual([...(german.stories[0]?.countries ?? [])].sort(), ['DE', 'TW', 'US']);
      const us = (await get('/api/stories?country=US')) as { stories: Array<{ id: number }> };
      assert.deepEqual(us.stories.map((s) => s.id).sort(), [baseball, typhoon].sort());

      const first = (await get('/api/stories?limit=1')) as { stories: Array<{ id: number }>; next: string };
      assert.deepEqual(
        first.stories.map((s) => s.id),
        [baseball],
      );
      assert.ok(first.next);
      const second = (await get(`/api/stories?limit=1&before=${encodeURIComponent(first.next)}`)) as {
        stories: Array<{ id: number }>;
        next: string | null;
      };
      assert.deepEqual(
        second.stories.map((s) => s.id),
        [typhoon],
      );
      const third = (await get(`/api/stories?limit=1&before=${encodeURIComponent(second.next ?? '')}`)) as {
        stories: unknown[];
      };
      assert.deepEqual(third.stories, []);

      const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
      assert.equal(
        ((await get(`/api/stories?from=${day(1)}`)) as { stories: unknown[] }).stories.length,
        0,
        'nothing active tomorrow',
      );
      assert.equal(
        ((await get(`/api/stories?to=${day(-2)}`)) as { stories: unknown[] }).stories.length,
        0,
        'nothing begun two days ago',
      );
      assert.equal(
        ((await get(`/api/stories?from=${day(-1)}&to=${day(0)}`)) as { stories: unknown[] }).stories.length,
        2,
      );

      for (const bad of ['?country=Germany', '?limit=0', '?limit=101', '?before=yesterday', '?from=01-02-2026'])
        assert.equal((await app.request(`/api/stories${bad}`)).status, 400, bad);
    });

    test('GET /api/stories/{id}: articles by country, Alternative Takes, the take with its citations, framing', async () => {
      const body = (await get(`/api/stories/${typhoon}`)) as {
        story: { id: number; title: string; articleCount: number };
        countries: Array<{ country: string; articles: Array<{ id: number; title: string }> }>;
        alternativeTakes: Array<{ articleId: number; outlet: string; country: string; title: string }>;
        take: { sections: Array<{ heading: string; sentences: Array<{ text: string; citations: number[] }> }> } | null;
        framing: Array<{ country: string }>;
      };
      assert.equal(body.story.id, typhoon);
      assert.equal(body.story.articleCount, 3);
      assert.match(body.story.title, /Typhoon Krathon/);
      assert.deepEqual(body.countries.map((c) => c.country).sort(), ['DE', 'TW', 'US']);
      const members = body.countries.flatMap((c) => c.articles.map((a) => a.id)).sort((a, b) => a - b);
      assert.deepEqual(
        members,
        ids.slice(0, 3).sort((a, b) => a - b),
      );
      assert.equal(
        body.countries.find((c) => c.country === 'DE')?.articles[0]?.title,
        'Typhoon Krathon hits Kaohsiung in southern Taiwan',
        'English titles',
      );
      assert.deepEqual(body.alternativeTakes.map((t) => t.outlet).sort(), ['dw', 'npr', 'upmedia']);
      for (const t of body.alternativeTakes) assert.ok(ids.slice(0, 3).includes(t.articleId));
      assert.ok(body.take && body.take.sections.length > 0, 'the current take');
      const cited = body.take.sections.flatMap((s) => s.sentences.flatMap((x) => x.citations));
      assert.ok(cited.length > 0);
      for (const id of cited) assert.ok(ids.slice(0, 3).includes(id), `citation ${id} is an article of the story`);
      assert.deepEqual(body.framing.map((f) => f.country).sort(), ['DE', 'TW', 'US']);

      const lone = (await get(`/api/stories/${baseball}`)) as { take: unknown; countries: unknown[] };
      assert.equal(lone.countries.length, 1);
      assert.equal((await app.request('/api/stories/999999')).status, 404);
      assert.equal((await app.request('/api/stories/abc')).status, 404, 'as /api/articles/abc');
    });

    test('GET /api/stories/{id} is made once per story version and reads a bounded number of articles', async () => {
      const { app: server, ctx } = await testApp(h.store);
      const calls = { articles: 0, limits: [] as number[] };
      const { stories, articles: repo } = h.store;
      const { recentArticleIds, articleIds } = stories;
      const getMany = repo.getMany;
      stories.recentArticleIds = async function (this: typeof stories, id: number, limit: number) {
        calls.limits.push(limit);
        return recentArticleIds.call(this, id, limit);
      };
      stories.articleIds = async () => assert.fail('a story is never read whole for the API');
      repo.getMany = async function (this: typeof repo, ids: readonly number[]) {
        calls.articles += ids.length;
        return getMany.call(this, ids);
      };
      const latest = await h.store.worldTakes.latest(typhoon);
      assert.ok(latest);
      try {
        const first = await (await server.request(`/api/stories/${typhoon}`)).json();
        const read = calls.articles;
        assert.ok(read >= 3, 'the first answer reads the story’s articles');
        assert.deepEqual(calls.limits, [300], 'at most STORY_ARTICLE_CAP of them');
        assert.deepEqual(await (await server.request(`/api/stories/${typhoon}`)).json(), first);
        assert.equal(calls.articles, read, 'the same version is answered from memory');
        assert.equal(ctx.reader.apiStories.has(typhoon), true);

        // A new take is a new version: the next answer shows it.
        await h.store.worldTakes.add({ ...latest, sections: [{ heading: 'A newer take', sentences: [] }] });
        const after = (await (await server.request(`/api/stories/${typhoon}`)).json()) as {
          take: { version: number; sections: Array<{ heading: string }> };
        };
        assert.equal(after.take.version, latest.version + 1);
        assert.equal(after.take.sections[0]?.heading, 'A newer take');
      } finally {
        stories.recentArticleIds = recentArticleIds;
        stories.articleIds = articleIds;
        repo.getMany = getMany;
        await h.store.db
          .deleteFrom('takes')
          .where('story_id', '=', typhoon)
          .where('version', '>', latest.version)
          .execute();
      }
    });

    test('GET /api/countries reads its thousands of stories at most every 30 s, not per request', async () => {
      const { app: server } = await testApp(h.store);
      const { stories } = h.store;
      const singleCountry = stories.singleCountry;
      let reads = 0;
      stories.singleCountry = async function (this: typeof stories, options) {
        reads++;
        return singleCountry.call(this, options);
      };
      try {
        const first = await (await server.request('/api/countries')).json();
        for (let i = 0; i < 5; i++) assert.deepEqual(await (await server.request('/api/countries')).json(), first);
        assert.equal(reads, 1);
      } finally {
        stories.singleCountry = singleCountry;
      }
    });
  });
}
