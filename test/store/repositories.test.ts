import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { articleJobKey, articleJobKeyPrefix } from '../../src/jobs/kinds.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import type { StoryVersionParts } from '../../src/model/story.ts';
import { storyVersion } from '../../src/reader/story-version.ts';
import type { StoryFields } from '../../src/store/repositories/stories.ts';
import { OUTLETS } from '../helpers/seed.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

const outlets: Outlet[] = OUTLETS.filter((o) => o.id === 'upmedia' || o.id === 'npr');

/** A one-article story from Taiwan first and last seen at `now` (tests override what they look at). */
function storyFields(now: string): StoryFields {
  return {
    title: 'Envoy',
    firstSeen: now,
    lastSeen: now,
    countries: ['TW'],
    outlets: ['upmedia'],
    languages: ['zh-Hant'],
    articleCount: 1,
  };
}

for (const backend of await backends()) {
  describe(`repositories on ${backend.name}`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    before(async () => {
      h = await backend.open();
      await h.store.outlets.syncCatalog(outlets);
      await h.store.feeds.syncCatalog(outlets);
    });
    after(async () => h?.cleanup());

    test('images: copies keep their bytes, name their version on the article and go with it', async () => {
      const { store } = h;
      const id = (await store.articles.insertDiscovered({
        outletId: 'npr',
        country: 'US',
        url: 'https://npr.org/images-test',
        urlKey: 'npr.org/images-test',
        title: 'With a photo',
      })) as number;
      const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 7) % 256));
      const copy = (n: number, width: number, height: number) => ({
        bytes: bytes(n),
        width,
        height,
        type: 'image/webp',
      });
      await store.images.saveArticleImages(id, '0123456789ab', 'https://npr.org/a.jpg', {
        lead: copy(3000, 960, 540),
        thumb: copy(500, 192, 144),
      });
      const lead = await store.images.get(`article:${id}:lead`);
      assert.equal(lead?.version, '0123456789ab');
      assert.ok(lead && Buffer.compare(Buffer.from(lead.bytes), bytes(3000)) === 0, 'bytes come back unchanged');
      assert.deepEqual((await store.articles.get(id))?.image, undefined, 'no image address, so nothing to show');
      await store.images.saveLogo('npr', 'ba9876543210', 'https://npr.org/favicon.ico', copy(200, 64, 64));
      assert.equal((await store.outlets.get('npr'))?.logoStored, 'ba9876543210');
      assert.deepEqual(await store.images.totals(), { images: 3, bytes: 3700, articles: 1 });
      assert.equal(await store.images.logoTried('npr'), true);
      assert.equal(await store.images.logoTried('upmedia'), false);
      // Copies expire with their article.
      await store.db.deleteFrom('articles').where('id', '=', id).execute();
      assert.equal(await store.images.get(`article:${id}:lead`), undefined);
      assert.deepEqual(await store.images.totals(), { images: 1, bytes: 200, articles: 0 });
      await store.images.markLogoMissing('npr');
      assert.equal((await store.outlets.get('npr'))?.logoStored, undefined, 'a logo known missing is not shown');
    });

    test('outlets: catalog sync inserts, updates and disables what left the catalog', async () => {
      const { store } = h;
      assert.deepEqual(
        (await store.outlets.list()).map((o) => o.id),
        ['upmedia', 'npr'],
      );
      await store.outlets.syncCatalog([{ ...(outlets[0] as Outlet), name: 'UpMedia 上報' }]);
      assert.equal((await store.outlets.get('upmedia'))?.name, 'UpMedia 上報');
      assert.equal((await store.outlets.get('npr'))?.enabled, false);
      assert.deepEqual(
        (await store.outlets.list({ enabledOnly: true })).map((o) => o.id),
        ['upmedia'],
      );
      await store.outlets.syncCatalog(outlets);
      assert.equal((await store.outlets.get('npr'))?.enabled, true);
      assert.deepEqual((await store.outlets.get('upmedia'))?.languages, ['zh-Hant']);
    });

    test('feeds: due feeds, poll results, failures counted and feed disabled', async () => {
      const { store } = h;
      const due = await store.feeds.due(new Date(Date.now() + 1000), 10);
      assert.equal(due.length, 2);
      const feed = due.find((f) => f.outlet_id === 'npr')!;
      await store.feeds.recordPoll(feed.id, {
        status: 200,
        ok: true,
        itemCount: 12,
        recentCount: 4,
        etag: '"abc"',
        nextIntervalS: 600,
      });
      let row = await store.feeds.byUrl(feed.url);
      assert.equal(row?.etag, '"abc"');
      assert.equal(row?.last_item_count, 12);
      assert.equal(row?.last_recent_count, 4);
      assert.equal(row?.consecutive_failures, 0);
      await store.feeds.recordPoll(feed.id, { status: 500, ok: false, error: 'HTTP 500', nextIntervalS: 1200 });
      await store.feeds.recordPoll(feed.id, {
        status: null,
        ok: false,
        error: 'timeout',
        nextIntervalS: 2400,
        disable: true,
      });
      row = await store.feeds.byUrl(feed.url);
      assert.equal(row?.consecutive_failures, 2);
      assert.equal(row?.last_error, 'timeout');
      assert.equal(row?.etag, '"abc"', 'a failure keeps the validators of the last success');
      assert.equal(row?.disabled, 1);
      const stillDue = await store.feeds.due(new Date(Date.now() + 86_400_000), 10);
      assert.ok(!stillDue.some((f) => f.id === feed.id), 'a disabled feed is not polled');
      await store.feeds.enable(feed.id);
      assert.equal((await store.feeds.byUrl(feed.url))?.disabled, 0);
    });

    test("feeds: a feed the catalog dropped is forgotten, the outlet's other feeds keep their state", async () => {
      const { store } = h;
      const upmedia = outlets.find((o) => o.id === 'upmedia') as Outlet;
      const main = upmedia.feeds[0]?.url as string;
      const search = 'https://www.upmedia.mg/search/taiwan/feed/rss2/';
      await store.feeds.syncCatalog([{ ...upmedia, feeds: [{ url: main }, { url: search }] }]);
      const kept = await store.feeds.byUrl(main);
      await store.feeds.recordPoll(kept!.id, { status: 200, ok: true, itemCount: 7, nextIntervalS: 600 });
      await store.feeds.syncCatalog([upmedia]);
      assert.equal(await store.feeds.byUrl(search), undefined, 'the dropped feed is no longer polled');
      assert.equal((await store.feeds.byUrl(main))?.last_item_count, 7, 'the feed still listed keeps its state');
      assert.ok(await store.feeds.byUrl('https://feeds.npr.org/1004/rss.xml'), "another outlet's feed stays");
    });

    test('articles: discovered once per URL key, extracted, listed newest first, counted per country', async () => {
      const { store } = h;
      const id = await store.articles.insertDiscovered({
        outletId: 'upmedia',
        country: 'TW',
        url: 'https://www.upmedia.mg/news_info.php?SerialNo=1',
        urlKey: 'upmedia.mg/news_info.php?serialno=1',
        title: '標題',
      });
      assert.ok(id);
      const again = await store.articles.insertDiscovered({
        outletId: 'upmedia',
        country: 'TW',
        url: 'https://www.upmedia.mg/news_info.php?SerialNo=1&utm_source=x',
        urlKey: 'upmedia.mg/news_info.php?serialno=1',
      });
      assert.equal(again, undefined, 'the same URL key is not stored twice');
      const published = new Date(Date.now() - 3600_000).toISOString();
      await store.articles.saveExtracted(
        id,
        {
          title: '美方特使抵達',
          blocks: [
            { kind: 'p', text: '第一段。' },
            { kind: 'quote', text: '引言。' },
          ],
          published,
          declaredLanguage: 'zh-Hant',
          language: 'zh-Hant',
          image: { url: 'https://img.upmedia.mg/1.jpg', caption: '圖說', credit: '攝影' },
        },
        { contentHash: 'h1' },
      );
      const a = await store.articles.get(id);
      assert.equal(a?.state, 'extracted');
      assert.equal(a?.blocks.length, 2);
      assert.equal(a?.blocks[1]?.kind, 'quote');
      assert.equal(a?.image?.caption, '圖說');
      assert.equal(a?.language, 'zh-Hant');

      const id2 = await store.articles.insertDiscovered({
        outletId: 'upmedia',
        country: 'TW',
        url: 'https://x/2',
        urlKey: 'x/2',
      });
      await store.articles.saveExtracted(
        id2!,
        { title: 'Later', blocks: [{ kind: 'p', text: 'x' }], published: new Date().toISOString() },
        { contentHash: 'h1', duplicateOf: id },
      );
      assert.equal(await store.articles.firstWithHash('h1', id2!), id);
      const list = await store.articles.list({ country: 'tw', limit: 10 });
      assert.deepEqual(
        list.map((x) => x.id),
        [id2, id],
      );
      const page2 = await store.articles.list({
        country: 'TW',
        limit: 10,
        before: { published: list[0]!.published!, id: id2! },
      });
      assert.deepEqual(
        page2.map((x) => x.id),
        [id],
      );
      const counts = await store.outlets.countsByCountry();
      const tw = counts.find((c) => c.country === 'TW');
      assert.equal(tw?.articles, 2);
      assert.equal(tw?.articlesLastDay, 2);
      assert.equal(tw?.outlets, 1);
    });

    test('translations: saved per article and target, English titles in bulk, usage summed', async () => {
      const { store } = h;
      const id = (await store.articles.idByUrlKey('upmedia.mg/news_info.php?serialno=1'))!;
      await store.translations.save({
        articleId: id,
        target: 'en',
        source: 'zh-Hant',
        title: 'US envoy arrives',
        blocks: [
          { kind: 'p', text: 'First paragraph.' },
          { kind: 'quote', text: 'Quote.' },
        ],
        imageCaption: 'Caption',
        provider: 'deepl',
        model: 'default',
        characters: 10,
        ms: 120,
        createdAt: new Date().toISOString(),
      });
      assert.equal((await store.translations.get(id))?.blocks.length, 2);
      assert.equal((await store.translations.titles([id])).get(id), 'US envoy arrives');
      const usage = await store.translations.usage();
      assert.deepEqual(usage, [{ provider: 'deepl', model: 'default', articles: 1, characters: 10, ms: 120 }]);
    });

    test('stories and takes: assign, merge keeps old ids working, takes are versioned', async () => {
      const { store } = h;
      const ids = await store.articles.list({ limit: 10 });
      const now = new Date().toISOString();
      const fields = storyFields(now);
      const s1 = await store.stories.create(fields);
      const s2 = await store.stories.create({ ...fields, countries: ['US'] });
      await store.stories.assign(s1, ids[0]!.id, 0.9);
      await store.stories.assign(s2, ids[1]!.id, 0.8);
      await store.stories.merge(s2, s1);
      assert.equal((await store.stories.get(s2))?.id, s1, 'a merged story id leads to the survivor');
      assert.deepEqual((await store.stories.articleIds(s1)).sort(), [ids[0]!.id, ids[1]!.id].sort());
      assert.equal(await store.stories.storyOf(ids[1]!.id), s1);

      // The reader's one-statement lookup agrees with the three separate ones.
      for (const { id } of ids) {
        const reading = await store.articles.getForReading(id);
        const stored = (await store.articles.get(id))!;
        // Only what readers are shown, and all of it.
        const {
          urlKey,
          contentHash,
          discoveredAt,
          feedUrl,
          modified,
          declaredLanguage,
          canonicalUrl,
          siteName,
          fetchedAt,
          ...shown
        } = stored;
        assert.deepEqual(reading?.article, shown);
        assert.ok(shown.blocks.length > 0 && shown.published, 'the seeded article has text and a date to compare');
        assert.deepEqual(reading?.translation, await store.translations.get(id));
        assert.equal(reading?.storyId, await store.stories.storyOf(id));
      }
      const translated = (await store.articles.idByUrlKey('upmedia.mg/news_info.php?serialno=1'))!;
      assert.equal((await store.articles.getForReading(translated))?.translation?.title, 'US envoy arrives');
      assert.equal((await store.articles.getForReading(translated, 'fr'))?.translation, undefined);
      assert.equal(await store.articles.getForReading(999_999), undefined);

      const take = {
        storyId: s1,
        sections: [{ heading: 'Talks', sentences: [{ text: 'An envoy arrived.', citations: [String(ids[0]!.id)] }] }],
        countries: ['TW'],
        outletCount: 1,
        provider: 'extractive',
        model: 'mmr-v1',
        createdAt: now,
      };
      assert.equal(await store.worldTakes.add(take), 1);
      assert.equal(await store.worldTakes.add({ ...take, countries: ['TW', 'US'] }), 2);
      assert.deepEqual((await store.worldTakes.latest(s1))?.countries, ['TW', 'US']);
      assert.deepEqual((await store.worldTakes.version(s1, 1))?.countries, ['TW']);
      assert.equal((await store.worldTakes.versions(s1)).length, 2);
    });

    test('stories: a story keeps one Alternative Takes analysis, replaced by the next version', async () => {
      const { store } = h;
      const id = await store.stories.create({
        ...storyFields(new Date().toISOString()),
        countries: ['TW', 'US'],
        outlets: ['upmedia', 'npr'],
        languages: ['zh-Hant', 'en'],
        articleCount: 2,
      });
      assert.equal(await store.stories.alternativeTakes(id), undefined, 'none before the pipeline made one');
      const take = { articleId: 7, outlet: 'upmedia', country: 'TW', title: '特使抵達', language: 'zh-Hant' };
      await store.stories.saveAlternativeTakes(id, '2:a', { takes: [{ ...take, stresses: ['Taipei'] }] });
      await store.stories.saveAlternativeTakes(id, '3:b', {
        takes: [{ ...take, stresses: ['Taiwan'], centrality: 0.5 }],
      });
      assert.deepEqual(await store.stories.alternativeTakes(id), {
        basis: '3:b',
        analysis: { takes: [{ ...take, stresses: ['Taiwan'], centrality: 0.5 }] },
      });
      // A row that is not an analysis (hand-edited, or written by a newer version) reads as none,
      // so the page makes its own instead of failing.
      await store.db.updateTable('story_takes').set({ analysis: '{"oops":1}' }).where('story_id', '=', id).execute();
      assert.equal(await store.stories.alternativeTakes(id), undefined);
    });

    test('stories: an article page reads its story, stored takes and latest take at once, merges followed', async () => {
      const { store } = h;
      const now = new Date().toISOString();
      const fields = { ...storyFields(now), title: 'Dam', articleCount: 2 };
      const id = await store.stories.create(fields);
      const bare = await store.stories.forReading(id);
      assert.deepEqual(bare, { story: await store.stories.get(id), version: bare?.version }, 'nothing stored yet');
      // Both statements return the parts of the version; the read side names it with storyVersion.
      const named = (parts: StoryVersionParts | undefined) => parts && storyVersion(parts);
      // The article's own statement names the same version of its story, so a page can tell
      // whether what it rendered of the story is current without reading the story.
      const [member] = await store.articles.list({ limit: 1 });
      await store.stories.assign(id, member!.id, 0.9);
      const versionSeen = async () => named((await store.articles.getForReading(member!.id))?.storyVersion);
      assert.equal(await versionSeen(), named(bare?.version));
      const versions = new Set<string | undefined>([named(bare?.version)]);

      const analysis = {
        takes: [{ articleId: 1, outlet: 'upmedia', country: 'TW', title: 'Dam', language: 'en', stresses: ['water'] }],
      };
      await store.stories.saveAlternativeTakes(id, '2:x', analysis);
      const analysed = named((await store.stories.forReading(id))?.version);
      assert.equal(await versionSeen(), analysed);
      versions.add(analysed);
      const take = {
        storyId: id,
        sections: [{ heading: 'Dam', sentences: [{ text: 'A dam.', citations: ['1'] }] }],
        countries: ['TW'],
        outletCount: 1,
        provider: 'extractive',
        model: 'mmr-v1',
        createdAt: now,
        articleCount: 2,
      };
      await store.worldTakes.add(take);
      await store.worldTakes.add({ ...take, countries: ['TW', 'US'], note: 'second' });
      const reading = await store.stories.forReading(id);
      assert.equal(reading?.story.title, 'Dam');
      assert.equal(reading?.alternativeTakes?.basis, '2:x');
      assert.deepEqual(reading?.alternativeTakes?.analysis(), analysis);
      assert.deepEqual(reading?.worldTake, await store.worldTakes.latest(id), 'the latest version');
      assert.equal(reading?.worldTake?.version, 2);
      assert.equal(await versionSeen(), named(reading?.version));
      versions.add(named(reading?.version));
      await store.stories.update(id, {
        ...fields,
        articleCount: 3,
        lastSeen: new Date(Date.now() + 1000).toISOString(),
      });
      const grown = named((await store.stories.forReading(id))?.version);
      assert.equal(await versionSeen(), grown);
      versions.add(grown);
      assert.equal(versions.size, 4, 'a new analysis, a new take and a grown story each make a new version');

      const absorbed = await store.stories.create({ ...fields, title: 'Absorbed' });
      await store.stories.merge(absorbed, id);
      assert.equal((await store.stories.forReading(absorbed))?.story.id, id, 'a merged story leads to the survivor');
      assert.equal(await store.stories.forReading(999_999), undefined);
    });

    test('search: words in headlines and bodies, two-character Chinese words, filters, wildcards taken literally', async () => {
      const { store } = h;
      const ids = (await store.articles.list({ limit: 10 })).map((a) => a.id);
      await store.search.index(
        ids[0]!,
        '美方特使抵達台北\nUS envoy arrives in Taipei',
        '特使週一抵達。 Turnout was 100% in the capital.',
      );
      await store.search.index(ids[1]!, 'Later', 'Nothing about it.');
      assert.deepEqual(
        (await store.search.search({ q: 'envoy', limit: 10 })).hits.map((x) => x.id),
        [ids[0]],
      );
      assert.deepEqual(
        (await store.search.search({ q: '特使', limit: 10 })).hits.map((x) => x.id),
        [ids[0]],
        'two-character CJK word',
      );
      assert.deepEqual(
        (await store.search.search({ q: '台北 envoy', limit: 10 })).hits.map((x) => x.id),
        [ids[0]],
      );
      assert.equal((await store.search.search({ q: '特使', country: 'US', limit: 10 })).total, 0, 'country filter');
      assert.equal((await store.search.search({ q: '100%', limit: 10 })).total, 1);
      assert.equal((await store.search.search({ q: '1%0', limit: 10 })).total, 0, '% is a character, not a wildcard');
      assert.equal((await store.search.search({ q: 'T_', limit: 10 })).total, 0, '_ is a character, not a wildcard');
    });

    test('jobs: dedupe, claim, retry with backoff, park after the last attempt, recover stale', async () => {
      const { store } = h;
      const j1 = await store.jobs.enqueue('fetch', { articleId: 1 }, { dedupeKey: 'fetch:1', maxAttempts: 2 });
      const dup = await store.jobs.enqueue('fetch', { articleId: 1 }, { dedupeKey: 'fetch:1' });
      assert.ok(j1);
      assert.equal(dup, undefined, 'an unfinished job with the same key is not enqueued twice');
      assert.equal(await store.jobs.pending(['fetch']), 1);

      let [job] = await store.jobs.claim(['fetch'], 'w1');
      assert.equal(job?.id, j1);
      assert.equal(job?.attempts, 1);
      assert.deepEqual(job?.payload, { articleId: 1 });
      assert.deepEqual(await store.jobs.claim(['fetch'], 'w2'), [], 'a running job is not claimed twice');
      assert.equal(await store.jobs.fail(job!, 'boom', new Date(Date.now() - 1)), 'retry');
      [job] = await store.jobs.claim(['fetch'], 'w1');
      assert.equal(job?.attempts, 2);
      assert.equal(await store.jobs.fail(job!, 'boom again', new Date()), 'parked');
      const parked = await store.jobs.parked();
      assert.equal(parked[0]?.last_error, 'boom again');
      assert.equal(await store.jobs.pending(['fetch']), 0);
      assert.ok(await store.jobs.enqueue('fetch', {}, { dedupeKey: 'fetch:1' }), 'a parked key may be enqueued again');

      const j3 = await store.jobs.enqueue('translate', { articleId: 2 });
      await store.jobs.claim(['translate'], 'dead-worker');
      assert.equal((await store.jobs.recoverStale(new Date(Date.now() + 1000))).length, 1);
      const [again] = await store.jobs.claim(['translate'], 'w1');
      assert.equal(again?.id, j3, 'a job left running by a dead process runs again');
      await store.jobs.complete(j3!);
      assert.equal((await store.jobs.counts()).translate?.done, 1);
    });

    test('articles: those whose next job is missing or finished are found for recovery, not those with an open or parked one', async () => {
      const { store } = h;
      const ids: number[] = [];
      for (const n of [1, 2, 3, 4, 5]) {
        const id = await store.articles.insertDiscovered({
          outletId: 'npr',
          country: 'US',
          url: `https://www.npr.org/recover/${n}`,
          urlKey: `npr.org/recover/${n}`,
        });
        await store.articles.saveExtracted(
          id!,
          { title: `T${n}`, blocks: [{ kind: 'p', text: `x${n}` }] },
          { contentHash: `recover-${n}` },
        );
        ids.push(id!);
      }
      const [queued, running, finished, parked, never] = ids as [number, number, number, number, number];
      for (const id of [queued, running, finished, parked]) {
        await store.jobs.enqueue(
          'translate',
          { articleId: id },
          { dedupeKey: articleJobKey('translate', id), maxAttempts: id === parked ? 1 : 5 },
        );
      }
      for (const job of await store.jobs.claim(['translate'], 'w', 10)) {
        const { articleId } = job.payload as { articleId: number };
        if (articleId === finished) await store.jobs.complete(job.id);
        if (articleId === queued) await store.jobs.release(job.id);
        if (articleId === parked) assert.equal(await store.jobs.fail(job, 'provider said no', new Date()), 'parked');
      }
      // Another kind's job under another key does not count as this step's.
      await store.jobs.enqueue('cluster', { articleId: never }, { dedupeKey: articleJobKey('cluster', never) });
      const found = (await store.articles.idsWithoutOpenJob('extracted', articleJobKeyPrefix('translate'))).filter(
        (id) => ids.includes(id),
      );
      assert.deepEqual(found, [finished, never], 'a parked job waits for the operator, it is not doubled');
      assert.deepEqual(
        (await store.articles.idsWithoutOpenJob('translated', articleJobKeyPrefix('cluster'))).filter((id) =>
          ids.includes(id),
        ),
        [],
        'only articles in the state asked for',
      );
      // The operator's retry still finds its parked job alone under its key.
      assert.equal(await store.jobs.retryParked('translate'), 1);
    });
  });
}
