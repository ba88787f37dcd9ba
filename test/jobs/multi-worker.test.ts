import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { Store } from '../../src/store/store.ts';
import { type PrivatePostgres, startPrivatePostgres } from '../helpers/private-postgres.ts';
import {
  assignments,
  drained,
  gapsOf,
  inconsistentStories,
  PIPELINE_KINDS,
  pairAgreement,
  spawnWorker,
  startWorld,
  type WorkerProcess,
  waitFor,
} from '../helpers/world-sites.ts';

/**
 * The cluster as an operator runs it: `meridian worker` processes on a PostgreSQL server of the
 * test's own (it is restarted mid-run; the shared server on 5432 must never be), fetching four
 * local news sites that cover the same ten events.
 */
const pg = await startPrivatePostgres().catch((err: Error) => {
  process.stderr.write(`\n*** private PostgreSQL did not start: ${err.message} ***\n`);
  return undefined;
});
let skip: string | false = false;
if (!pg) {
  if (process.env.MERIDIAN_REQUIRE_POSTGRES === '1')
    throw new Error('PostgreSQL server binaries are required (MERIDIAN_REQUIRE_POSTGRES=1) for the multi-worker test');
  skip = 'PostgreSQL server binaries (initdb, pg_ctl) not found: multi-worker test SKIPPED';
  process.stderr.write(`\n*** ${skip} ***\n\n`);
}

const ROOT = resolve(import.meta.dirname, '../..');
const SITES = 4;
const EVENTS = 10;
const TOTAL = SITES * EVENTS;
const DELAY_MS = 200;
/** The most a request may arrive after its turn (see the politeness assertion). */
const JITTER_MS = 300;

describe('three workers on PostgreSQL', { skip }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-multi-'));
  const workers: WorkerProcess[] = [];
  const stores: Store[] = [];
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    for (const s of stores) await s.close().catch(() => {});
    (pg as PrivatePostgres).stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('three workers, one killed and the server restarted mid-run: one worker’s stories, polite, nothing lost, doubled or stuck', async () => {
    const server = pg as PrivatePostgres;
    const world = await startWorld({ sites: SITES, events: EVENTS, pageDelayMs: 20 });
    const env = (database: string) => ({
      DATABASE_URL: server.url(database),
      MERIDIAN_DATA_DIR: join(dir, database),
      MERIDIAN_CATALOG_FILE: world.writeCatalog(join(dir, 'catalog.json')),
      MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true',
      MERIDIAN_HOST_DELAY_MS: String(DELAY_MS),
      MERIDIAN_HOST_CONCURRENCY: '1',
      MERIDIAN_TRANSLATOR: 'none',
      MERIDIAN_JOB_STALE_S: '3',
      LOG_LEVEL: 'info',
    });
    try {
      // One worker alone: the stories to compare with.
      server.createDatabase('single');
      const alone = spawnWorker(ROOT, env('single'));
      workers.push(alone);
      const single = await Store.open({ databaseUrl: server.url('single'), migrate: false }).catch(async () => {
        await waitFor(
          'the single worker to migrate',
          async () => (/running on/.test(alone.log()) ? true : undefined),
          60_000,
        );
        return Store.open({ databaseUrl: server.url('single'), migrate: false });
      });
      stores.push(single);
      await waitFor('the single worker to finish', () => drained(single, TOTAL), 60_000);
      alone.child.kill('SIGTERM');
      await alone.exited;
      const expected = await assignments(single);
      assert.equal(expected.size, TOTAL);
      for (const site of world.sites) site.requests.length = 0;

      // Three workers; the first one started becomes the story writer.
      server.createDatabase('multi');
      const first = spawnWorker(ROOT, env('multi'));
      workers.push(first);
      await waitFor(
        'the first worker to write stories',
        async () => (/now the story writer/.test(first.log()) ? true : undefined),
        60_000,
      );
      const others = [
        spawnWorker(ROOT, env('multi')),
        spawnWorker(ROOT, env('multi'), ['--stages', 'fetch,translate,stories']),
      ];
      workers.push(...others);
      const multi = await Store.open({ databaseUrl: server.url('multi'), migrate: false });
      stores.push(multi);

      // The story writer is killed once a quarter of the articles are in, the server restarted at half.
      await waitFor(
        'a quarter of the articles',
        async () => ((await multi.articles.count()) >= TOTAL / 4 ? true : undefined),
        60_000,
      );
      first.child.kill('SIGKILL');
      await first.exited;
      await waitFor(
        'half of the articles clustered',
        async () => (((await multi.articles.countByState()).clustered ?? 0) >= TOTAL / 2 ? true : undefined),
        60_000,
      );
      server.restart();
      await waitFor('the survivors to finish', () => drained(multi, TOTAL), 90_000).catch(async (err: Error) => {
        // What was left, and what the survivors last said: enough to tell a stuck job from a
        // story writer that never came back.
        const states = JSON.stringify(await multi.articles.countByState());
        const jobs = JSON.stringify(await multi.jobs.counts());
        const tails = others.map((w, i) => `--- survivor ${i + 1} ---\n${w.log().split('\n').slice(-30).join('\n')}`);
        throw new Error(`${err.message}\narticles ${states}\njobs ${jobs}\n${tails.join('\n')}`);
      });

      // Nothing lost, nothing doubled, nothing stuck.
      const got = await assignments(multi);
      assert.equal(await multi.articles.count(), TOTAL, 'every article stored once');
      assert.equal(got.size, TOTAL, 'every article in one story');
      const counts = await multi.jobs.counts();
      for (const kind of PIPELINE_KINDS) {
        assert.equal(counts[kind]?.running ?? 0, 0, `no ${kind} job left running`);
        assert.equal(counts[kind]?.parked ?? 0, 0, `no ${kind} job parked by the faults`);
      }
      assert.deepEqual(await inconsistentStories(multi), [], 'stored counts and countries match the assignments');
      // Story ids from the database: no id holds two stories (ids are unique, so compare groups).
      const agreement = pairAgreement(expected, got);
      assert.ok(agreement >= 0.97, `pair agreement with the single worker: ${agreement.toFixed(3)}`);
      // The survivors say what they did.
      const survivorLog = others.map((w) => w.log()).join('\n');
      assert.match(survivorLog, /now the story writer/, 'another worker took over story writing');
      // The restart reached them: their connections were cut. Whether one also found the server
      // still down (and waited) depends on whether it asked during the restart's second or two.
      assert.match(
        survivorLog,
        /PostgreSQL connection lost; it will be reopened|store unreachable; waiting for it/,
        'the restart reached the survivors',
      );
      assert.ok(
        others.every((w) => w.child.exitCode === null),
        'the survivors lived through the restart',
      );

      // Polite together: one request at a time per host, the delay between any two.
      for (const site of world.sites) {
        const gaps = gapsOf(site);
        assert.ok(site.maxInFlight <= 1, `${site.host}: ${site.maxInFlight} requests at once`);
        // Requests start on turns a delay apart; each arrives some jitter after its turn (a new
        // connection; on a loaded 2-core machine, a process waiting for a core: up to a few
        // hundred ms). So any k consecutive gaps together span at least k delays less the largest
        // jitter, JITTER_MS. Workers that did not share turns would send twice as often and fail
        // this over any four gaps.
        const shown = `${site.host}: gaps ${gaps.join(', ')} ms`;
        for (let i = 0; i < gaps.length; i++) {
          let span = 0;
          for (let k = 1; i + k <= gaps.length; k++) {
            span += gaps[i + k - 1] as number;
            assert.ok(span >= k * DELAY_MS - JITTER_MS, `${shown}: ${k} gaps from #${i} span ${span} ms`);
          }
        }
        const pages = site.requests.filter((r) => r.path.startsWith('/news/')).map((r) => r.path);
        assert.equal(new Set(pages).size, EVENTS, `${site.host}: every page fetched`);
      }
    } finally {
      await world.close();
    }
  });
});
