import assert from 'node:assert/strict';
import { test } from 'node:test';
import { UnionFind } from '../../src/stories/union-find.ts';

test('UnionFind joins sets transitively and leaves unjoined keys alone', () => {
  const sets = new UnionFind();
  sets.union('a', 'b');
  sets.union('c', 'd');
  sets.union('b', 'c');
  assert.equal(sets.find('a'), sets.find('d'));
  assert.notEqual(sets.find('a'), sets.find('e'));
  assert.equal(sets.find('e'), 'e');
});
