import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { StoryService } from '../../src/jobs/story-service.ts';
import type { Outlet } from '../../src/model/outlet.ts';
import { type EmbeddingsServer, startEmbeddingsServer } from '../helpers/embeddings-server.ts';
import { hoursAgo, OUTLETS, type SeededArticle, seed } from '../helpers/seed.ts';
import { openSqlite, type StoreHandle } from '../helpers/stores.ts';

/**
 * The story writer of the pipeline (what `meridian serve` and `meridian import` run) asks the
 * configured embeddings provider for each article's vector, through the OpenAI wire protocol
 * against a local server whose "model" puts earthquake words of every language on one axis.
 */
const OUTLETS_WITH_SPAIN: Outlet[] = [
  ...OUTLETS,
  {
    id: 'elpais',
    name: 'El País',
    homepage: 'https://elpais.com/',
    country: 'ES',
    languages: ['es'],
    feeds: [{ url: 'https://elpais.com/rss/portada.xml', unverified: 'test outlet' }],
    logo: 'https://elpais.com/favicon.ico',
    kind: 'private',
  },
];

const report = (outletId: string, country: string, language: string, title: string, text: string): SeededArticle => ({
  outletId,
  country,
  language,
  title,
  blocks: [{ kind: 'p', text }],
  published: hoursAgo(1),
  url: `https://example.org/${outletId}/${encodeURIComponent(title)}`,
});

const QUAKE_DE = report('dw', 'DE', 'de', 'Erdbeben erschüttert die Küste', 'Häuser stürzten ein, Straßen rissen auf.');
const QUAKE_EN = report('npr', 'US', 'en', 'Earthquake shakes the coast', 'Houses collapsed and roads cracked open.');
const BANK_EN = report('npr', 'US', 'en', 'Bank raises rates again', 'Borrowing costs climb for households.');
const QUAKE_ES = report(
  'elpais',
  'ES',
  'es',
  'Un sismo sacude la costa',
  'Se derrumbaron casas y se agrietaron carreteras.',
);

describe('the story writer with an embeddings provider', () => {
  let server: EmbeddingsServer;
  const handles: StoreHandle[] = [];
  const configWith = (model: string, provider = 'openai') =>
    Config.fromEnv({
      LOG_LEVEL: 'silent',
      MERIDIAN_EMBEDDINGS_PROVIDER: provider,
      MERIDIAN_EMBEDDINGS_URL: server.baseURL,
      MERIDIAN_EMBEDDINGS_MODEL: model,
      // Vectors weigh more than words here: the fixture's reports share no word at all.
      MERIDIAN_EMBEDDINGS_WEIGHT: '0.8',
    });
  const open = async () => {
    const h = await openSqlite();
    handles.push(h);
    return h.store;
  };

  before(async () => {
    server = await startEmbeddingsServer();
  });
  after(async () => {
    for (const h of handles) await h.cleanup();
    await server.close();
  });

  test('reports with no word in common join through their vectors, and a restarted writer embeds its live window again', async () => {
    const words = await open();
    const plainIds = await seed(words, [QUAKE_DE, QUAKE_EN, BANK_EN], OUTLETS_WITH_SPAIN);
    const plain = new StoryService(words, configWith('pipeline-embed', 'none'));
    const plainStories = [];
    for (const id of plainIds) plainStories.push((await plain.assign(id))?.id);
    assert.equal(new Set(plainStories).size, 3, 'on words alone the German and English reports stay apart');

    const store = await open();
    const ids = await seed(store, [QUAKE_DE, QUAKE_EN, BANK_EN, QUAKE_ES], OUTLETS_WITH_SPAIN);
    const [de, en, bank, es] = ids as [number, number, number, number];
    const writer = new StoryService(store, configWith('pipeline-embed'));
    const quake = (await writer.assign(de))?.id;
    assert.equal((await writer.assign(en))?.id, quake, 'the English report joins the German one');
    assert.notEqual((await writer.assign(bank))?.id, quake, 'a report of another event does not');
    const asked = server.seen.filter((s) => s.body.model === 'pipeline-embed');
    assert.equal(asked.length, 3, 'one request per article assigned');

    // A new process rebuilds the live stories from the store, vectors included: the provider is
    // asked only for the new article, or the Spanish report would find no vector to meet.
    const restarted = new StoryService(store, configWith('pipeline-embed'));
    assert.equal((await restarted.assign(es))?.id, quake, 'the Spanish report joins after a restart');
    const reload = server.seen.filter((s) => s.body.model === 'pipeline-embed').slice(3);
    assert.deepEqual(
      reload.map((s) => s.body.input),
      [[`${QUAKE_ES.title}\n${QUAKE_ES.blocks[0]?.text}`]],
      'one request, for the new article alone',
    );
    const stored = await store.articleVectors.getMany(ids, 'pipeline-embed');
    assert.deepEqual([...stored.keys()].sort(), [...ids].sort(), 'every vector was stored');
    assert.deepEqual([...(stored.get(de) ?? [])], [1, 0, 0, 0.05].map(Math.fround), 'as the provider gave it');

    // Another model's vectors are not this model's: a writer with a new model asks again.
    const renamed = new StoryService(store, configWith('pipeline-embed-2'));
    await renamed.assign(es);
    assert.deepEqual(
      server.seen.filter((s) => s.body.model === 'pipeline-embed-2').map((s) => s.body.input.length),
      [4],
      'the new model embeds the live window (all four reports) in one request',
    );
    assert.deepEqual(await store.stories.articleIds(quake as number), [de, en, es]);
  });

  test('a provider that fails leaves every article clustered on its words', async () => {
    const store = await open();
    const ids = await seed(store, [QUAKE_DE, QUAKE_EN], OUTLETS_WITH_SPAIN);
    const writer = new StoryService(store, configWith('missing-model'));
    const stories = [];
    for (const id of ids) stories.push(await writer.assign(id));
    assert.ok(
      stories.every((s) => s !== undefined),
      'each article is kept and gets a story',
    );
    assert.notEqual(stories[0]?.id, stories[1]?.id, 'without vectors the two reports share no evidence');
    for (const id of ids) assert.ok((await store.stories.storyOf(id)) !== undefined, `article ${id} has a story`);
  });
});
