import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { Config } from '../../src/config/config.ts';
import { StoryService } from '../../src/jobs/story-service.ts';
import { StoryWriterRole } from '../../src/jobs/story-writer.ts';
import { advisoryKey } from '../../src/store/session-lock.ts';
import { Store } from '../../src/store/store.ts';
import { hoursAgo, OUTLETS, type SeededArticle, seed } from '../helpers/seed.ts';
import { backends, PG_URL, type StoreHandle } from '../helpers/stores.ts';

const config = Config.fromEnv({ LOG_LEVEL: 'silent' });

const TOPICS = [
  'Volcanic eruption in Iceland forces evacuation of fishing town near Reykjavik',
  'Central bank of Brazil raises interest rates to curb inflation after soaring food prices',
  'Wildfire in Canadian province of Alberta destroys thousands of hectares of boreal forest',
  'Chess world championship in Singapore ends in dramatic tiebreak after fourteen games',
];

function article(i: number): SeededArticle {
  const topic = TOPICS[i % TOPICS.length] as string;
  return {
    outletId: 'npr',
    country: 'US',
    language: 'en',
    title: topic,
    blocks: [{ kind: 'p', text: `${topic}. Reporters on the scene described the events of the day in detail.` }],
    published: hoursAgo(1),
    url: `https://example.org/npr/writer-${i}`,
  };
}

for (const backend of await backends()) {
  describe(`story ids and takes on ${backend.name}`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    before(async () => {
      h = await backend.open();
    });
    after(async () => h?.cleanup());

    test('story ids come from the database: two writers starting together never share one, and an id is never overwritten', async () => {
      const ids = await seed(h.store, [article(0), article(1)], OUTLETS);
      // Two services that both start before either writes: with ids counted from max(id)+1 in
      // each process, both named their first story alike and the second overwrote the first.
      const a = new StoryService(h.store, config);
      const b = new StoryService(h.store, config);
      const [sa, sb] = await Promise.all([a.assign(ids[0] as number), b.assign(ids[1] as number)]);
      assert.ok(sa && sb);
      assert.notEqual(sa.id, sb.id);
      assert.equal((await h.store.stories.get(sa.id))?.title, TOPICS[0], 'the first story keeps its own row');
      assert.equal((await h.store.stories.get(sb.id))?.title, TOPICS[1]);
      assert.deepEqual(await h.store.stories.articleIds(sa.id), [ids[0]]);
      const next = await h.store.stories.allocateId();
      assert.ok(next > Math.max(sa.id, sb.id), 'allocation goes on past every id handed out');
      await assert.rejects(
        h.store.stories.insertWithId(sa.id, {
          title: 'intruder',
          firstSeen: hoursAgo(1),
          lastSeen: hoursAgo(1),
          countries: [],
          outlets: [],
          languages: [],
          articleCount: 1,
        }),
        'writing a new story under a used id fails instead of overwriting it',
      );
      assert.equal((await h.store.stories.get(sa.id))?.title, TOPICS[0]);
    });

    test('take versions written at once for one story are numbered one after the other', async () => {
      const storyId = await h.store.stories.allocateId();
      const now = hoursAgo(0);
      await h.store.stories.insertWithId(storyId, {
        title: 'Merged',
        firstSeen: now,
        lastSeen: now,
        countries: ['US'],
        outlets: ['npr'],
        languages: ['en'],
        articleCount: 2,
      });
      const take = {
        storyId,
        sections: [],
        countries: ['US'],
        outletCount: 1,
        provider: 'extractive',
        model: '',
        createdAt: now,
      };
      const versions = await Promise.all(Array.from({ length: 6 }, () => h.store.worldTakes.add(take)));
      assert.deepEqual(
        versions.sort((x, y) => x - y),
        [1, 2, 3, 4, 5, 6],
      );
    });
  });
}

const pgBackend = (await backends()).find((b) => b.name === 'postgres');

describe('one story writer across the cluster (PostgreSQL advisory lock)', { skip: pgBackend?.skip }, () => {
  let h: StoreHandle;
  let other: Store;
  before(async () => {
    h = await (pgBackend as NonNullable<typeof pgBackend>).open();
    const schema = (
      await h.store.db.selectNoFrom((eb) => eb.fn<string>('current_schema', []).as('s')).executeTakeFirst()
    )?.s as string;
    // A second "process": its own pool on the same store.
    other = await Store.open({ databaseUrl: PG_URL, pgSchema: schema, migrate: false });
  });
  after(async () => {
    await other?.close();
    await h?.cleanup();
  });

  test('one process holds the role; when its session ends another takes over and rebuilds from the store', async () => {
    const ids = await seed(h.store, [article(0), article(2), article(4)], OUTLETS);
    const first = new StoryService(h.store, config);
    const second = new StoryService(other, config);
    const roleA = new StoryWriterRole(h.store, first, 60_000);
    const roleB = new StoryWriterRole(other, second, 60_000);
    let tookOver = 0;
    roleB.onTakeOver = () => tookOver++;
    await roleA.start();
    await roleB.start();
    try {
      assert.equal(roleA.active, true);
      assert.equal(roleB.active, false, 'a second process does not write stories while the first lives');

      const s0 = await first.assign(ids[0] as number);
      // The writer's session is cut as when its process is killed: the server frees the lock.
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      // pg_locks shows a 64-bit advisory key as its high (classid) and low (objid) 32 bits.
      const { rows } = await admin.query<{ pid: number; classid: string; objid: string }>(
        `SELECT pid, classid::text, objid::text FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1`,
      );
      const key = BigInt(advisoryKeyOf(h));
      const holder = rows.find((r) => BigInt.asIntN(64, (BigInt(r.classid) << 32n) | BigInt(r.objid)) === key);
      assert.ok(holder, 'the writer holds the advisory lock of this store');
      await admin.query('SELECT pg_terminate_backend($1)', [holder.pid]);
      await admin.end();
      for (let i = 0; i < 50 && roleA.active; i++) {
        await roleA.check();
        if (roleA.active) await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(roleA.active, false, 'the old writer notices it lost the lock');
      await roleB.check();
      assert.equal(roleB.active, true);
      assert.equal(tookOver, 1);
      // The new writer knows the story the old one made: a second article of that event joins it.
      const s2 = await second.assign(ids[2] as number);
      assert.equal(s2?.id, s0?.id);
      assert.equal((await other.stories.get(s0?.id as number))?.articleCount, 2);
    } finally {
      await roleA.stop();
      await roleB.stop();
    }
  });
});

function advisoryKeyOf(h: StoreHandle): string {
  // Same key as the store's: the lock name in the store's schema.
  const schema = (h.store as unknown as { connectOptions: { pgSchema?: string } }).connectOptions.pgSchema ?? 'public';
  return advisoryKey('story-writer', schema);
}
