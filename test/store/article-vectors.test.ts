import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hoursAgo, OUTLETS, seed } from '../helpers/seed.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

for (const backend of await backends()) {
  describe(`article vectors on ${backend.name}`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    let ids: number[] = [];
    before(async () => {
      h = await backend.open();
      ids = await seed(
        h.store,
        Array.from({ length: 3 }, (_, i) => ({
          outletId: 'npr',
          country: 'US',
          language: 'en',
          title: `Report ${i}`,
          blocks: [{ kind: 'p' as const, text: `Body of report ${i}.` }],
          published: hoursAgo(1),
          url: `https://example.org/npr/vector-${i}`,
        })),
        OUTLETS,
      );
    });
    after(async () => h?.cleanup());

    test('vectors come back as stored, per model; one stored again is replaced', async () => {
      const [a, b, c] = ids as [number, number, number];
      const v = Float32Array.from({ length: 1024 }, (_, i) => Math.sin(i) / (i + 1));
      await h.store.articleVectors.putMany(
        'm1',
        new Map<number, ArrayLike<number>>([
          [a, v],
          [b, [1, -2.5, 3e-8]],
        ]),
      );
      await h.store.articleVectors.putMany('m2', new Map([[a, [9, 9]]]));
      const m1 = await h.store.articleVectors.getMany([a, b, c, a], 'm1');
      assert.deepEqual([...m1.keys()].sort(), [a, b].sort(), 'no vector for an article never embedded');
      assert.deepEqual(m1.get(a), v, 'every float32 exactly');
      assert.deepEqual([...(m1.get(b) ?? [])], [1, -2.5, Math.fround(3e-8)]);
      assert.deepEqual([...((await h.store.articleVectors.getMany([a], 'm2')).get(a) ?? [])], [9, 9]);
      await h.store.articleVectors.putMany('m1', new Map([[b, [0.5]]]));
      assert.deepEqual([...((await h.store.articleVectors.getMany([b], 'm1')).get(b) ?? [])], [0.5]);
    });
  });
}
