import assert from 'node:assert/strict';
import { test } from 'node:test';
import { groupBy } from '../../src/util/group-by.ts';

test('groupBy keeps groups in first-seen order and items in their own order', () => {
  const groups = groupBy(['b1', 'a1', 'b2', 'c1', 'a2'], (s) => s[0]);
  assert.deepEqual(
    [...groups],
    [
      ['b', ['b1', 'b2']],
      ['a', ['a1', 'a2']],
      ['c', ['c1']],
    ],
  );
  assert.equal(groupBy([], (s: string) => s).size, 0);
});
