import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replaceSection } from '../../bench/results.ts';

test('a section is replaced in place and other sections are kept', () => {
  const first = replaceSection('# Results\n', 'feeds-parse', 'old figures');
  const both = replaceSection(first, 'reader-load', 'p99 40 ms');
  const updated = replaceSection(both, 'feeds-parse', 'new figures');
  assert.match(updated, /<!-- feeds-parse:start -->\nnew figures\n<!-- feeds-parse:end -->/);
  assert.doesNotMatch(updated, /old figures/);
  assert.match(updated, /p99 40 ms/);
  assert.ok(updated.indexOf('feeds-parse:start') < updated.indexOf('reader-load:start'), 'order kept');
});

test('a section name that could break the markers is refused', () => {
  assert.throws(() => replaceSection('', 'a -->b', 'x'), /kebab-case/);
});
