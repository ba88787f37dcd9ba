import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BoundedMap } from '../../src/util/bounded-map.ts';

describe('BoundedMap', () => {
  it('never holds more than max entries and forgets the oldest first', () => {
    const map = new BoundedMap<string, number>(20);
    for (let i = 0; i < 1000; i++) {
      map.set(`k${i}`, i);
      assert.ok(map.size <= 20, `size ${map.size} after ${i + 1} inserts`);
    }
    // The newest entries are the ones kept; the evicted ones are all older than any kept one.
    assert.equal(map.get('k999'), 999);
    assert.equal(map.has('k0'), false);
    const kept = [...map.values()];
    assert.deepEqual(
      kept,
      [...kept].sort((a, b) => a - b),
    );
    assert.ok(kept.length >= 18, `a batch evicts a tenth, not everything (${kept.length} kept)`);
  });

  it('refresh makes an entry the newest, so a used entry outlives unused older ones', () => {
    const map = new BoundedMap<string, number>(10);
    for (let i = 0; i < 10; i++) map.set(`k${i}`, i);
    assert.equal(map.refresh('k0'), 0);
    map.set('k10', 10);
    assert.equal(map.has('k0'), true, 'refreshed entry kept');
    assert.equal(map.has('k1'), false, 'oldest unrefreshed entry evicted');
    assert.equal(map.refresh('missing'), undefined);
    assert.equal(map.has('missing'), false);
  });

  it('overwriting a key keeps one entry for it', () => {
    const map = new BoundedMap<string, number>(3);
    map.set('a', 1).set('a', 2);
    assert.equal(map.size, 1);
    assert.equal(map.get('a'), 2);
  });

  it('refuses a size that cannot hold an entry', () => {
    assert.throws(() => new BoundedMap(0), /at least one entry/);
  });
});

describe('BoundedMap with weights', () => {
  it('bounds the total weight, not the count, and forgets the oldest first', () => {
    const map = new BoundedMap<string, string>(100, (v) => v.length);
    for (let i = 0; i < 50; i++) {
      map.set(`k${i}`, 'x'.repeat(1 + (i % 7) * 5));
      assert.ok(map.weight <= 100, `weight ${map.weight} after ${i + 1} inserts`);
    }
    assert.equal(
      map.weight,
      [...map.values()].reduce((sum, v) => sum + v.length, 0),
      'the weight is the sum of what is held',
    );
    assert.ok(map.has('k49'), 'the newest entry is kept');
    assert.equal(map.has('k0'), false);
  });

  it('counts a replaced or deleted value out of the weight', () => {
    const map = new BoundedMap<string, string>(100, (v) => v.length);
    map.set('a', 'x'.repeat(40)).set('a', 'x'.repeat(10));
    assert.equal(map.weight, 10);
    map.set('b', 'x'.repeat(30));
    map.delete('a');
    assert.equal(map.weight, 30);
    map.clear();
    assert.equal(map.weight, 0);
    assert.equal(map.size, 0);
  });

  it('keeps an entry heavier than the whole room out after evicting for it', () => {
    const map = new BoundedMap<string, string>(10, (v) => v.length);
    map.set('small', 'xx');
    map.set('huge', 'x'.repeat(50));
    assert.ok(map.weight <= 10, `weight ${map.weight}`);
  });
});
