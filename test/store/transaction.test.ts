import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { saveOutcome } from '../../src/jobs/handlers/fetch.ts';
import { JOB } from '../../src/jobs/kinds.ts';
import { queueNext } from '../../src/jobs/stages-table.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

for (const backend of await backends()) {
  describe(`store transactions and search recovery (${backend.name})`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    before(async () => {
      h = await backend.open();
      await h.store.outlets.ensure({
        id: 'o',
        name: 'O',
        homepage: 'https://o.example/',
        country: 'GB',
        languages: ['en'],
        feeds: [],
        logo: '',
        kind: 'private',
      });
    });
    after(async () => h?.cleanup());

    const discover = (key: string) =>
      h.store.articles.insertDiscovered({ outletId: 'o', country: 'GB', url: `https://o.example/${key}`, urlKey: key });

    test('a failure inside a transaction stores none of it: not the article, its search entry or its job', async () => {
      const id = await discover('a');
      assert.ok(id);
      await assert.rejects(
        h.store.transaction(async (tx) => {
          await saveOutcome(
            tx,
            { id, outletId: 'o' },
            {
              extracted: { title: 'Harbour reopens', blocks: [{ kind: 'p', text: 'The harbour reopened today.' }] },
            },
            queueNext(JOB.fetch),
          );
          throw new Error('killed here');
        }),
        /killed here/,
      );
      assert.equal((await h.store.articles.get(id))?.state, 'discovered');
      assert.equal((await h.store.search.search({ q: 'harbour', limit: 5 })).total, 0);
      assert.equal(await h.store.jobs.pending(['translate']), 0);
    });

    test('saveOutcome in a transaction stores the article, indexes it and queues its translation together', async () => {
      const id = await discover('b');
      assert.ok(id);
      await h.store.transaction((tx) =>
        saveOutcome(
          tx,
          { id, outletId: 'o' },
          {
            extracted: { title: 'Lighthouse restored', blocks: [{ kind: 'p', text: 'The lighthouse was restored.' }] },
          },
          queueNext(JOB.fetch),
        ),
      );
      assert.equal((await h.store.articles.get(id))?.state, 'extracted');
      assert.deepEqual(
        (await h.store.search.search({ q: 'lighthouse', limit: 5 })).hits.map((x) => x.id),
        [id],
      );
      assert.equal(await h.store.jobs.pending(['translate']), 1);
    });

    test('unindexed lists stored articles without a search entry, and only those', async () => {
      const id = await discover('c');
      assert.ok(id);
      await h.store.articles.saveExtracted(
        id,
        { title: 'Unsearchable', blocks: [{ kind: 'p', text: 'x' }] },
        { contentHash: 'c' },
      );
      assert.deepEqual(await h.store.search.unindexed(), [id]);
      await h.store.search.index(id, 'Unsearchable', 'x');
      assert.deepEqual(await h.store.search.unindexed(), []);
    });
  });
}
