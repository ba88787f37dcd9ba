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
    const reprint = { ...original, id: 'reprint', published: '2026-03-04T08:00:00Z' }; // 2 days later
    const keep = new StoryClusterer({ expiryDays: 30 });
    assert.equal(keep.add(original).storyId, keep.add(reprint).storyId);
    const expire = new StoryClusterer({ expiryDays: 1 });
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

describe('stories are events, not topics', () => {
  const at = (hours: number) => new Date(Date.parse('2026-11-03T06:00:00Z') + hours * 3_600_000).toISOString();
  /** An English archive of unrelated reports (deterministic), so term weights are an archive's. */
  const background = (n: number): StoryDoc[] => {
    let seed = 7;
    const next = (range: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return Math.floor((seed / 2_147_483_648) * range);
    };
    const pick = (prefix: string, count: number, range: number) =>
      Array.from({ length: count }, () => `${prefix}${next(range)}`).join(' ');
    return Array.from({ length: n }, (_, i) => ({
      id: `bg-${i}`,
      language: 'en',
      published: at(-48 + i * 0.1),
      title: `Report ${pick('topic', 4, 600)}`,
      text: `${pick('word', 40, 3000)} the officials said on Monday that it was a report.`,
    }));
  };
  // One event, told in three languages, none translated: names and numbers carry it across.
  const quakeEn: StoryDoc = {
    id: 'quake-en',
    language: 'en',
    published: at(0),
    title: 'Magnitude 6.6 earthquake hits Izmir, buildings collapse in Bayrakli',
    text: 'A magnitude 6.6 earthquake struck the Aegean coast near Izmir on Tuesday. Rescuers searched collapsed buildings in Bayrakli, where 24 people were killed, the AFAD disaster agency said. The quake was felt on the Greek island of Samos.',
  };
  const quakeDe: StoryDoc = {
    id: 'quake-de',
    language: 'de',
    published: at(2),
    title: 'Erdbeben der Stärke 6,6 erschüttert Izmir – Häuser in Bayrakli eingestürzt',
    text: 'Ein Erdbeben der Stärke 6,6 hat die Ägäisküste bei Izmir erschüttert. In Bayrakli suchten Helfer in eingestürzten Häusern nach Verschütteten, 24 Menschen starben, teilte die Katastrophenbehörde AFAD mit. Auch auf Samos war das Beben zu spüren.',
  };
  const quakeEs: StoryDoc = {
    id: 'quake-es',
    language: 'es',
    published: at(3),
    title: 'Un terremoto de magnitud 6,6 sacude Izmir y derrumba edificios en Bayrakli',
    text: 'Un terremoto de magnitud 6,6 sacudió la costa del Egeo cerca de Izmir. Los rescatistas buscaban supervivientes entre los edificios derrumbados en Bayrakli, donde murieron 24 personas, según la agencia AFAD. El sismo se sintió en la isla griega de Samos.',
  };
  // Another event that shares the city's name, and little else.
  const football: StoryDoc = {
    id: 'football-en',
    language: 'en',
    published: at(4),
    title: 'Izmir club Goztepe beat Fenerbahce in the Super Lig',
    text: 'Goztepe of Izmir beat Fenerbahce 3-1 in the Turkish Super Lig on Sunday, with two goals from their striker in the second half. The coach praised his players after the match at the Gursel Aksel stadium.',
  };
  const footballDe: StoryDoc = {
    id: 'football-de',
    language: 'de',
    published: at(5),
    title: 'Göztepe aus Izmir schlägt Fenerbahce in der Süper Lig',
    text: 'Göztepe Izmir hat Fenerbahce in der türkischen Süper Lig mit 3:1 geschlagen. Der Stürmer traf in der zweiten Halbzeit zweimal, der Trainer lobte seine Mannschaft im Gürsel-Aksel-Stadion.',
  };

  test('two events sharing a name stay apart while one event told in three languages joins', () => {
    const clusterer = new StoryClusterer();
    const quake = clusterer.add(quakeEn).storyId;
    assert.equal(clusterer.add(quakeDe).storyId, quake, 'the German report joins the English one');
    assert.equal(clusterer.add(quakeEs).storyId, quake, 'the Spanish report joins too');
    const match = clusterer.add(football).storyId;
    assert.notEqual(match, quake, 'a football match in the same city is another event');
    const matchDe = clusterer.add(footballDe).storyId;
    assert.notEqual(matchDe, quake);
    assert.deepEqual(clusterer.members(quake), ['quake-en', 'quake-de', 'quake-es']);
  });

  test('an English report finds the Chinese story of its event through the names it quotes', () => {
    // The Chinese report's own words outweigh the few Latin names it quotes, so a story posted
    // under its heaviest keys alone is never a candidate for the English report.
    const zh: StoryDoc = {
      id: 'gas-zh',
      language: 'zh',
      published: at(0),
      title: '保加利亚开始通过 TurkStream 接收俄罗斯天然气',
      text: '保加利亚天然气公司周三表示，保加利亚已开始通过 TurkStream 管道从 Gazprom 接收俄罗斯天然气。合同每年涵盖 2.9 亿立方米，执行董事对保加利亚国家电台表示。该国此前一直通过乌克兰和罗马尼亚的管道获得天然气供应。政府官员表示，新的路线将降低运输成本，并提高能源安全。分析人士指出，欧洲联盟正在努力使其能源来源多样化，减少对单一供应国的依赖。邻国塞尔维亚预计将在今年晚些时候接入同一管道。保加利亚总理在索非亚的新闻发布会上称这是一个历史性的日子。',
    };
    const en: StoryDoc = {
      id: 'gas-en',
      language: 'en',
      published: at(2),
      title: 'Bulgaria starts receiving Russian gas via TurkStream',
      text: 'Bulgargaz said on Wednesday that Bulgaria started to receive Russian natural gas from Gazprom through the TurkStream pipeline. The contract covers 2.9 billion cubic metres a year, its executive director told Bulgarian National Radio.',
    };
    // Reports from Bulgaria on other matters, that share the English report's common words.
    const others = [
      'household heating prices',
      'a strike at the port of Varna',
      'a new motorway to Sofia',
      'the winter storm in the Balkans',
      'a corruption trial of a mayor',
      'the football cup final',
      'a hospital strike',
      'wheat exports',
      'a bank merger',
      'the census results',
    ].map(
      (topic, i): StoryDoc => ({
        id: `bulgaria-${i}`,
        language: 'en',
        published: at(1),
        title: `Bulgaria: ${topic}`,
        text: `Bulgarian National Radio said on Wednesday that ${topic} in Bulgaria would cost households a year of savings, the executive director of the national agency told reporters.`,
      }),
    );
    const clusterer = new StoryClusterer();
    const story = clusterer.add(zh).storyId;
    for (const doc of others) assert.notEqual(clusterer.add(doc).storyId, story);
    assert.equal(clusterer.add(en).storyId, story);
    assert.deepEqual(clusterer.members(story), ['gas-zh', 'gas-en']);
  });

  test("untranslated articles of one language do not cluster on that language's common words", () => {
    // Italian reports of unrelated events in a mostly English archive: in it, "il", "che" or
    // "ha detto" are rare words overall, yet all these reports share is Italian grammar.
    const texts = [
      [
        'Il governo approva la legge sul bilancio',
        'Il consiglio dei ministri ha approvato la legge di bilancio che sarà presentata al parlamento entro la fine del mese, ha detto il ministro.',
      ],
      [
        'La Juventus vince il derby con il Torino',
        'La squadra di Allegri ha vinto il derby della Mole con un gol nel secondo tempo, ha detto che è stata una partita difficile per tutti.',
      ],
      [
        'Un incendio distrugge un capannone a Brescia',
        'I vigili del fuoco sono intervenuti nella notte per un incendio che ha distrutto un capannone industriale, non ci sono stati feriti secondo i soccorritori.',
      ],
      [
        'Il festival di Sanremo annuncia i cantanti',
        'Gli organizzatori del festival hanno annunciato i nomi dei cantanti in gara per la prossima edizione, che si terrà a febbraio come ogni anno.',
      ],
      [
        'La Borsa di Milano chiude in rialzo',
        'Piazza Affari ha chiuso la seduta in rialzo grazie ai titoli delle banche, mentre lo spread tra i titoli di stato è sceso per il terzo giorno.',
      ],
    ];
    const clusterer = new StoryClusterer();
    for (const doc of background(300)) clusterer.add(doc);
    const ids = texts.map(
      ([title = '', text = ''], i) =>
        clusterer.add({ id: `it-${i}`, language: 'it', published: at(i), title, text }).storyId,
    );
    assert.equal(new Set(ids).size, texts.length, `each report is its own story: ${ids.join(', ')}`);
  });

  test('a drifting story splits: articles that agree with its latest member but not with the story start a new one', () => {
    // A chain: article i uses terms i·10 … i·10+19, so it shares half its words with the one
    // before and none with those two steps back. Joined by its centroid alone, the first story
    // would take the chain for as long as the centroid follows it.
    const words = (from: number) => Array.from({ length: 20 }, (_, k) => `term${from + k}`).join(' ');
    const chain = Array.from({ length: 6 }, (_, i) => ({
      id: `drift-${i}`,
      language: 'en',
      published: at(i),
      title: words(10 * i)
        .split(' ')
        .slice(0, 5)
        .join(' '),
      text: words(10 * i),
    }));
    const clusterer = new StoryClusterer();
    for (const doc of background(300)) clusterer.add(doc);
    const ids = chain.map((doc) => clusterer.add(doc).storyId);
    assert.equal(ids[1], ids[0], 'the second article joins the first');
    const first = clusterer.members(ids[0] as number);
    assert.ok(!first.includes('drift-3'), `drift-3 shares nothing with drift-0 or drift-1: ${first.join(', ')}`);
    assert.equal(ids[4], ids[3], 'the drifted articles form a story of their own');
    assert.notEqual(ids[3], ids[0]);
  });
});
