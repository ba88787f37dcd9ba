import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { articleJobKey, JOB } from '../../src/jobs/kinds.ts';
import { Pipeline } from '../../src/jobs/pipeline.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import { queueNext } from '../../src/jobs/stages-table.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ LOG_LEVEL: 'silent' });
const OUTLET = {
  id: 'o',
  name: 'O',
  homepage: 'https://o.example/',
  country: 'FR',
  languages: ['fr'],
  feeds: [{ url: 'https://o.example/rss' }],
  logo: '',
  kind: 'private' as const,
};

describe('the stage table', () => {
  let h: StoreHandle;
  let fetcher: Fetcher;
  before(async () => {
    h = await openSqlite();
    fetcher = new Fetcher({});
    await h.store.outlets.syncCatalog([OUTLET]);
  });
  after(async () => {
    await fetcher.close();
    await h.cleanup();
  });

  async function article(name: string, state: 'discovered' | 'extracted' | 'translated' | 'clustered', feed = true) {
    const url = `https://o.example/${name}`;
    const id = await h.store.articles.insertDiscovered({
      outletId: 'o',
      country: 'FR',
      url,
      urlKey: url,
      ...(feed ? { feedUrl: OUTLET.feeds[0]?.url } : {}),
    });
    assert.ok(id);
    if (state !== 'discovered') await h.store.articles.setState(id, state);
    return id;
  }

  test('queueNext queues the kind that follows, under its key, and can refresh a waiting job', async () => {
    const id = await article('next', 'extracted');
    assert.ok(await queueNext(JOB.fetch)(h.store, { articleId: id }), 'after fetch: translation');
    assert.equal(await queueNext(JOB.fetch)(h.store, { articleId: id }), undefined, 'one open job per key');
    assert.equal(await h.store.jobs.pending([JOB.translate]), 1);
    assert.ok(await queueNext(JOB.translate)(h.store, { articleId: id }), 'after the headline: clustering');
    assert.equal(await h.store.jobs.pending([JOB.cluster]), 1);
    assert.equal(queueNext(JOB.take), undefined, 'a take is the last step');

    await queueNext(JOB.cluster)(h.store, { storyId: 7 });
    await queueNext(JOB.translateBody)(h.store, { storyId: 7, refresh: true }, { replaceWaiting: true });
    const [take] = await h.store.jobs.claim([JOB.take], 'test-worker');
    assert.deepEqual(take?.payload, { storyId: 7, refresh: true }, 'the waiting take was told to refresh');
    await h.store.jobs.complete(take?.id as number);
    for (const kind of [JOB.translate, JOB.cluster]) {
      const [job] = await h.store.jobs.claim([kind], 'test-worker');
      assert.equal(job?.payload && (job.payload as { articleId: number }).articleId, id);
      await h.store.jobs.complete(job?.id as number);
    }
    await h.store.articles.setState(id, 'clustered');
  });

  test('recovery queues the job each unfinished state waits for, and crawls no archived article', async () => {
    const discovered = await article('d', 'discovered');
    const archived = await article('a', 'discovered', false);
    const extracted = await article('e', 'extracted');
    const translated = await article('t', 'translated');
    await article('c', 'clustered');
    await new Pipeline(h.store, defaultStages(config, fetcher), config).recover();
    const claimed = await h.store.jobs.claim([JOB.fetch, JOB.translate, JOB.cluster, JOB.take], 'test-worker', 10);
    const got = claimed.map((j) => `${j.kind}:${(j.payload as { articleId: number }).articleId}`).sort();
    assert.deepEqual(
      got,
      [
        articleJobKey(JOB.cluster, translated),
        articleJobKey(JOB.fetch, discovered),
        articleJobKey(JOB.translate, extracted),
      ].sort(),
    );
    assert.ok(!got.includes(articleJobKey(JOB.fetch, archived)));
  });
});
