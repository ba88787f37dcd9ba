import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Profile } from '../../src/stories/doc.ts';
import { LiveStory } from '../../src/stories/live-story.ts';
import { TermStats } from '../../src/stories/term-stats.ts';

const profile = (terms: Record<string, number>, language = 'zh'): Profile => ({
  terms: new Map(Object.entries(terms)),
  names: new Map(),
  numbers: new Map(),
  language,
});

test('a member is sampled by the keys that weigh in scoring, not by its commonest words', () => {
  // A Chinese report: 120 everyday words, each written several times, and the two Latin-script
  // words it quotes once (all that an English report of the event can share with it).
  const everyday = Array.from({ length: 120 }, (_, i) => `常用${i}`);
  const stats = new TermStats();
  // The archive has seen the everyday words in many Chinese reports; the quoted names never.
  for (let d = 0; d < 50; d++) stats.observe(profile(Object.fromEntries(everyday.map((w) => [w, 1]))));
  const report = profile({ ...Object.fromEntries(everyday.map((w) => [w, 3])), burger: 1, king: 1 });
  stats.observe(report);

  const story = new LiveStory(1, 0, false);
  story.add({ id: 'zh-1', language: 'zh', title: '', text: '' }, report, 0, stats);
  const [member] = story.sample;
  assert.ok(member);
  assert.ok(member.terms.size < report.terms.size, 'the member is compacted');
  assert.ok(member.terms.has('burger') && member.terms.has('king'), 'it keeps the rare words the event is named by');
});
