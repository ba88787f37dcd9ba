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
  assert.equal(stats.frequency('common', 'en'), 3000);
  assert.equal(stats.frequency('rare7', 'en'), 2);
  assert.equal(stats.frequency('never', 'en'), 0);
  assert.ok(stats.idf('common', 'en') < stats.idf('rare7', 'en'));
  assert.ok(stats.idf('rare7', 'en') < stats.idf('never', 'en'));
  assert.ok(Math.abs(stats.weight('rare7', 2, 'en') - stats.idf('rare7', 'en') ** 2) < 1e-9);
});

test('snapshot and restore keep the statistics', () => {
  const stats = new TermStats();
  for (let i = 0; i < 50; i++) stats.observe(profile(['a', `b${i % 5}`]));
  const copy = TermStats.restore(JSON.parse(JSON.stringify(stats.snapshot())));
  assert.equal(copy.documentCount, 50);
  assert.equal(copy.frequency('b3', 'en'), 10);
  assert.equal(copy.idf('a', 'en'), stats.idf('a', 'en'));
});

test('past its key limit it forgets keys seen once and keeps the rest', () => {
  const stats = new TermStats(100);
  for (let i = 0; i < 150; i++) stats.observe(profile(['kept', `once${i}`]));
  assert.ok(stats.size <= 101);
  assert.equal(stats.frequency('kept', 'en'), 150);
});

test("words weigh by their own language's frequency: a German function word is not rare in German", () => {
  const stats = new TermStats();
  const doc = (language: string, terms: string[]): Profile => ({ ...profile(terms), language });
  // A mostly English archive with a few German articles, every one of which says "und".
  for (let i = 0; i < 500; i++) stats.observe(doc('en', ['minister', `story${i}`]));
  for (let i = 0; i < 60; i++) stats.observe(doc('de', ['und', `bericht${i}`]));
  stats.observe(doc('de', ['hochwasser']));
  assert.equal(stats.frequency('und', 'de'), 60);
  assert.equal(stats.frequency('und', 'en'), 0);
  // Weighed against the whole archive "und" would look rare (60 of 561); against German it is common.
  assert.ok(stats.idf('und', 'de') < 0.2, String(stats.idf('und', 'de')));
  assert.ok(stats.idf('hochwasser', 'de') > 10 * stats.idf('und', 'de'));
  // Names are counted across languages.
  const named = (language: string): Profile => ({ ...profile([]), language, names: new Map([['n:merkel', 1]]) });
  stats.observe(named('de'));
  stats.observe(named('fr'));
  assert.equal(stats.frequency('n:merkel'), 2);
});
