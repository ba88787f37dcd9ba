import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ASPECTS, assignAspects, headingProblem } from '../../src/takes/aspects.ts';
import { extractiveTake } from '../../src/takes/extractive/take.ts';
import type { TakeArticle } from '../../src/takes/summarizer.ts';
import { takeProblems } from '../../src/takes/take.ts';
import { splitSentences } from '../../src/takes/text/sentences.ts';
import { fixtureStory } from './helpers.ts';

const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');

/** Every input article that contains a take sentence word for word must be among its citations. */
function assertEveryCopyCited(articles: TakeArticle[], take: ReturnType<typeof extractiveTake>): void {
  for (const section of take.sections) {
    for (const s of section.sentences) {
      const carriers = articles.filter((a) => splitSentences(a.text).some((x) => norm(x) === norm(s.text)));
      for (const a of carriers) assert.ok(s.citations.includes(a.id), `${a.id} carries "${s.text}" but is not cited`);
    }
  }
}

describe('extractive take', () => {
  for (const name of ['two-article-story', 'rhine-low-water']) {
    test(`${name}: sound take (sections, citations, no repeats, countries)`, () => {
      const articles = fixtureStory(name);
      const take = extractiveTake({ articles });
      assert.deepEqual(takeProblems(take, articles), []);
      assert.equal(take.provider, 'extractive');
      for (const section of take.sections) assert.match(section.heading, /^\p{Lu}/u);
      assertEveryCopyCited(articles, take);
    });

    test(`${name}: every heading is an aspect from the vocabulary, each once`, () => {
      const take = extractiveTake({ articles: fixtureStory(name) });
      const titles = new Set(ASPECTS.map((a) => a.title));
      const headings = take.sections.map((s) => s.heading);
      for (const heading of headings) {
        assert.ok(titles.has(heading.replace(/ in .*$/, '')), `"${heading}" is not an aspect`);
        assert.equal(headingProblem(heading), undefined);
      }
      assert.equal(new Set(headings).size, headings.length);
    });
  }

  test('sections are titled by what their sentences are about', () => {
    const [military, economy, health] = assignAspects([
      ['Troops and tanks moved to the border after a missile attack on an army base.'],
      ['Shares fell and oil prices rose as investors feared for the economy.'],
      ['Hospitals reported new virus cases and began vaccinating patients.'],
    ]);
    assert.equal(military?.id, 'military');
    assert.equal(economy?.id, 'economy');
    assert.equal(health?.id, 'health');
  });

  test('a bare name or a stray phrase is not a heading; an aspect narrowed by a place is', () => {
    for (const bad of [
      'Bernie Sanders',
      'Marshall College',
      'Percentage Points',
      'EU Citizens',
      'North Macedonia',
      'Face Difficulties',
    ])
      assert.ok(headingProblem(bad), bad);
    for (const good of [
      'Diplomacy and Negotiations in Berlin',
      'Ceasefire Talks in Cairo',
      'Health',
      'Reactions Around the World',
    ])
      assert.equal(headingProblem(good), undefined, good);
  });

  test('a 2-article story cites both articles and both countries', () => {
    const articles = fixtureStory('two-article-story');
    const take = extractiveTake({ articles });
    assert.deepEqual([...take.countries].sort(), ['ES', 'PT']);
    assert.equal(take.outletCount, 2);
    // A fact both outlets report is cited to both, not only to the first.
    const shared = take.sections.flatMap((s) => s.sentences).filter((s) => s.citations.length === 2);
    assert.ok(shared.length > 0, 'no sentence cites both articles');
  });

  test('the 12-article story covers its five countries and cites every copy of a shared fact', () => {
    const articles = fixtureStory('rhine-low-water');
    const take = extractiveTake({ articles });
    assert.deepEqual([...take.countries].sort(), ['CH', 'DE', 'FR', 'GB', 'NL']);
    const kaub = take.sections.flatMap((s) => s.sentences).find((s) => /38 centimetres/.test(s.text));
    assert.ok(kaub, 'the most reported fact (Kaub at 38 cm) is missing');
    // Reported in rhine-01, 02, 03, 07 (same sentence or close paraphrase) and 09 (with a clause added).
    for (const id of ['rhine-01', 'rhine-02', 'rhine-07']) assert.ok(kaub.citations.includes(id), id);
  });

  test('page furniture and questions to the reader never appear', () => {
    for (const name of ['two-article-story', 'rhine-low-water']) {
      const text = extractiveTake({ articles: fixtureStory(name) })
        .sections.flatMap((s) => s.sentences.map((x) => x.text))
        .join('\n');
      assert.doesNotMatch(text, /Read more|Photo:|Image:|newsletter|Click here|\?$/m);
    }
  });

  test('the same story gives the same take', () => {
    const articles = fixtureStory('rhine-low-water');
    assert.deepEqual(extractiveTake({ articles }), extractiveTake({ articles }));
  });

  test('a 200-article story stays sound (lead sentences only, wire copies cited together)', () => {
    const base = fixtureStory('rhine-low-water');
    const countries = ['DE', 'FR', 'NL', 'CH', 'GB', 'AT', 'BE', 'LU', 'IT', 'PL'];
    const articles = Array.from({ length: 200 }, (_, i) => {
      const a = base[i % base.length]!;
      return { ...a, id: `big-${i}`, outlet: `outlet-${i % 37}`, country: countries[i % countries.length]! };
    });
    const take = extractiveTake({ articles });
    assert.deepEqual(takeProblems(take, articles), []);
    assertEveryCopyCited(articles, take);
  });

  test('no usable text gives no sections and says why', () => {
    const take = extractiveTake({
      articles: [
        { id: 'a', outlet: 'o', country: 'FR', language: 'en', title: 'T', text: 'Read more.', published: '' },
      ],
    });
    assert.deepEqual(take.sections, []);
    assert.match(take.note ?? '', /too little/);
  });
});
