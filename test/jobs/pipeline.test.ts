import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import sharp from 'sharp';
import { Config } from '../../src/config/config.ts';
import { Pipeline } from '../../src/jobs/pipeline.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { icoOf } from '../helpers/images.ts';
import { startNewsSite } from '../helpers/news-site.ts';
import { openSqlite } from '../helpers/stores.ts';

const config = Config.fromEnv({
  MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
  MERIDIAN_HOST_DELAY_MS: '0',
  LOG_LEVEL: 'silent',
});

function outlet(feedUrl: string, languages = ['en']): Outlet {
  return {
    id: 'testdaily',
    name: 'Test Daily',
    homepage: feedUrl.replace('/feed.xml', '/'),
    country: 'GB',
    languages,
    feeds: [{ url: feedUrl }],
    logo: '',
    kind: 'private',
  };
}

async function setup(opts: Parameters<typeof startNewsSite>[0], languages?: string[]) {
  const site = await startNewsSite(opts);
  const h = await openSqlite();
  const o = { ...outlet(site.feedUrl, languages), ...(opts.images ? { logo: `${site.base}/favicon.ico` } : {}) };
  await h.store.outlets.syncCatalog([o]);
  await h.store.feeds.syncCatalog([o]);
  const fetcher = new Fetcher({
    allowPrivateAddresses: true,
    hostDelayMs: 0,
    hostConcurrency: 4,
    respectRobots: true,
    fetchTimeoutMs: 5000,
  });
  const pipeline = new Pipeline(h.store, defaultStages(config, fetcher), config, { concurrency: 4, idleMs: 20 });
  return {
    site,
    store: h.store,
    pipeline,
    async close() {
      await pipeline.stop(1000);
      await fetcher.close();
      await site.close();
      await h.cleanup();
    },
  };
}

describe('pipeline from feed to stored article', () => {
  const cleanups: Array<() => Promise<void>> = [];
  after(async () => {
    for (const c of cleanups) await c();
  });

  test("the outlet's declared languages are detection's prior", async () => {
    // The test site writes English. Declared Swahili and English, it stays English; declared
    // Swahili alone, the prior holds: nothing but another script would overrule it.
    for (const [languages, expected] of [
      [['sw', 'en'], 'en'],
      [['sw'], 'sw'],
    ] as const) {
      const env = await setup({ articles: 1 }, [...languages]);
      cleanups.push(env.close);
      await env.pipeline.runOnce();
      const [article] = await env.store.articles.list({ limit: 5 });
      assert.equal(article?.language, expected, languages.join(','));
    }
  });

  test('polls, discovers, fetches, extracts and stores each article once; tracking parameters do not duplicate', async () => {
    const env = await setup({ articles: 5, recent: 2 });
    cleanups.push(env.close);
    await env.pipeline.runOnce();
    const articles = await env.store.articles.list({ limit: 50 });
    assert.equal(articles.length, 5);
    const a = articles.find((x) => x.title === 'Talks on the river, part 3');
    assert.ok(a, 'extracted title');
    assert.equal(a.blocks.length, 4);
    assert.match(a.blocks[0]?.text ?? '', /^Officials from several countries/);
    assert.ok(!a.blocks.some((b) => /Cookie settings|Something else entirely/.test(b.text)), 'boilerplate stays out');
    assert.equal(a.language, 'en');
    assert.equal(a.urlKey, `${env.site.base.replace('http://', '')}/news/3`);
    const feed = (await env.store.feeds.list())[0];
    assert.equal(feed?.last_status, 200);
    assert.equal(feed?.last_item_count, 5);
    assert.equal(feed?.last_recent_count, 2, 'two of the five items were published in the last day');
    assert.equal(feed?.etag, '"v1"');
    assert.ok((await env.store.search.search({ q: 'irrigation', limit: 10 })).total === 5);
    assert.equal((await env.store.jobs.counts()).translate?.queued, 5, 'each article goes on to translation');

    // A second run finds nothing new and stores nothing twice.
    await env.store.feeds.recordPoll(feed!.id, { ok: true, status: 200, nextIntervalS: -1 });
    await env.pipeline.runOnce();
    assert.equal(await env.store.articles.count(), 5);
  });

  test('lead images and the logo are fetched once, beside the text, and kept as small copies; failures show none', async () => {
    let release = () => {};
    const hold = new Promise<void>((r) => {
      release = r;
    });
    const photo = await sharp({ create: { width: 1600, height: 1000, channels: 3, background: '#369' } })
      .jpeg()
      .toBuffer();
    const red = await sharp({ create: { width: 32, height: 32, channels: 4, background: '#c00' } })
      .png()
      .toBuffer();
    const env = await setup({ articles: 4, images: { photo, favicon: icoOf([{ size: 32, data: red }]), hold } });
    cleanups.push(env.close);
    const run = env.pipeline.runOnce();
    // Every image request is held: the texts are stored and handed to translation all the same.
    for (;;) {
      if ((await env.store.articles.countByState()).extracted === 4) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal((await env.store.jobs.counts()).translate?.queued, 4);
    assert.equal((await env.store.images.totals()).images, 0, 'no image is stored yet');
    release();
    await run;

    const stored = await env.store.db.selectFrom('articles').select(['title', 'image_stored']).execute();
    const byPart = new Map(stored.map((r) => [Number(/part (\d)/.exec(r.title)?.[1]), r.image_stored]));
    for (const n of [0, 3]) assert.match(byPart.get(n) ?? '', /^[0-9a-f]{12}:960:600$/, `photo ${n} stored at 960×600`);
    assert.equal(byPart.get(1), '', 'HTML sent as image/jpeg is refused: no image shown');
    assert.equal(byPart.get(2), '', 'a 404 is not retried: no image shown');
    const totals = await env.store.images.totals();
    assert.deepEqual([totals.images, totals.articles], [5, 2], 'lead and thumbnail of two articles, and one logo');
    assert.ok(totals.bytes > 0 && totals.bytes < photo.length, `copies take ${totals.bytes} bytes`);
    const logo = await env.store.outlets.get('testdaily');
    assert.match(logo?.logoStored ?? '', /^[0-9a-f]{12}$/);
    const imageRequests = env.site.requests.filter((r) => r.startsWith('/images/') || r === '/favicon.ico');
    assert.deepEqual(imageRequests.sort(), [
      '/favicon.ico',
      '/images/0.jpg',
      '/images/1.jpg',
      '/images/2.jpg',
      '/images/3.jpg',
    ]);
  });

  test('the same text under another URL is linked to the first article, not lost', async () => {
    const env = await setup({ articles: 3, duplicates: [2] });
    cleanups.push(env.close);
    await env.pipeline.runOnce();
    const all = await env.store.articles.list({ limit: 10 });
    assert.equal(all.length, 3, 'both copies are kept');
    const copies = all.filter((x) => x.title === 'Talks on the river, part 0');
    assert.equal(copies.length, 2);
    const [first, second] = copies.sort((x, y) => x.id - y.id);
    assert.equal(second?.duplicateOf, first?.id);
  });

  test('a near-duplicate (the wire copy with another headline and a sentence more) is linked too', async () => {
    const env = await setup({ articles: 3, nearDuplicates: [2] });
    cleanups.push(env.close);
    await env.pipeline.runOnce();
    const all = await env.store.articles.list({ limit: 10 });
    const original = all.find((x) => x.title === 'Talks on the river, part 0');
    const copy = all.find((x) => x.title === 'River talks: a constructive meeting');
    assert.ok(original && copy, JSON.stringify(all.map((x) => [x.title, x.duplicateOf])));
    assert.equal(copy.duplicateOf, original.id);
  });

  test('a page that fails keeps its article, with its fetch job waiting for a retry', async () => {
    const env = await setup({ articles: 2, failing: [1] });
    cleanups.push(env.close);
    await env.pipeline.runOnce(undefined, 1000);
    const pending = await env.store.jobs.pending(['fetch']);
    assert.equal(pending, 1, 'the failed fetch waits for its retry, it is not dropped');
    const counts = await env.store.articles.countByState();
    assert.equal(counts.discovered, 1, 'the failing article is still known');
    assert.equal(counts.extracted, 1);
  });

  test('a feed that answers 500 is recorded as failing with a later next poll', async () => {
    const env = await setup({ articles: 2, feedStatus: 500 });
    cleanups.push(env.close);
    await env.pipeline.runOnce();
    const feed = (await env.store.feeds.list())[0];
    assert.equal(feed?.consecutive_failures, 1);
    assert.match(feed?.last_error ?? '', /500/);
    assert.ok((feed?.next_poll_at ?? '') > new Date(Date.now() + 5 * 60_000).toISOString());
    assert.equal(await env.store.articles.count(), 0);
  });
  test('an article a kill left between two steps gets its next job on the next run, and none twice', async () => {
    const env = await setup({ articles: 3 });
    cleanups.push(env.close);
    await env.pipeline.runOnce();
    const [a, b, c] = (await env.store.articles.list({ limit: 10 })).map((x) => x.id) as [number, number, number];
    // A kill after the article was stored and before its translation was queued: no open job.
    // (This pipeline runs no translation, so its queued jobs are taken here by hand.)
    for (const job of await env.store.jobs.claim(['translate'], 'gone', 10)) {
      if ((job.payload as { articleId: number }).articleId !== c) await env.store.jobs.complete(job.id);
      else await env.store.jobs.release(job.id);
    }
    // A fourth article whose translation used its attempts: parked, for the operator.
    const d = await env.store.articles.insertDiscovered({
      outletId: 'testdaily',
      country: 'GB',
      url: `${env.site.base}/parked`,
      urlKey: 'parked',
    });
    await env.store.articles.saveExtracted(
      d!,
      { title: 'P', blocks: [{ kind: 'p', text: 'p' }] },
      { contentHash: 'p' },
    );
    await env.store.jobs.enqueue('translate', { articleId: d }, { dedupeKey: `translate:${d}`, maxAttempts: 1 });
    for (const job of await env.store.jobs.claim(['translate'], 'gone', 10)) {
      if ((job.payload as { articleId: number }).articleId === d)
        assert.equal(await env.store.jobs.fail(job, 'provider said no', new Date()), 'parked');
      else await env.store.jobs.release(job.id);
    }
    // A kill after the translation was stored and before clustering was queued.
    await env.store.articles.setState(b, 'translated');
    assert.equal((await env.store.jobs.counts()).translate?.queued, 1);

    await env.pipeline.runOnce();
    const queued = async (kind: string) =>
      (await env.store.jobs.claim([kind], 'check', 10))
        .map((j) => (j.payload as { articleId: number }).articleId)
        .sort((x, y) => x - y);
    assert.deepEqual(
      await queued('translate'),
      [a, c].sort((x, y) => x - y),
      'the dropped translation is queued again, once',
    );
    assert.deepEqual(await queued('cluster'), [b], 'the dropped clustering is queued again');
    assert.equal(await env.store.articles.count(), 4, 'nothing is fetched or stored twice');
    assert.equal((await env.store.jobs.parked()).length, 1, 'the parked translation is left for the operator');
  });

  test('recovery indexes a stored article missing from search, and never crawls an archived (feedless) one', async () => {
    const env = await setup({ articles: 1 });
    cleanups.push(env.close);
    // What a kill left in versions that stored and indexed apart: extracted, not searchable.
    const stored = await env.store.articles.insertDiscovered({
      outletId: 'testdaily',
      country: 'GB',
      url: `${env.site.base}/stored`,
      urlKey: 'stored',
    });
    await env.store.articles.saveExtracted(
      stored!,
      { title: 'Glacier survey published', blocks: [{ kind: 'p', text: 'The glacier survey was published.' }] },
      { contentHash: 'g' },
    );
    // An imported record whose content a kill lost: its page is in the archive, not to be crawled.
    const archived = await env.store.articles.insertDiscovered({
      outletId: 'testdaily',
      country: 'GB',
      url: `${env.site.base}/news/archived`,
      urlKey: 'archived',
    });
    assert.equal((await env.store.search.search({ q: 'glacier', limit: 5 })).total, 0);
    await env.pipeline.runOnce();
    assert.deepEqual(
      (await env.store.search.search({ q: 'glacier', limit: 5 })).hits.map((x) => x.id),
      [stored],
      'indexed by recovery',
    );
    assert.ok(!env.site.requests.includes('/news/archived'), 'the archived article was not crawled');
    assert.equal((await env.store.articles.get(archived!))?.state, 'discovered', 'left for the import to finish');
    assert.equal((await env.store.search.unindexed()).length, 0);
  });
});
