import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import pg from 'pg';
import { Config, ConfigError } from '../../src/config/config.ts';
import { Pipeline } from '../../src/jobs/pipeline.ts';
import { defaultStages } from '../../src/jobs/stages-default.ts';
import { type JobHandler, Worker } from '../../src/jobs/worker.ts';
import { Fetcher } from '../../src/net/fetcher.ts';
import { backends, PG_URL, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ LOG_LEVEL: 'silent', MERIDIAN_ALLOW_PRIVATE_ADDRESSES: 'true' });

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const backendList = await backends();

for (const backend of backendList) {
  describe(`worker on ${backend.name}`, { skip: backend.skip }, () => {
    const handles: StoreHandle[] = [];
    const workers: Worker[] = [];
    after(async () => {
      for (const w of workers) await w.stop(100);
      for (const h of handles) await h.cleanup();
    });

    test("a silent worker's running job is taken back by a living worker within the window; a live one's long job is not", async () => {
      const h = await backend.open();
      handles.push(h);
      const { store } = h;
      const orphan = await store.jobs.enqueue('x', { n: 1 });
      // Claimed by a worker that then falls silent (killed): no heartbeat ever comes.
      await store.jobs.claim(['x'], 'elsewhere:1:dead');
      const slow = await store.jobs.enqueue('slow', {});
      const runs = new Map<string, number>();
      // The window: heartbeats come every third of it, so only a stall of two thirds (1.3 s) on a
      // loaded machine could make a live job look dead. (With 600 ms, a 400 ms stall did.)
      const WINDOW_MS = 2000;
      const count: JobHandler = async (job) => {
        runs.set(`${job.kind}#${job.id}`, (runs.get(`${job.kind}#${job.id}`) ?? 0) + 1);
        // Longer than the window, and until the orphan has been taken back and run: only its
        // heartbeats keep it from being taken back meanwhile.
        if (job.kind === 'slow') {
          const started = Date.now();
          await until('the orphan to run', async () => runs.has(`x#${orphan}`));
          const left = started + 2.5 * WINDOW_MS - Date.now();
          if (left > 0) await new Promise((r) => setTimeout(r, left));
        }
        return { status: 'done' };
      };
      const worker = new Worker(
        store,
        { x: count, slow: count },
        { concurrency: 2, idleMs: 20, retryDelayMs: () => 0, staleAfterMs: WINDOW_MS },
      );
      workers.push(worker);
      worker.start();
      await until(
        'both jobs done',
        async () => (await store.jobs.counts()).x?.done === 1 && (await store.jobs.counts()).slow?.done === 1,
      );
      assert.equal(runs.get(`x#${orphan}`), 1, 'the orphaned job ran, once');
      assert.equal(runs.get(`slow#${slow}`), 1, 'the long job of a live worker was not run twice');
    });
  });
}

describe('worker stages', () => {
  test('a worker runs only the job kinds of its stages; an unknown stage is an error naming the setting', async () => {
    const { openSqlite } = await import('../helpers/stores.ts');
    const h = await openSqlite();
    const fetcher = new Fetcher({ allowPrivateAddresses: true });
    try {
      const kindsOf = (stages: string) =>
        new Pipeline(
          h.store,
          defaultStages(config, fetcher),
          Config.fromEnv({ LOG_LEVEL: 'silent', MERIDIAN_WORKER_STAGES: stages }),
          {
            handlers: {
              translate: async () => undefined,
              'translate-body': async () => undefined,
              cluster: async () => undefined,
              take: async () => undefined,
            },
          },
        ).kinds.sort();
      assert.deepEqual(kindsOf('fetch'), ['fetch', 'image', 'logo', 'poll']);
      assert.deepEqual(kindsOf('translate,stories'), ['cluster', 'take', 'translate', 'translate-body']);
      assert.deepEqual(kindsOf('fetch,translate,stories'), [
        'cluster',
        'fetch',
        'image',
        'logo',
        'poll',
        'take',
        'translate',
        'translate-body',
      ]);
      assert.throws(
        () => kindsOf('fetch,cluster'),
        (err) => err instanceof ConfigError && /MERIDIAN_WORKER_STAGES/.test(err.setting),
      );
    } finally {
      await fetcher.close();
      await h.cleanup();
    }
  });
});

const pgBackend = backendList.find((b) => b.name === 'postgres');

describe('worker when PostgreSQL drops its connections', { skip: pgBackend?.skip }, () => {
  test('connections cut mid-run (as by a server restart): the process lives on, every job is done once, no attempt is lost', async () => {
    const h = await (pgBackend as NonNullable<typeof pgBackend>).open();
    const { store } = h;
    const schema = (await store.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirst())
      ?.s as string;
    const total = 40;
    for (let n = 0; n < total; n++) await store.jobs.enqueue('work', { n }, { maxAttempts: 1 });
    const done = new Set<number>();
    const handler: JobHandler = async (job) => {
      // Each job reads and writes the store, as the pipeline's do.
      await store.jobs.counts();
      await new Promise((r) => setTimeout(r, 30));
      done.add((job.payload as { n: number }).n);
      return { status: 'done' };
    };
    const worker = new Worker(store, { work: handler }, { concurrency: 4, idleMs: 20, retryDelayMs: () => 0 });
    worker.start();
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    try {
      // Every session of this store (the worker's pool) is terminated, three times over.
      // Each cut waits for the pool to have sessions again: after a cut the worker reconnects with
      // backoff, and on a loaded machine a fixed 150 ms found none to cut.
      for (let cut = 0; cut < 3; cut++) {
        await new Promise((r) => setTimeout(r, 150));
        await until('the store to have sessions to cut', async () => {
          const { rows } = await admin.query<{ n: string }>(
            'SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1',
            [`meridian:${schema}`],
          );
          return Number(rows[0]?.n ?? 0) > 0;
        });
        const cut = await admin.query(
          'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1',
          [`meridian:${schema}`],
        );
        assert.ok(cut.rowCount && cut.rowCount > 0, 'the store had sessions to cut');
      }
      await until('every job done', async () => {
        try {
          return (await store.jobs.counts()).work?.done === total;
        } catch {
          return false;
        }
      });
      const counts = await store.jobs.counts();
      assert.equal(counts.work?.done, total);
      assert.equal(counts.work?.parked, undefined, 'no job was parked for the outage (it had one attempt)');
      assert.equal(done.size, total);
    } finally {
      await admin.end();
      await worker.stop(500);
      await h.cleanup();
    }
  });
});
