import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { prewarmSqliteCache } from '../../src/store/prewarm.ts';
import { Store } from '../../src/store/store.ts';
import { OUTLETS } from '../helpers/seed.ts';
import { backends } from '../helpers/stores.ts';

const ARTICLES = 3_000;

describe('reading the newest articles into the page cache at start', () => {
  const dir = mkdtempSync(join(tmpdir(), 'meridian-prewarm-'));
  let store: Store;
  before(async () => {
    store = await Store.open({ dataDir: dir });
    const outlet = OUTLETS[0]!;
    await store.outlets.syncCatalog([outlet]);
    const paragraph = 'A paragraph long enough to fill pages of the article table. '.repeat(30);
    const now = new Date().toISOString();
    for (let from = 0; from < ARTICLES; from += 500) {
      const rows = Array.from({ length: 500 }, (_, k) => {
        const url = `https://example.org/news/${from + k}`;
        return {
          outlet_id: outlet.id,
          url,
          url_key: url,
          country: outlet.country,
          title: `Headline ${from + k}`,
          blocks: JSON.stringify([{ kind: 'p', text: paragraph }]),
          paywalled: 0,
          state: 'extracted',
          discovered_at: now,
          updated_at: now,
        };
      });
      await store.db.insertInto('articles').values(rows).execute();
    }
  });
  after(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('reads every article when the cache holds the whole file, yielding between chunks', async () => {
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const result = await prewarmSqliteCache(store, { cacheMb: 1024 });
    clearInterval(ticker);
    assert.equal(result.articles, ARTICLES);
    assert.ok(turns >= 1, 'timers ran while the cache was warmed');
  });

  test('reads only the newest share when the file is bigger than the cache', async () => {
    // About 5 MB of articles against a 2 MB cache, of which 80% may be filled.
    const result = await prewarmSqliteCache(store, { cacheMb: 2 });
    assert.ok(result.articles > 0 && result.articles < ARTICLES / 2, `read ${result.articles} articles`);
  });

  test('stops when asked to (shutdown)', async () => {
    const result = await prewarmSqliteCache(store, { cacheMb: 1024, signal: AbortSignal.abort() });
    assert.equal(result.articles, 0);
  });
});

for (const backend of await backends()) {
  if (backend.name !== 'postgres') continue;
  test('does nothing on PostgreSQL, which keeps its own buffers', { skip: backend.skip }, async () => {
    const h = await backend.open();
    try {
      assert.deepEqual(await prewarmSqliteCache(h.store, { cacheMb: 256 }), { articles: 0, ms: 0 });
    } finally {
      await h.cleanup();
    }
  });
}
