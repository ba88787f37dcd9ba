import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { run } from '../../src/cli/main.ts';
import type { StoryDoc } from '../../src/stories/doc.ts';
import { attachEmbeddings, OpenAIEmbedder } from '../../src/stories/embeddings.ts';
import { SimilarityModel, similarity } from '../../src/stories/similarity.ts';

/**
 * A local server speaking the OpenAI embeddings protocol. Its "model" maps words of several
 * languages to shared topic dimensions, as a multilingual embedding model would, so articles
 * with no word in common can still be close.
 */
const TOPICS: RegExp[] = [/earthquake|erdbeben|sismo|quake/i, /bank|rates|zins|taux/i, /envoy|talks|gespräche/i];

function vectorFor(text: string): number[] {
  const v: number[] = TOPICS.map((re) => (re.test(text) ? 1 : 0));
  v.push(0.05); // never all-zero
  return v;
}

interface Seen {
  body: { model: string; input: string[]; encoding_format?: string };
  auth: string | undefined;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

describe('embeddings provider (OpenAI-compatible)', () => {
  let server: Server;
  let baseURL = '';
  const seen: Seen[] = [];

  before(async () => {
    server = createServer(async (req, res) => {
      const body = JSON.parse(await readBody(req)) as Seen['body'];
      if (req.method !== 'POST' || req.url !== '/v1/embeddings') {
        res.writeHead(404).end();
        return;
      }
      if (body.model === 'missing-model') {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'model not found', type: 'invalid_request_error' } }));
        return;
      }
      seen.push({ body, auth: req.headers.authorization });
      const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: vectorFor(text) }));
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          object: 'list',
          data: data.reverse(),
          model: body.model,
          usage: { prompt_tokens: 1, total_tokens: 1 },
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

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
