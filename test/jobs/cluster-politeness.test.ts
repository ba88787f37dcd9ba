import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Fetcher } from '../../src/net/fetcher.ts';
import { dbNowMs } from '../../src/store/repositories/host-turns.ts';
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
      const { db, dialect } = h.store;
      const dbNow = async () =>
        Number((await db.selectNoFrom(dbNowMs(dialect).as('now')).executeTakeFirstOrThrow()).now);
      const nextTurn = async () =>
        Number(
          (
            await db
              .selectFrom('host_turns')
              .select('next_ms')
              .where('host', '=', 'a.example')
              .executeTakeFirstOrThrow()
          ).next_ms,
        );
      // A turn already waiting (a minute away, as after a Retry-After) makes the turns exact
      // whatever the statements' timing: a statement delayed on a loaded machine would otherwise
      // find the previous turn passed and, rightly, start from its own now.
      await h.store.hostTurns.pause('a.example', 60_000);
      const first = await nextTurn();
      const before = await dbNow();
      const waits = await Promise.all(Array.from({ length: 4 }, () => h.store.hostTurns.reserve('a.example', 400)));
      const after = await dbNow();
      assert.equal(await nextTurn(), first + 4 * 400, 'each reservation took the next turn, one delay on: none shared');
      // The four turns are first, first + 400, + 800 and + 1200; each wait counts from its own
      // statement's clock, read between `before` and `after`.
      const sum = waits.reduce((a, b) => a + b, 0);
      const turns = 4 * first + (0 + 1 + 2 + 3) * 400;
      assert.ok(sum >= turns - 4 * after && sum <= turns - 4 * before, `waits ${waits.join(', ')} ms`);
      for (const w of waits) assert.ok(w >= first - after && w <= first + 1200 - before, `wait ${w} ms`);
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
      const DELAY_MS = 400;
      const make = () =>
        new Fetcher({
          allowPrivateAddresses: true,
          hostDelayMs: DELAY_MS,
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
        // (without them, a's and b's requests arrive together, gaps near 0). A request arrives at
        // its turn or later, never earlier: late by the time to open a connection and be read,
        // up to ~100 ms and more on a loaded machine. So any two requests i < j arrive at least
        // (j - i) delays apart less the lateness of the earlier one, bounded here generously.
        const LATE_MS = DELAY_MS * 0.65;
        const shown = `gaps between requests: ${gaps.join(', ')} ms`;
        for (let i = 0; i < stamps.length; i++)
          for (let j = i + 1; j < stamps.length; j++)
            assert.ok((stamps[j] as number) - (stamps[i] as number) >= (j - i) * DELAY_MS - LATE_MS, shown);
      } finally {
        await a.close();
        await b.close();
      }
    });
  });
}
