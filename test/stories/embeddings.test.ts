import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/cli/main.ts';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { attachEmbeddings, OpenAIEmbedder } from '../../src/stories/embeddings.ts';
import { SimilarityModel, similarity } from '../../src/stories/similarity.ts';
import { type EmbeddingsServer, type SeenRequest, startEmbeddingsServer } from '../helpers/embeddings-server.ts';

describe('embeddings provider (OpenAI-compatible)', () => {
  let server: EmbeddingsServer;
  let baseURL = '';
  let seen: SeenRequest[] = [];

  before(async () => {
    server = await startEmbeddingsServer();
    baseURL = server.baseURL;
    seen = server.seen;
  });

  after(() => server.close());

  test('embeds in input order, asking for floats with the configured model and key', async () => {
    const embedder = new OpenAIEmbedder({ baseURL, model: 'test-embed', apiKey: 'sk-test' });
    const vectors = await embedder.embed(['An earthquake', 'Bank rates', 'Envoy talks']);
    assert.deepEqual(
      vectors.map((v) => [...v].slice(0, 3)),
      [
        [1, 0, 0],
        [0, 1, 0],
        [0, 0, 1],
      ],
    );
    const last = seen[seen.length - 1];
    assert.equal(last?.body.model, 'test-embed');
    assert.equal(last?.body.encoding_format, 'float');
    assert.equal(last?.auth, 'Bearer sk-test');
  });

  test('adds semantic similarity where the words do not meet', async () => {
    const a: StoryDoc = { id: 'a', language: 'de', title: 'Erdbeben erschüttert Küste', text: 'Häuser stürzten ein.' };
    const b: StoryDoc = { id: 'b', language: 'en', title: 'Earthquake shakes coast', text: 'Houses collapsed.' };
    const c: StoryDoc = { id: 'c', language: 'en', title: 'Bank raises rates', text: 'Borrowing costs climb.' };
    const plain = new SimilarityModel();
    for (const d of [a, b, c]) plain.observe({ ...d });
    const withEmbeddings = new SimilarityModel();
    await attachEmbeddings([a, b, c], withEmbeddings, new OpenAIEmbedder({ baseURL, model: 'test-embed' }));
    for (const d of [a, b, c]) withEmbeddings.observe(d);
    const before = similarity({ ...a }, { ...b }, plain);
    const after = similarity(a, b, withEmbeddings);
    assert.ok(after > before + 0.3, `${before} → ${after}`);
    assert.ok(similarity(a, c, withEmbeddings) < 0.1);
  });

  test('an endpoint error surfaces as an error', async () => {
    const embedder = new OpenAIEmbedder({ baseURL, model: 'missing-model' });
    await assert.rejects(embedder.embed(['x']), /model not found/);
  });

  test('meridian compare uses the provider when configured', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-embed-'));
    const file = join(dir, 'pairs.csv');
    writeFileSync(
      file,
      'pair_id,lang1,lang2,text1,text2\np1,de,en,"Erdbeben erschüttert Küste\nHäuser stürzten ein.","Earthquake shakes coast\nHouses collapsed."\n',
    );
    const outputs: string[] = [];
    for (const provider of ['none', 'openai']) {
      let out = '';
      const code = await run(
        ['compare', file],
        { out: (t) => (out += t), err: () => {}, tty: false },
        {
          LOG_LEVEL: 'silent',
          MERIDIAN_EMBEDDINGS_PROVIDER: provider,
          MERIDIAN_EMBEDDINGS_URL: baseURL,
          MERIDIAN_EMBEDDINGS_MODEL: 'cli-embed',
        },
      );
      assert.equal(code, 0);
      outputs.push(out);
    }
    const [none, openai] = outputs.map((o) => JSON.parse(o.trim()).similarity as number);
    assert.ok((openai ?? 0) > (none ?? 1) + 0.3, `${none} → ${openai}`);
    assert.ok(seen.some((s) => s.body.model === 'cli-embed'));
  });
});
