import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Config, ConfigError } from '../../src/config/config.ts';
import '../../src/takes/settings.ts';
import { DailyTokenBudget } from '../../src/takes/llm/budget.ts';
import { parseTakeAnswer } from '../../src/takes/llm/schema.ts';
import { selectArticles } from '../../src/takes/llm/select-articles.ts';
import { createSummarizer } from '../../src/takes/providers/index.ts';
import type { TakeArticle } from '../../src/takes/summarizer.ts';
import { fixtureStory } from './helpers.ts';

describe('selectArticles', () => {
  test('within the budget, a new country comes before a second article from a country', () => {
    const base = fixtureStory('rhine-low-water');
    const kaub = base.find((a) => a.id === 'rhine-01')!;
    // Four German copies of the most central article, then one French and one Dutch article.
    const articles = [
      ...[1, 2, 3, 4].map((i) => ({ ...kaub, id: `de-${i}` })),
      { ...base.find((a) => a.id === 'rhine-03')!, id: 'fr' },
      { ...base.find((a) => a.id === 'rhine-05')!, id: 'nl' },
    ];
    const oneArticle = Math.ceil((kaub.title.length + kaub.text.length) / 4) + 30;
    const picked = selectArticles(articles, { maxTokens: oneArticle * 3 + 10, maxCharsPerArticle: 3000 });
    assert.deepEqual(picked.map((a) => a.country).sort(), ['DE', 'FR', 'NL']);
  });

  test('long articles are cut to the per-article limit', () => {
    const long: TakeArticle = {
      id: 'x',
      outlet: 'o',
      country: 'FR',
      language: 'en',
      title: 't',
      text: 'A sentence about the port. '.repeat(400),
      published: '',
    };
    const [picked] = selectArticles([long], { maxTokens: 5000, maxCharsPerArticle: 1000 });
    assert.ok(picked && picked.text.length <= 1000);
  });
});

describe('DailyTokenBudget', () => {
  test('caps spending per UTC day and starts afresh the next day', async () => {
    const budget = new DailyTokenBudget(1000);
    const day1 = new Date('2026-08-10T10:00:00Z');
    assert.equal(await budget.allows(800, day1), true);
    await budget.record(800, day1);
    assert.equal(await budget.allows(300, day1), false);
    assert.equal(await budget.allows(300, new Date('2026-08-11T00:00:01Z')), true);
  });

  test('0 means no cap', async () => {
    assert.equal(await new DailyTokenBudget(0).allows(1e12), true);
  });
});

describe('parseTakeAnswer', () => {
  test('accepts the shape (fenced or not), rejects anything else', () => {
    const good = { sections: [{ heading: 'H', sentences: [{ text: 'T.', citations: ['a', 2] }] }] };
    assert.deepEqual(parseTakeAnswer(JSON.stringify(good)), {
      ok: true,
      sections: [{ heading: 'H', sentences: [{ text: 'T.', citations: ['a', '2'] }] }],
    });
    assert.equal(parseTakeAnswer(`\`\`\`json\n${JSON.stringify(good)}\n\`\`\``).ok, true);
    for (const bad of ['{', '[]', '{"sections": []}', '{"sections": [{"heading": 1, "sentences": []}]}']) {
      assert.equal(parseTakeAnswer(bad).ok, false, bad);
    }
    assert.equal(
      parseTakeAnswer(JSON.stringify({ sections: [{ heading: 'H', sentences: [{ text: 'T' }] }] })).ok,
      false,
    );
  });
});

describe('summarizer registry', () => {
  test('names the providers and refuses an unknown one or an llm without endpoint', async () => {
    const config = Config.fromEnv({});
    assert.equal(createSummarizer(config).name, 'extractive');
    assert.throws(() => createSummarizer(config, 'nope'), ConfigError);
    assert.throws(() => createSummarizer(config, 'llm'), /MERIDIAN_TAKE_LLM_BASE_URL/);
    const take = await createSummarizer(config).summarize({ articles: fixtureStory('two-article-story') });
    assert.equal(take.provider, 'extractive');
  });
});
