import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Profile } from '../../src/stories/doc.ts';
import { TermStats } from '../../src/stories/term-stats.ts';

const profile = (terms: string[]): Profile => ({
  terms: new Map(terms.map((t) => [t, 1])),
  names: new Map(),
  numbers: new Map(),
  language: 'en',
});

test('document frequencies grow one article at a time, and IDF follows', () => {
  const stats = new TermStats();
  for (let i = 0; i < 3000; i++) stats.observe(profile(['common', `rare${i % 1500}`]));
  assert.equal(stats.documentCount, 3000);
  assert.equal(stats.frequency('common'), 3000);
  assert.equal(stats.frequency('rare7'), 2);
  assert.equal(stats.frequency('never'), 0);
  assert.ok(stats.idf('common') < stats.idf('rare7'));
  assert.ok(stats.idf('rare7') < stats.idf('never'));
  assert.ok(Math.abs(stats.weight('rare7', 2) - stats.idf('rare7') ** 2) < 1e-9);
});

test('snapshot and restore keep the statistics', () => {
  const stats = new TermStats();
  for (let i = 0; i < 50; i++) stats.observe(profile(['a', `b${i % 5}`]));
  const copy = TermStats.restore(JSON.parse(JSON.stringify(stats.snapshot())));
  assert.equal(copy.documentCount, 50);
  assert.equal(copy.frequency('b3'), 10);
  assert.equal(copy.idf('a'), stats.idf('a'));
});

test('past its key limit it forgets keys seen once and keeps the rest', () => {
  const stats = new TermStats(100);
  for (let i = 0; i < 150; i++) stats.observe(profile(['kept', `once${i}`]));
  assert.ok(stats.size <= 101);
  assert.equal(stats.frequency('kept'), 150);
});
