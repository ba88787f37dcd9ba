import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { translateArticle } from '../../src/translate/article.ts';
import { segmentKey } from '../../src/translate/cache.ts';
import type { Translator } from '../../src/translate/translator.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

/** The translation cache and glossary repositories (migration 002), on every backend. */
for (const backend of await backends()) {
  describe(`translation memory on ${backend.name}`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    before(async () => {
      h = await backend.open();
    });
    after(async () => h?.cleanup());

    test('segment cache: put many, get many, last write wins, missing keys absent', async () => {
      const cache = h.store.segmentCache;
      const k1 = segmentKey({ text: 'hola', source: 'es', target: 'en', provider: 'deepl', model: 'v2' });
      const k2 = segmentKey({ text: 'adiós', source: 'es', target: 'en', provider: 'deepl', model: 'v2' });
      await cache.putMany([
        { key: k1, text: 'hi', provider: 'deepl', model: 'v2' },
        { key: k2, text: 'bye', provider: 'deepl', model: 'v2' },
      ]);
      await cache.putMany([{ key: k1, text: 'hello', provider: 'deepl', model: 'v2' }]);
      const found = await cache.getMany([k1, k2, 'missing']);
      assert.deepEqual(Object.fromEntries(found), { [k1]: 'hello', [k2]: 'bye' });
      assert.deepEqual(await cache.counts(), [{ provider: 'deepl', model: 'v2', segments: 2 }]);
      assert.equal(await cache.purge('deepl', 'v2'), 2);
      assert.equal((await cache.getMany([k1])).size, 0);
    });

    test('segment cache: more keys than one statement holds', async () => {
      const rows = Array.from({ length: 1200 }, (_, i) => ({ key: `k${i}`, text: `t${i}`, provider: 'p', model: 'm' }));
      await h.store.segmentCache.putMany(rows);
      const found = await h.store.segmentCache.getMany(rows.map((r) => r.key));
      assert.equal(found.size, 1200);
      assert.equal(found.get('k1199'), 't1199');
      await h.store.segmentCache.purge('p');
    });

    test('an article translated twice through the store cache costs nothing the second time', async () => {
      let calls = 0;
      const translator: Translator = {
        name: 'upper',
        model: 'm',
        limits: { maxSegmentsPerRequest: 10, maxCharsPerRequest: 1000, concurrency: 1 },
        supports: () => true,
        translate: async (segments) => {
          calls++;
          return segments.map((s) => s.toUpperCase());
        },
      };
      const article = { title: 'título', blocks: [{ kind: 'p' as const, text: 'cuerpo' }], language: 'es' };
      const deps = { translator, cache: h.store.segmentCache, glossary: h.store.glossary, target: 'en' };
      const first = await translateArticle(article, deps);
      const second = await translateArticle(article, deps);
      assert.equal(calls, 1);
      assert.equal(second.providerCalls, 0);
      assert.deepEqual(second.blocks, first.blocks);
    });

    test('glossary: entries per language, operator entries win over learned ones, variants recorded', async () => {
      const g = h.store.glossary;
      assert.equal(
        await g.upsert({ sourceForm: 'Уиткофф', sourceLang: 'ru', english: 'Witkoff', kind: 'person' }),
        true,
      );
      assert.equal(
        await g.upsert({ sourceForm: 'Уиткофф', sourceLang: 'ru', english: 'Uitkoff', origin: 'story' }),
        false,
        'a learned name does not overwrite the operator',
      );
      await g.upsert({ sourceForm: 'Трамп', sourceLang: 'ru', english: 'Trump', kind: 'person', origin: 'story' });
      await g.upsert({ sourceForm: 'Witkoff', sourceLang: 'es', english: 'Witkoff' });
      await g.addVariant('ru', 'Уиткофф', 'Weikov');
      await g.addVariant('ru', 'Уиткофф', 'Weikov');
      const ru = await g.entriesFor('ru');
      assert.deepEqual(
        ru.map((e) => [e.sourceForm, e.english, e.origin, e.variants]),
        [
          ['Трамп', 'Trump', 'story', []],
          ['Уиткофф', 'Witkoff', 'operator', ['Weikov']],
        ].sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      );
      assert.equal((await g.list()).length, 3);
      assert.equal(await g.remove('es', 'Witkoff'), true);
      assert.equal(await g.get('es', 'Witkoff'), undefined);
    });
  });
}
