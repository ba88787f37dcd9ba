import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Kysely } from 'kysely';
import { compiledOnce } from '../../src/store/compiled.ts';
import { hoursAgo, OUTLETS, seed } from '../helpers/seed.ts';
import { backends, type StoreHandle } from '../helpers/stores.ts';

for (const backend of await backends()) {
  describe(`compiled statements with named parameters (${backend.name})`, { skip: backend.skip }, () => {
    let h: StoreHandle;
    let ids: number[];
    before(async () => {
      h = await backend.open();
      ids = await seed(
        h.store,
        ['en', 'de'].map((language, i) => ({
          outletId: i === 0 ? 'npr' : 'dw',
          country: i === 0 ? 'US' : 'DE',
          language,
          title: `Headline ${language}`,
          blocks: [{ kind: 'p' as const, text: 'Body.' }],
          published: hoursAgo(1 + i),
        })),
        OUTLETS,
      );
    });
    after(async () => h?.cleanup());

    const db = () => h.store.db as unknown as Kysely<never>;

    test('each named value lands in its own placeholder, whatever their order in the SQL', async () => {
      // `outlet` comes before `id` in the compiled SQL, the opposite of the object's order.
      const byOutletAndId = compiledOnce(db, { id: 'number', outlet: 'string' }, ({ id, outlet }) =>
        h.store.db
          .selectFrom('articles')
          .select(['id', 'outlet_id'])
          .where('outlet_id', '=', outlet)
          .where('id', '=', id),
      );
      const [first, second] = ids as [number, number];
      assert.deepEqual(await byOutletAndId({ id: first, outlet: 'npr' }), { id: first, outlet_id: 'npr' });
      assert.deepEqual(await byOutletAndId({ outlet: 'dw', id: second }), { id: second, outlet_id: 'dw' });
      assert.equal(await byOutletAndId({ id: first, outlet: 'dw' }), undefined);
      // The check that matters is tsc's: swapped values are of the wrong kinds and fail it. Run
      // anyway, they find nothing (SQLite) or are refused (PostgreSQL), never another article.
      // @ts-expect-error a parameter of the wrong kind does not type-check
      const swapped = byOutletAndId({ id: 'npr', outlet: first });
      assert.equal(await swapped.catch(() => undefined), undefined);
    });

    test('constants of the statement stay where they are', async () => {
      const usOnly = compiledOnce(db, { id: 'number' }, ({ id }) =>
        h.store.db.selectFrom('articles').select('id').where('country', '=', 'US').where('id', '=', id),
      );
      assert.deepEqual(await usOnly({ id: ids[0] as number }), { id: ids[0] });
      assert.equal(await usOnly({ id: ids[1] as number }), undefined, 'the German article is not US');
    });

    test('a declared parameter the statement does not use is an error, not a silent constant', async () => {
      const unused = compiledOnce(db, { id: 'number', country: 'string' }, ({ id }) =>
        h.store.db.selectFrom('articles').select('id').where('id', '=', id),
      );
      await assert.rejects(unused({ id: 1, country: 'US' }), /does not use its parameter country/);
    });
  });
}
