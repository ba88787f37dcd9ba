import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ExpiringValue, VersionedCache } from '../../src/reader/cache.ts';

describe('VersionedCache', () => {
  test('serves a value only at the version it was kept under, and replaces it at a new one', () => {
    const cache = new VersionedCache<number, string>(10);
    cache.set(1, 'v1', 'first');
    assert.equal(cache.get(1, 'v1'), 'first');
    assert.equal(cache.get(1, 'v2'), undefined, 'a new version is a miss');
    cache.set(1, 'v2', 'second');
    assert.equal(cache.get(1, 'v1'), undefined, 'the old version is gone');
    assert.equal(cache.get(1, 'v2'), 'second');
    assert.deepEqual(cache.latest(1), { version: 'v2', value: 'second' });
  });

  test('is bounded by weight, least recently used out first', () => {
    const cache = new VersionedCache<string, string>(100, (v) => v.length);
    cache.set('a', '1', 'x'.repeat(40));
    cache.set('b', '1', 'x'.repeat(40));
    assert.ok(cache.get('a', '1'), 'read: a is now the most recently used');
    cache.set('c', '1', 'x'.repeat(40));
    assert.equal(cache.has('b'), false, 'b was the least recently used');
    assert.ok(cache.has('a') && cache.has('c'));
    assert.ok(cache.weight <= cache.max);
  });

  test('getOrMake makes a value once per version', async () => {
    const cache = new VersionedCache<number, number>(10);
    let made = 0;
    const make = async () => ++made;
    assert.equal(await cache.getOrMake(7, 'a', make), 1);
    assert.equal(await cache.getOrMake(7, 'a', make), 1);
    assert.equal(await cache.getOrMake(7, 'b', make), 2);
  });
});

describe('ExpiringValue', () => {
  test('recomputes only after its lifetime, on an injected clock', async () => {
    let now = 1_000;
    let computed = 0;
    const value = new ExpiringValue(
      30_000,
      async () => ++computed,
      () => now,
    );
    assert.equal(await value.get(), 1);
    now += 29_999;
    assert.equal(await value.get(), 1, 'still fresh');
    now += 1;
    assert.equal(await value.get(), 2, 'expired: computed again');
  });

  test('forgets a failed computation, so the next read tries again', async () => {
    let fail = true;
    const value = new ExpiringValue(60_000, async () => {
      if (fail) throw new Error('database down');
      return 'ok';
    });
    await assert.rejects(value.get(), /database down/);
    fail = false;
    assert.equal(await value.get(), 'ok');
  });
});
