import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server speaking the OpenAI embeddings protocol (POST /v1/embeddings). Its "model" maps
 * words of several languages to shared topic dimensions, as a multilingual embedding model would,
 * so articles with no word in common can still be close. The model `missing-model` answers 400,
 * as a real endpoint does for a model it does not serve.
 */
const TOPICS: RegExp[] = [/earthquake|erdbeben|sismo|quake/i, /bank|rates|zins|taux/i, /envoy|talks|gespräche/i];

export function topicVector(text: string): number[] {
  const v: number[] = TOPICS.map((re) => (re.test(text) ? 1 : 0));
  v.push(0.05); // never all-zero
  return v;
}

export interface SeenRequest {
  body: { model: string; input: string[]; encoding_format?: string };
  auth: string | undefined;
}

export interface EmbeddingsServer {
  baseURL: string;
  /** Requests answered with vectors, in order. */
  seen: SeenRequest[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<string> {
  let data = '';
  for await (const chunk of req) data += chunk;
  return data;
}

export async function startEmbeddingsServer(): Promise<EmbeddingsServer> {
  const seen: SeenRequest[] = [];
  const server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as SeenRequest['body'];
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
    const data = body.input.map((text, index) => ({ object: 'embedding', index, embedding: topicVector(text) }));
    res.writeHead(200, { 'content-type': 'application/json' });
    // Out of order on purpose: clients must sort by `index`.
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
  return {
    baseURL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
