import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { RecentKeys } from '../../src/util/recent-keys.ts';

describe('RecentKeys', () => {
  test('counts the sightings of a key within its window, and starts again after it', () => {
    const keys = new RecentKeys(1024, 5_000);
    assert.deepEqual(
      [0, 1_000, 4_999, 5_000].map((t) => keys.see('/articles/7', t)),
      [1, 2, 3, 4],
    );
    assert.equal(keys.see('/articles/7', 5_001), 1, 'the window began at the first sighting');
    assert.equal(keys.see('/articles/7', 6_000), 2);
    assert.equal(keys.see('/articles/8', 6_000), 1, 'another key has its own count');
  });

  test('tells thousands of keys apart, non-Latin ones included', () => {
    const keys = new RecentKeys(65_536, Number.POSITIVE_INFINITY);
    const names = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? `/articles/${i}` : `/search?q=東京${i}`));
    for (const name of names) assert.equal(keys.see(name, 0), 1, name);
    // A key sharing its slot with another is forgotten when the other comes: with 10,000 keys in
    // 65,536 slots, one key in seven shares (1 - e^(-10,000/65,536)) if the hash spreads them
    // evenly; all others are seen again. A poor hash would crowd them into fewer slots.
    const again = names.filter((name) => keys.see(name, 0) === 2).length;
    assert.ok(again > 8_400 && again < 9_600, `${again} of 10,000 seen again`);
  });

  test('a key whose slot was taken by another counts as new, never as the other', () => {
    const keys = new RecentKeys(1, Number.POSITIVE_INFINITY);
    assert.equal(keys.see('a', 0), 1);
    assert.equal(keys.see('a', 0), 2);
    assert.equal(keys.see('b', 0), 1, 'b took the only slot');
    assert.equal(keys.see('a', 0), 1, 'a was forgotten');
  });

  test('its size is bounded', () => {
    assert.throws(() => new RecentKeys(0, 1), RangeError);
    assert.throws(() => new RecentKeys(2 ** 27, 1), RangeError);
  });
});
