import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { extractEntities, extractNumbers } from '../../src/stories/entities.ts';
import { SimilarityModel, similarity } from '../../src/stories/similarity.ts';
import { TermStats } from '../../src/stories/term-stats.ts';
import { tokenize } from '../../src/stories/tokenize.ts';
import { keyStem as stem } from '../../src/text/stems.ts';
import { byId, fixtureArticles } from './fixtures.ts';

function archiveModel(docs: StoryDoc[]): SimilarityModel {
  const model = new SimilarityModel();
  for (const d of docs) model.observe(d);
  return model;
}

describe('similarity', () => {
  const docs = fixtureArticles();
  const model = archiveModel(docs);

  test('every same-event pair scores above every different-event pair', () => {
    let lowestSame = 1;
    let highestDifferent = 0;
    for (const a of docs) {
      for (const b of docs) {
        if (a === b) continue;
        const s = similarity(a, b, model);
        assert.ok(s >= 0 && s <= 1, `${a.id}/${b.id} out of range: ${s}`);
        if (a.event === b.event) lowestSame = Math.min(lowestSame, s);
        else highestDifferent = Math.max(highestDifferent, s);
      }
    }
    assert.ok(lowestSame > highestDifferent, `same ≥ ${lowestSame}, different ≤ ${highestDifferent}`);
    assert.ok(lowestSame > 0.4, `same-event pairs should read as likely: ${lowestSame}`);
  });

  test('is symmetric', () => {
    const a = byId(docs, 'quake-us');
    const b = byId(docs, 'quake-es');
    assert.equal(similarity(a, b, model), similarity(b, a, model));
  });

  test('untranslated Spanish meets English through names and numbers', () => {
    const es = byId(docs, 'quake-es');
    assert.equal(es.english, undefined);
    assert.ok(similarity(byId(docs, 'quake-us'), es, model) > 0.4);
    assert.ok(similarity(byId(docs, 'rates-us'), es, model) < 0.2);
  });

  test('publication time decays the score over days', () => {
    const a = byId(docs, 'quake-us');
    const later = (days: number): StoryDoc => ({
      ...byId(docs, 'quake-de'),
      id: `later-${days}`,
      published: new Date(Date.parse(a.published ?? '') + days * 86_400_000).toISOString(),
    });
    const same = similarity(a, later(0), model);
    const week = similarity(a, later(7), model);
    const month = similarity(a, later(30), model);
    assert.ok(same > week && week > month, `${same} > ${week} > ${month}`);
  });

  test('term weights come from the archive: a word everywhere counts less than a rare one', () => {
    const stats = new TermStats();
    const m = new SimilarityModel(stats);
    const base = { language: 'en', title: '' };
    const common = Array.from({ length: 20 }, (_, i) => ({
      ...base,
      id: i,
      text: `government statement number ${i}x`,
    }));
    for (const d of common) m.observe(d);
    assert.ok(stats.idf(stem('government'), 'en') < stats.idf(stem('zeppelin'), 'en'));
    const a = { ...base, id: 'a', text: 'government zeppelin' };
    const b = { ...base, id: 'b', text: 'government airship' };
    const c = { ...base, id: 'c', text: 'parliament zeppelin' };
    m.observe(a);
    m.observe(b);
    m.observe(c);
    assert.ok(similarity(a, c, m) > similarity(a, b, m));
  });
});

describe('where a word stands', () => {
  /** Distinct made-up words without digits (a digit would also make a number): `${prefix}ab`… */
  const words = (prefix: string, n: number) =>
    Array.from(
      { length: n },
      (_, i) => `${prefix}${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
  const article = (id: string, title: string[], lead: string[], middle: string[], tail: string[]): StoryDoc => ({
    id,
    language: 'en',
    title: title.join(' '),
    text: [...lead, ...middle, ...tail].join(' '),
  });

  test('a shared headline and lead outweigh as many shared words at the end', () => {
    // B shares A's headline and first sentences (5 + 20 words); C shares as many words, all
    // from A's last paragraph. Counted alike they would tie; news puts the event first.
    const a = article('a', words('hq', 5), words('lq', 20), words('ma', 100), words('tq', 25));
    const b = article('b', words('hq', 5), words('lq', 20), words('mb', 100), words('ub', 25));
    const c = article('c', words('hc', 5), words('lc', 20), words('mc', 100), words('tq', 25));
    const model = archiveModel([
      a,
      b,
      c,
      ...Array.from({ length: 30 }, (_, i) =>
        article(`bg${i}`, words(`x${String.fromCharCode(97 + i)}`, 5), words('bgl', 20), [], []),
      ),
    ]);
    const headlineAndLead = similarity(a, b, model);
    const tail = similarity(a, c, model);
    assert.ok(headlineAndLead > 1.5 * tail, `headline and lead ${headlineAndLead}, tail ${tail}`);
  });
});

describe('across scripts', () => {
  // A Chinese report of an English event shares only what it quotes in Latin script: names,
  // brands, numbers. Its Chinese words are no evidence either way.
  const en: StoryDoc = {
    id: 'gas-en',
    language: 'en',
    published: '2020-01-01T10:00:00Z',
    title: 'Bulgaria starts receiving Russian gas via TurkStream',
    text: 'Bulgargaz said on Wednesday that Bulgaria started to receive Russian natural gas from Gazprom through the TurkStream pipeline. The contract covers 2.9 billion cubic metres a year, its executive director told Bulgarian National Radio.',
  };
  const zh: StoryDoc = {
    id: 'gas-zh',
    language: 'zh',
    published: '2020-01-01T12:00:00Z',
    title: '保加利亚开始通过 TurkStream 接收俄罗斯天然气',
    text: '保加利亚天然气公司周三表示，保加利亚已开始通过 TurkStream 管道从 Gazprom 接收俄罗斯天然气。合同每年涵盖 2.9 亿立方米，执行董事对保加利亚国家电台表示。该国此前一直通过乌克兰和罗马尼亚的管道获得天然气供应。政府官员表示，新的路线将降低运输成本，并提高能源安全。分析人士指出，欧洲联盟正在努力使其能源来源多样化，减少对单一供应国的依赖。邻国塞尔维亚预计将在今年晚些时候接入同一管道。保加利亚总理在索非亚的新闻发布会上称这是一个历史性的日子。',
  };
  // Another event whose report quotes one of the same names.
  const match: StoryDoc = {
    id: 'match-zh',
    language: 'zh',
    published: '2020-01-01T12:00:00Z',
    title: '泽尼特队在主场以三比一击败斯巴达克队',
    text: '由 Gazprom 赞助的泽尼特队周三晚上在圣彼得堡以三比一击败斯巴达克队。前锋在下半场打进两球，主教练赛后称赞了球员们的表现。球队目前在联赛积分榜上排名第一。',
  };
  const archive = Array.from(
    { length: 40 },
    (_, i): StoryDoc => ({
      id: `council-${i}`,
      language: i % 2 ? 'en' : 'zh',
      published: '2020-01-01T08:00:00Z',
      title: i % 2 ? `Report ${i} on the city council budget` : `关于市议会预算的报告 ${i}`,
      text:
        i % 2
          ? 'The council said on Wednesday that the budget would be discussed again next week, officials told the radio.'
          : '市议会周三表示，下周将再次讨论预算问题，官员对电台表示。政府官员表示将提高安全。',
    }),
  );
  const model = archiveModel([...archive, en, zh, match]);

  test('a Chinese report quoting the names of an English one scores as one event', () => {
    // Over all the Chinese words (none of which English can share) this scored 0.67.
    const s = similarity(en, zh, model);
    assert.ok(s > 0.8, `${s}`);
  });

  test('one shared name across scripts does not make two events one', () => {
    const s = similarity(en, match, model);
    assert.ok(s < 0.4, `${s}`);
  });
});

describe('tokenize', () => {
  test('segments Chinese into words and keeps Latin words whole', () => {
    const words = tokenize('美國特使威科夫抵達莫斯科 Witkoff', 'zh-Hant');
    assert.ok(words.includes('莫斯科'), words.join('|'));
    assert.ok(words.includes('witkoff'));
    assert.ok(!words.includes('美國特使威科夫抵達莫斯科'));
  });

  test('segments Thai', () => {
    const words = tokenize('แผ่นดินไหวรุนแรงในชิลี', 'th');
    assert.ok(words.length >= 3, words.join('|'));
  });

  test('a long unspaced text is segmented in pieces without losing words', () => {
    const sentence = '地震發生在智利北部。';
    const words = tokenize(sentence.repeat(300), 'zh-Hant');
    assert.equal(words.filter((w) => w === '智利').length, 300);
  });
});

describe('entities and numbers', () => {
  test('finds multi-word names and skips capitalised sentence openers', () => {
    const { surface, names } = extractEntities(
      'The talks went on. Yesterday the US envoy Steve Witkoff met Yuri Ushakov in Moscow. The envoy left.',
    );
    assert.ok(surface.includes('Steve Witkoff'), surface.join('|'));
    assert.ok(surface.includes('Yuri Ushakov'));
    assert.ok(names.includes('witkoff'), 'single words of a full name count too');
    assert.ok(!surface.includes('The'));
  });

  test('reads numbers in several locales alike', () => {
    assert.deepEqual(extractNumbers('1,200 people; 1.200 Menschen; 7,1 Richter; 2026').sort(), ['1200', '2026', '7.1']);
  });
});
