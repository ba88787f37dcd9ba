import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { StoryClusterer } from '../../src/stories/clusterer.ts';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { describeStory } from '../../src/stories/story-meta.ts';
import { byId, fixtureArticles } from './fixtures.ts';

const T = '2026-10-30T10:00:00Z';
const flood: StoryDoc = {
  id: 'A',
  language: 'en',
  published: T,
  title: 'Floods in Valencia after torrential rain',
  text: 'Torrential rain flooded the streets of Valencia overnight. The Turia riverbed overflowed and residents of Paiporta climbed onto rooftops while rescuers searched cars swept away by the water.',
};
const emergency: StoryDoc = {
  id: 'B',
  language: 'en',
  published: T,
  title: 'Sanchez declares national emergency, deploys army',
  text: 'Prime minister Pedro Sanchez declared a national emergency and promised 500 million euros in aid. Soldiers of the military emergency unit were deployed, he told parliament in Madrid.',
};
const bridge: StoryDoc = {
  id: 'C',
  language: 'en',
  published: T,
  title: 'Valencia floods: Sanchez declares emergency as Paiporta counts damage',
  text: 'After torrential rain flooded Valencia and the Turia overflowed in Paiporta, Pedro Sanchez declared a national emergency, promised 500 million euros in aid and deployed soldiers of the military emergency unit.',
};
const chess: StoryDoc = {
  id: 'X',
  language: 'en',
  published: T,
  title: 'Chess champion wins in Oslo',
  text: 'Magnus Carlsen won the tournament in Oslo on Sunday with a round to spare, beating his rival in a long endgame.',
};

describe('StoryClusterer', () => {
  test('groups the fixture articles by event, across languages', () => {
    const docs = fixtureArticles();
    const clusterer = new StoryClusterer();
    const story = new Map(docs.map((d) => [d.id, clusterer.add(d).storyId]));
    for (const a of docs) {
      for (const b of docs) {
        assert.equal(story.get(a.id) === story.get(b.id), a.event === b.event, `${a.id} vs ${b.id}`);
      }
    }
    assert.equal(clusterer.liveCount, 3);
  });

  test('knows a story’s countries, outlets, languages, span and an English title', () => {
    const docs = fixtureArticles();
    const clusterer = new StoryClusterer();
    let id = 0;
    for (const d of docs) {
      const r = clusterer.add(d);
      if (d.id === 'talks-us') id = r.storyId;
    }
    const story = clusterer.story(id);
    assert.ok(story);
    assert.deepEqual([...story.countries].sort(), ['RU', 'TW', 'US']);
    assert.deepEqual([...story.languages].sort(), ['en', 'ru', 'zh-Hant']);
    assert.equal(story.articleCount, 3);
    assert.equal(story.firstSeen, '2026-03-08T10:00:00.000Z');
    assert.equal(story.lastSeen, '2026-03-08T14:00:00.000Z');
    assert.match(story.title, /^[\x20-\x7e]+$/, 'an English headline, not the Chinese or Russian one');
    assert.deepEqual(clusterer.members(id), ['talks-us', 'talks-tw', 'talks-ru']);
  });

  test('merges two stories an article shows to be one; the lower id survives and is reported', () => {
    const clusterer = new StoryClusterer({ joinThreshold: 0.3, mergeThreshold: 0.3 });
    const x = clusterer.add(chess);
    const a = clusterer.add(flood);
    const b = clusterer.add(emergency);
    assert.notEqual(a.storyId, b.storyId, 'the two halves start apart');
    const c = clusterer.add(bridge);
    assert.equal(c.storyId, Math.min(a.storyId, b.storyId));
    assert.deepEqual(c.merged, [Math.max(a.storyId, b.storyId)]);
    assert.deepEqual([...clusterer.members(c.storyId)].sort(), ['A', 'B', 'C']);
    assert.equal(clusterer.story(x.storyId)?.articleCount, 1, 'the unrelated story is untouched');
    // The absorbed id still leads to the survivor.
    assert.equal(clusterer.story(Math.max(a.storyId, b.storyId))?.id, c.storyId);
  });

  test('does not merge when the stories do not match each other', () => {
    const clusterer = new StoryClusterer({ joinThreshold: 0.3, mergeThreshold: 0.95 });
    clusterer.add(flood);
    clusterer.add(emergency);
    const c = clusterer.add(bridge);
    assert.equal(c.merged, undefined);
    assert.equal(clusterer.liveCount, 2);
  });

  test('a story idle longer than the expiry takes no new article', () => {
    const original = byId(fixtureArticles(), 'quake-us');
    const reprint = { ...original, id: 'reprint', published: '2026-03-07T08:00:00Z' }; // 5 days later
    const keep = new StoryClusterer({ expiryDays: 30 });
    assert.equal(keep.add(original).storyId, keep.add(reprint).storyId);
    const expire = new StoryClusterer({ expiryDays: 3 });
    const first = expire.add(original);
    assert.notEqual(expire.add(reprint).storyId, first.storyId);
  });

  test('load() rebuilds live stories with their stored ids, and new articles join them', () => {
    const docs = fixtureArticles();
    const clusterer = new StoryClusterer();
    clusterer.load([
      { doc: byId(docs, 'rates-us'), storyId: 41 },
      { doc: byId(docs, 'rates-fr'), storyId: 41 },
      { doc: byId(docs, 'quake-us'), storyId: 40 },
    ]);
    assert.equal(clusterer.add(byId(docs, 'rates-it')).storyId, 41);
    assert.equal(clusterer.add(byId(docs, 'quake-es')).storyId, 40);
    assert.equal(clusterer.add(byId(docs, 'talks-us')).storyId, 42, 'new stories continue after the highest id');
  });
});

describe('describeStory', () => {
  test('gives the facts of a story from its articles, with an English title', () => {
    const talks = fixtureArticles().filter((d) => d.event === 'talks');
    const story = describeStory(7, [...talks].reverse());
    assert.equal(story.id, 7);
    assert.equal(story.articleCount, 3);
    assert.deepEqual([...story.countries].sort(), ['RU', 'TW', 'US']);
    assert.deepEqual([...story.outlets].sort(), ['ru-vesti', 'tw-news', 'us-wire']);
    assert.equal(story.firstSeen, '2026-03-08T10:00:00.000Z');
    assert.equal(story.lastSeen, '2026-03-08T14:00:00.000Z');
    assert.ok(talks.some((d) => (d.english?.title ?? d.title) === story.title));
    assert.match(story.title, /^[\x20-\x7e]+$/);
  });
});
