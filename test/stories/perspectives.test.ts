import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  alternativeTakes,
  analyseStoryTakes,
  restoredTakes,
  storedTakes,
  takesFor,
} from '../../src/stories/alternative-takes.ts';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { countryFraming, logOddsZ } from '../../src/stories/framing.ts';
import { levenshtein, nameVariants, phoneticKey, soundAlike } from '../../src/stories/names.ts';
import { type CoverageStory, overlooked } from '../../src/stories/overlooked.ts';
import { SimilarityModel } from '../../src/stories/similarity.ts';
import { ALL_STOP_WORDS } from '../../src/text/stopwords.ts';
import { fixtureArticles } from './fixtures.ts';

describe('alternative takes', () => {
  const docs = fixtureArticles();
  const talks = docs.filter((d) => d.event === 'talks');

  test('lists the other outlets of the story, grouped by country, each with what it stresses', () => {
    const [us] = talks;
    assert.ok(us);
    const model = new SimilarityModel();
    for (const d of docs) model.observe(d);
    const takes = alternativeTakes(us, talks, { model });
    assert.deepEqual(takes.map((t) => t.country).sort(), ['RU', 'TW']);
    const all = takes.flatMap((t) => t.takes);
    assert.ok(!all.some((t) => t.articleId === us.id), 'the article itself is not its own alternative');
    const tw = all.find((t) => t.country === 'TW');
    assert.ok(tw);
    assert.equal(tw.title, 'US envoy Weikov arrives in Moscow to discuss ceasefire', 'English headline');
    assert.match(tw.differs, /^Stresses: /);
    assert.ok(tw.stresses.includes('Taiwan') || tw.stresses.includes('Weikov'), tw.differs);
    const ru = all.find((t) => t.country === 'RU');
    assert.ok(ru?.stresses.includes('NATO'), ru?.differs);
    // What every article says is the story, not an article's angle.
    for (const t of all) assert.ok(!t.stresses.includes('Moscow'), t.differs);
  });

  test('shows one article per outlet and leaves out the reader’s own outlet', () => {
    const [us, tw, ru] = talks;
    assert.ok(us && tw && ru);
    const sameOutletAsReader = { ...tw, id: 'us-2', outlet: us.outlet, country: 'US' } as StoryDoc;
    const secondTw = { ...tw, id: 'tw-2' } as StoryDoc;
    const takes = alternativeTakes(us, [us, tw, ru, sameOutletAsReader, secondTw]);
    const all = takes.flatMap((t) => t.takes);
    assert.equal(all.filter((t) => t.outlet === tw.outlet).length, 1);
    assert.ok(!all.some((t) => t.outlet === us.outlet));
  });

  test('one analysis of a story serves each of its readers as a fresh one would', () => {
    const [us, tw] = talks;
    assert.ok(us && tw);
    const story = [...talks, { ...tw, id: 'tw-2' } as StoryDoc];
    const shared = analyseStoryTakes(story);
    for (const reader of story) {
      assert.deepEqual(takesFor(shared, reader), alternativeTakes(reader, story), `reader ${reader.id}`);
    }
    // Readers of different outlets see different lists from the same analysis.
    const outlets = (reader: StoryDoc) => takesFor(shared, reader).flatMap((g) => g.takes.map((t) => t.outlet));
    assert.ok(!outlets(us).includes(us.outlet as string));
    assert.ok(outlets(us).includes(tw.outlet as string));
    assert.ok(!outlets(tw).includes(tw.outlet as string));
  });

  test('a reader of an article left out of the analysis (older than the cap) gets the other outlets’ takes', () => {
    const [us, tw, ru] = talks;
    assert.ok(us && tw && ru);
    const analysis = analyseStoryTakes([tw, ru]);
    const outlets = takesFor(analysis, { id: 'not-analysed', outlet: tw.outlet }).flatMap((g) =>
      g.takes.map((t) => t.outlet),
    );
    assert.deepEqual(outlets, [ru.outlet], 'every other outlet, the reader’s own left out');
  });

  test('a stored analysis, read back, answers every reader as the analysis it was made from', () => {
    const [us, tw, ru] = talks;
    assert.ok(us && tw && ru);
    // Two articles from one outlet, the aside first, so only the stored closeness can pick the other.
    const aside = { title: 'Kremlin comments', text: 'A short unrelated note on the weather.' };
    const rewrite = { ...ru, id: 'ru-2', ...aside, english: aside };
    const story = [rewrite as StoryDoc, ...talks];
    const analysis = analyseStoryTakes(story);
    const stored = JSON.parse(JSON.stringify(storedTakes(analysis)));
    assert.equal(stored.takes.length, story.length);
    assert.deepEqual(
      stored.takes
        .filter((t: { centrality?: number }) => t.centrality !== undefined)
        .map((t: { articleId: string }) => t.articleId),
      ['ru-2', ru.id],
      'closeness is kept only where an outlet wrote more than one article',
    );
    const restored = restoredTakes(stored);
    for (const reader of story) {
      assert.deepEqual(takesFor(restored, reader), takesFor(analysis, reader), `reader ${reader.id}`);
    }
    const ruTake = takesFor(restored, us)
      .flatMap((g) => g.takes)
      .find((t) => t.outlet === ru.outlet);
    assert.equal(ruTake?.articleId, ru.id, 'the outlet’s article closest to the story, not its aside');
  });
});

/** Short articles whose countries frame one summit differently. */
function summit(country: string, n: number, words: string): StoryDoc[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${country}-${i}`,
    language: 'en',
    country,
    outlet: `${country.toLowerCase()}-${i}`,
    title: 'Leaders meet at Geneva summit',
    text: `Leaders met at the Geneva summit on Tuesday to discuss the war and the ceasefire. ${words} The summit ended late in Geneva.`,
  }));
}

describe('country framing', () => {
  const articles = [
    ...summit(
      'RU',
      4,
      'Moscow warned of NATO provocation and Western provocation on its borders; NATO expansion is a provocation.',
    ),
    ...summit(
      'US',
      4,
      'Washington pressed for sanctions over the aggression; sanctions will stay until the aggression ends, President Biden said, and Biden repeated it.',
    ),
    ...summit('DE', 3, 'Berlin worried about gas prices and energy supplies; gas prices rose again, Scholz said.'),
  ];

  test('each country’s list holds the words it uses more than the rest, not the shared ones', () => {
    const framing = countryFraming(articles);
    const of = (c: string) => framing.find((f) => f.country === c);
    const words = (c: string) => of(c)?.words.map((w) => w.term) ?? [];
    const names = (c: string) => of(c)?.names.map((w) => w.term) ?? [];
    assert.ok(words('RU').includes('provocation'), words('RU').join(','));
    assert.ok(words('US').includes('sanctions'), words('US').join(','));
    assert.ok(words('US').includes('aggression'));
    assert.ok(words('DE').includes('gas') || words('DE').includes('prices'), words('DE').join(','));
    assert.ok(names('RU').includes('NATO'), names('RU').join(','));
    assert.ok(names('US').includes('Biden') || names('US').includes('Washington'), names('US').join(','));
    for (const c of ['RU', 'US', 'DE']) {
      assert.ok(!words(c).includes('summit') && !names(c).includes('Geneva'), `${c} lists shared words`);
      assert.ok(!words(c).includes('provocation') || c === 'RU');
      for (const t of of(c)?.words ?? []) assert.ok(t.z >= 1.96);
    }
    assert.equal(of('RU')?.articles, 4);
  });

  test('framing compares English only: never a stop word of any language; an untranslated country says so', () => {
    // German and Italian articles not translated yet: their words are their grammar.
    const untranslated = (country: string, language: string, text: string, n: number): StoryDoc[] =>
      Array.from({ length: n }, (_, i) => ({
        id: `${country}-raw-${i}`,
        language,
        country,
        outlet: `${country.toLowerCase()}-raw-${i}`,
        title: text.slice(0, 40),
        text,
      }));
    const story = [
      ...articles,
      ...untranslated(
        'AT',
        'de',
        'Die Staats- und Regierungschefs haben sich auf dem Gipfel in Genf getroffen, und das ist nicht auf Dauer.',
        3,
      ),
      ...untranslated(
        'IT',
        'it',
        'I leader si sono incontrati al vertice di Ginevra, che è più importante di quanto si pensi.',
        2,
      ),
    ];
    const framing = countryFraming(story);
    const listed = framing.flatMap((f) => [...f.words, ...f.names].map((t) => t.term.toLowerCase()));
    assert.ok(listed.length > 0);
    for (const term of listed) assert.ok(!ALL_STOP_WORDS.has(term), `"${term}" is a stop word`);
    for (const term of ['die', 'und', 'das', 'auf', 'nicht', 'che', 'più']) assert.ok(!listed.includes(term), term);
    const austria = framing.find((f) => f.country === 'AT');
    assert.deepEqual(austria && { ...austria }, { country: 'AT', articles: 3, untranslated: 3, words: [], names: [] });
    assert.equal(framing.find((f) => f.country === 'IT')?.untranslated, 2);
    // The English-language countries are still compared with each other as before.
    assert.ok(framing.find((f) => f.country === 'RU')?.words.some((w) => w.term === 'provocation'));
  });

  test('a story from one country has no framing', () => {
    assert.deepEqual(countryFraming(summit('RU', 3, 'Nothing else.')), []);
  });

  test('the prior shrinks a word seen once toward zero', () => {
    const all = new Map([
      ['rare', 1],
      ['often', 40],
      ['filler', 400],
    ]);
    const mine = new Map([
      ['rare', 1],
      ['often', 30],
      ['filler', 100],
    ]);
    const rest = new Map([
      ['often', 10],
      ['filler', 300],
    ]);
    const z = logOddsZ(mine, rest, all, 441);
    assert.ok((z.get('often') ?? 0) > (z.get('rare') ?? 0));
    assert.ok((z.get('often') ?? 0) > 1.96);
  });
});

describe('overlooked by American media', () => {
  const now = '2026-05-10T12:00:00Z';
  const stories: CoverageStory[] = [
    { id: 1, countryCounts: { DE: 3, FR: 2, JP: 2, BR: 1 }, lastSeen: '2026-05-10T10:00:00Z' },
    { id: 2, countryCounts: { DE: 3, FR: 2, JP: 2, US: 4 }, lastSeen: '2026-05-10T10:00:00Z' },
    { id: 3, countryCounts: { DE: 1, FR: 1 }, lastSeen: '2026-05-10T10:00:00Z' },
    { id: 4, countryCounts: { DE: 5, FR: 5, JP: 5, IN: 5, ZA: 5, US: 1 }, lastSeen: '2026-05-10T11:00:00Z' },
    { id: 5, countryCounts: { DE: 3, FR: 2, JP: 2, BR: 1 }, lastSeen: '2026-05-01T10:00:00Z' },
    { id: 6, countryCounts: { KR: 1, TW: 1, CN: 1 }, lastSeen: '2026-05-10T10:00:00Z' },
  ];

  test('keeps stories covered widely abroad and little or not at all in the US, widest first', () => {
    const ranked = overlooked(stories, { now });
    assert.deepEqual(
      ranked.map((s) => s.id),
      [4, 1, 6, 5],
    );
    const four = ranked[0];
    assert.equal(four?.countries, 5);
    assert.equal(four?.homeArticles, 1);
  });

  test('the thresholds are options', () => {
    assert.deepEqual(
      overlooked(stories, { now, minCountries: 5 }).map((s) => s.id),
      [4],
    );
    assert.ok(overlooked(stories, { now, maxHomeRatio: 2 }).some((s) => s.id === 2));
    assert.ok(!overlooked(stories, { now, homeCountry: 'DE' }).some((s) => s.id === 1));
  });
});

describe('names across a story', () => {
  test('Weikov in a translation is Witkoff, the spelling of the English-language outlet', () => {
    const talks = fixtureArticles().filter((d) => d.event === 'talks');
    assert.deepEqual(nameVariants(talks), [{ variant: 'Weikov', canonical: 'Witkoff', articleIds: ['talks-tw'] }]);
  });

  test('names that merely look alike without shared context are left alone', () => {
    const docs: StoryDoc[] = [
      { id: 1, language: 'en', title: 'Talks', text: 'Minister Anna Berger met the press. Berger spoke.' },
      { id: 2, language: 'en', title: 'Talks', text: 'Coach Tom Burger won the final. Burger smiled.' },
    ];
    assert.deepEqual(nameVariants(docs), []);
  });

  test('sound keys and distances', () => {
    assert.equal(phoneticKey('Witkoff'), 'ftkf');
    assert.equal(phoneticKey('Weikov'), 'fkf');
    assert.equal(levenshtein('kitten', 'sitting'), 3);
    assert.ok(soundAlike('Zelensky', 'Zelenskyy'));
    assert.ok(soundAlike('Weikov', 'Witkoff'));
    assert.ok(!soundAlike('Witkoff', 'Peskov'));
  });
});
