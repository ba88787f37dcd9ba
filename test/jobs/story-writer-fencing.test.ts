import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { Config } from '../../src/config/config.ts';
import { StoryService } from '../../src/jobs/story-service.ts';
import { StoryWriterRole } from '../../src/jobs/story-writer.ts';
import { pgClientConfig } from '../../src/store/connect.ts';
import { advisoryKey, LockLostError, PostgresSessionLock } from '../../src/store/session-lock.ts';
import { Store } from '../../src/store/store.ts';
import { hoursAgo, OUTLETS, type SeededArticle, seed } from '../helpers/seed.ts';
import { backends, PG_URL, type StoreHandle } from '../helpers/stores.ts';
import { startTcpProxy } from '../helpers/tcp-proxy.ts';

/**
 * The story writer's lock is checked where stories are written, not only where story jobs are
 * claimed: a writer that lost the lock in the middle of a job (its session ended by the server
 * while it did not hear) must write nothing, and a new writer must not rebuild its stories while
 * the old one's last write is still open.
 */
const config = Config.fromEnv({ LOG_LEVEL: 'silent' });
const pgBackend = (await backends()).find((b) => b.name === 'postgres');

const EVENT = 'Volcanic eruption in Iceland forces evacuation of fishing town near Reykjavik';
function article(i: number): SeededArticle {
  return {
    outletId: 'npr',
    country: 'US',
    language: 'en',
    title: EVENT,
    blocks: [{ kind: 'p', text: `${EVENT}. Reporters on the scene described the events of the day in detail.` }],
    published: hoursAgo(1),
    url: `https://example.org/npr/fence-${i}`,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Ends the session holding advisory lock `name` of `schema` (as the server does to a dead client); returns its pid. */
async function endHolder(name: string, schema: string): Promise<number> {
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    const key = BigInt(advisoryKey(name, schema));
    const { rows } = await admin.query<{ pid: number; classid: string; objid: string }>(
      `SELECT pid, classid::text, objid::text FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1`,
    );
    const holder = rows.find((r) => BigInt.asIntN(64, (BigInt(r.classid) << 32n) | BigInt(r.objid)) === key);
    assert.ok(holder, `someone holds ${name}`);
    await admin.query('SELECT pg_terminate_backend($1)', [holder.pid]);
    // The lock is free once the session is gone.
    for (let i = 0; i < 100; i++) {
      const { rows: left } = await admin.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [holder.pid]);
      if (left.length === 0) return holder.pid;
      await sleep(50);
    }
    throw new Error(`session ${holder.pid} did not end`);
  } finally {
    await admin.end();
  }
}

describe('story writes fenced by the story-writer lock (PostgreSQL)', { skip: pgBackend?.skip }, () => {
  let h: StoreHandle;
  let other: Store;
  let schema: string;
  before(async () => {
    h = await (pgBackend as NonNullable<typeof pgBackend>).open();
    schema = h.schema as string;
    // A second "process": its own pool on the same store.
    other = await Store.open({ databaseUrl: PG_URL, pgSchema: schema, migrate: false });
  });
  after(async () => {
    await other?.close();
    await h?.cleanup();
  });

  test('a writer whose session was ended without its hearing writes nothing once another has taken over', async () => {
    const [id] = await seed(h.store, [article(0)], OUTLETS);
    const url = new URL(PG_URL);
    const proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const proxied = new URL(PG_URL);
    proxied.port = String(proxy.port);
    const a = new StoryService(h.store, config);
    const b = new StoryService(other, config);
    // A holds its lock through the relay, so its session can be cut without it hearing.
    const roleA = new StoryWriterRole(
      h.store,
      a,
      60_000,
      (onLost) => new PostgresSessionLock(pgClientConfig(proxied.href, schema), 'story-writer', schema, onLost),
    );
    const roleB = new StoryWriterRole(other, b, 60_000);
    try {
      await roleA.start();
      assert.equal(roleA.active, true);
      proxy.partition();
      await endHolder('story-writer', schema);
      await roleB.start();
      assert.equal(roleB.active, true, 'the lock passed to B');
      assert.equal(roleA.active, true, 'A has not heard: only the database knows');

      await assert.rejects(a.assign(id as number), LockLostError);
      assert.equal(await h.store.stories.storyOf(id as number), undefined, 'A assigned nothing');
      const stories = await h.store.db.selectFrom('stories').select('id').execute();
      assert.deepEqual(stories, [], 'A created no story');

      const story = await b.assign(id as number);
      assert.ok(story, 'the writer that holds the lock writes');
      assert.equal(await other.stories.storyOf(id as number), story.id);
    } finally {
      await proxy.close();
      await roleA.stop();
      await roleB.stop();
    }
  });

  test('a new holder waits for the old holder’s fenced write to end before it acts', async () => {
    const lockA = h.store.sessionLock('fence-wait');
    const lockB = other.sessionLock('fence-wait');
    let open: () => void = () => {};
    const gate = new Promise<void>((r) => {
      open = r;
    });
    try {
      assert.equal(await lockA.tryAcquire(), true);
      let entered!: () => void;
      const inside = new Promise<void>((r) => {
        entered = r;
      });
      const write = h.store.transaction(async (tx) => {
        await lockA.assertHeldIn(tx.db);
        entered();
        await gate;
        const storyId = await tx.stories.allocateId();
        await tx.stories.insertWithId(storyId, {
          title: 'written by the old holder',
          firstSeen: hoursAgo(1),
          lastSeen: hoursAgo(1),
          countries: ['US'],
          outlets: ['npr'],
          languages: ['en'],
          articleCount: 0,
        });
        return storyId;
      });
      await inside;
      // A's session ends while its write is open; B asks for the lock.
      await endHolder('fence-wait', schema);
      let acquired: boolean | undefined;
      const taking = lockB.tryAcquire().then((held) => {
        acquired = held;
      });
      await sleep(700);
      assert.equal(acquired, undefined, 'B does not hold the lock while A’s write is open');
      open();
      const storyId = await write;
      await taking;
      assert.equal(acquired, true, 'B holds it once A’s write has ended');
      assert.equal((await other.stories.get(storyId))?.title, 'written by the old holder', 'and B sees that write');
    } finally {
      open(); // a failed assertion must not leave the write's transaction open
      await lockA.release();
      await lockB.release();
    }
  });
});
