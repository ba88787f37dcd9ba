import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { backends, PG_URL, type StoreHandle } from '../helpers/stores.ts';

// Several workers claim from one queue at once. On PostgreSQL a claim's snapshot can still show a
// job as queued after another worker's claim committed; the row lock must re-check the job's
// state, or the job runs twice. Each claimed job is held a moment so claims overlap.
const postgres = (await backends()).find((b) => b.name === 'postgres');

describe('job claims under concurrency (PostgreSQL)', { skip: postgres?.skip }, () => {
  let h: StoreHandle;
  const others: Store[] = [];
  before(async () => {
    h = await postgres!.open();
    const schema = h.schema;
    for (let i = 0; i < 5; i++)
      others.push(await Store.open({ databaseUrl: PG_URL, pgSchema: schema, migrate: false }));
  });
  after(async () => {
    for (const s of others) await s.close();
    await h?.cleanup();
  });

  test('six workers claiming 240 jobs at once: every job is claimed exactly once', async () => {
    for (let i = 0; i < 240; i++) await h.store.jobs.enqueue('extract', { articleId: i });
    const claimed = new Map<number, string[]>();
    const workers = [h.store, ...others].map(async (store, w) => {
      const name = `w${w}`;
      for (let empty = 0; empty < 3; ) {
        const jobs = await store.jobs.claim(['extract'], name, 4);
        assert.ok(jobs.length <= 4, `a claim takes at most its limit, took ${jobs.length}`);
        if (jobs.length === 0) {
          empty++;
          continue;
        }
        empty = 0;
        for (const job of jobs) claimed.set(job.id, [...(claimed.get(job.id) ?? []), name]);
        await new Promise((r) => setTimeout(r, 2));
        for (const job of jobs) await store.jobs.complete(job.id, name);
      }
    });
    await Promise.all(workers);
    const twice = [...claimed].filter(([, by]) => by.length > 1);
    assert.deepEqual(twice, [], 'no job claimed by two workers');
    assert.equal(claimed.size, 240, 'every job was claimed');
  });
});
