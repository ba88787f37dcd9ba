import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../../src/net/fetcher.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';
import { startServer, type TestServer } from '../net/test-server.ts';

for (const backend of await backends()) {
  describe(`politeness across the cluster on ${backend.name}`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    let server: TestServer;
    const stamps: number[] = [];
    before(async () => {
      h = await backend.open();
      server = await startServer({
        '/page': (_req, res) => {
          stamps.push(Date.now());
          res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        },
      });
    });
    after(async () => {
      await server?.close();
      await h?.cleanup();
    });

    test('turns reserved at once for one host are spaced one delay apart; other hosts are free', async () => {
      const waits = await Promise.all(Array.from({ length: 4 }, () => h.store.hostTurns.reserve('a.example', 400)));
      waits.sort((x, y) => x - y);
      // The database spaces the four reservations 0, 400, 800 and 1200 ms after its clock's now
      // (less the few ms the statements took).
      for (const [i, w] of waits.entries()) assert.ok(w <= i * 400 && w > i * 400 - 200, `wait ${i}: ${w} ms`);
      assert.equal(await h.store.hostTurns.reserve('b.example', 400), 0);
    });

    test('claiming takes one job per host, skips hosts at their concurrency or not yet due, and spreads a worker over many hosts', async () => {
      const { jobs } = h.store;
      for (const host of ['h1.example', 'h2.example', 'h3.example'])
        for (let n = 0; n < 4; n++) await jobs.enqueue('fetch', { n }, { host });
      await jobs.enqueue('translate', {});
      const policy = { hostConcurrency: 1, turnSlackMs: 0 };
      const first = await jobs.claim(['fetch', 'translate'], 'w1', 10, new Date(), policy);
      const hostsOf = async (ids: number[]) =>
        (await h.store.db.selectFrom('jobs').select(['host']).where('id', 'in', ids).execute()).map((r) => r.host);
      assert.deepEqual(
        (await hostsOf(first.map((j) => j.id))).sort(),
        ['h1.example', 'h2.example', 'h3.example', null].sort(),
        'one job of each host (and the hostless one), not ten of the first host',
      );
      assert.deepEqual(
        await jobs.claim(['fetch'], 'w2', 10, new Date(), policy),
        [],
        'every host is at its concurrency (1) in the cluster',
      );
      const h1 = first.find((j) => (j.payload as { n?: number }).n !== undefined) as { id: number };
      await jobs.complete(h1.id);
      // The host whose job finished is free again, unless its next turn is not due yet.
      const [freedHost] = await hostsOf([h1.id]);
      await h.store.hostTurns.reserve(freedHost as string, 60_000);
      await h.store.hostTurns.reserve(freedHost as string, 60_000);
      assert.deepEqual(await jobs.claim(['fetch'], 'w2', 10, new Date(), policy), [], 'its turn is a minute away');
      assert.equal((await jobs.claim(['fetch'], 'w2', 10, new Date(), { ...policy, hostConcurrency: 2 })).length, 2);
    });

    test('two fetchers (two workers) sharing the store keep the host delay between them', async () => {
      const make = () =>
        new Fetcher({
          allowPrivateAddresses: true,
          hostDelayMs: 300,
          respectRobots: false,
          sharedTurns: h.store.hostTurns,
        });
      const a = make();
      const b = make();
      try {
        stamps.length = 0;
        await Promise.all(
          Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).fetch(server.url('/page'), { purpose: 'page' })),
        );
        const gaps = stamps.slice(1).map((t, i) => t - (stamps[i] as number));
        assert.equal(stamps.length, 6);
        // Each fetcher alone spaces its own three requests; only the shared turns space the pairs
        // (without them, a's and b's requests arrive together). Arrival times carry the jitter of
        // opening connections, hence the margin.
        assert.ok(Math.min(...gaps) >= 200, `gaps between requests: ${gaps.join(', ')} ms`);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
