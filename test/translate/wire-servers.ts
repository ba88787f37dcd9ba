import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Local HTTP servers that speak each provider's real wire protocol (paths, methods, auth headers,
 * body fields, response shapes, error codes), so the providers' own code is exercised end to end
 * without the internet. The "engine" behind them is a small Spanish→English word list: enough to
 * see that every output belongs to its input, in order, after batching.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WireReply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** A fault to answer the next translate request with, instead of translating. */
export type Fault = 'rate-limit' | 'server-error' | 'bad-key' | 'wrong-count';

export interface WireServer {
  url: string;
  requests: RecordedRequest[];
  /** Requests that asked for a translation (not language lists or glossary creation). */
  translateRequests(): RecordedRequest[];
  faults: Fault[];
  close(): Promise<void>;
}

const WORDS: Record<string, string> = {
  el: 'the',
  la: 'the',
  los: 'the',
  presidente: 'president',
  habló: 'spoke',
  con: 'with',
  enviado: 'envoy',
  en: 'in',
  ministros: 'ministers',
  llegaron: 'arrived',
  ayer: 'yesterday',
  a: 'to',
  una: 'a',
  capital: 'capital',
  párrafo: 'paragraph',
  número: 'number',
  foto: 'photo',
  del: 'of the',
  crisis: 'crisis',
  witkoff: 'Weikov',
  уиткофф: 'Weikov',
};

/** The fake engine: word for word through WORDS, keeping case of the first letter and all punctuation. */
export function fakeTranslate(text: string, glossary: ReadonlyMap<string, string> = new Map()): string {
  return text.replace(/[\p{L}\p{N}]+/gu, (word) => {
    const fixed = glossary.get(word);
    if (fixed) return fixed;
    const english = WORDS[word.toLowerCase()];
    if (!english) return word;
    return word[0] === word[0]?.toUpperCase() && word[0] !== word[0]?.toLowerCase()
      ? english[0]?.toUpperCase() + english.slice(1)
      : english;
  });
}

export interface Protocol {
  /** Whether this request asks for a translation. */
  isTranslate(req: RecordedRequest): boolean;
  /** Answers a translate request. */
  translate(req: RecordedRequest, glossaries: Map<string, Map<string, string>>, fault?: Fault): WireReply;
  /** Answers anything else (language lists, glossary creation); undefined → 404. */
  other?(req: RecordedRequest, glossaries: Map<string, Map<string, string>>): WireReply | undefined;
}

export async function startWireServer(protocol: Protocol): Promise<WireServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  const glossaries = new Map<string, Map<string, string>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(recorded);
      let reply: WireReply | undefined;
      try {
        reply = protocol.isTranslate(recorded)
          ? protocol.translate(recorded, glossaries, faults.shift())
          : protocol.other?.(recorded, glossaries);
      } catch (err) {
        reply = { status: 400, body: JSON.stringify({ error: String(err) }) };
      }
      reply ??= { status: 404, body: '{"error":"not found"}' };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    translateRequests: () => requests.filter((r) => protocol.isTranslate(r)),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const json = (status: number, value: unknown, headers?: Record<string, string>): WireReply => ({
  status,
  body: JSON.stringify(value),
  ...(headers ? { headers } : {}),
});

/** The generic fault answers; each protocol dresses them in its own error body. */
function faultReply(fault: Fault, authStatus: number, errorBody: (message: string) => unknown): WireReply | undefined {
  if (fault === 'rate-limit') return json(429, errorBody('Too many requests'), { 'retry-after': '1' });
  if (fault === 'server-error') return json(500, errorBody('Internal error'));
  if (fault === 'bad-key') return json(authStatus, errorBody('Invalid authentication key'));
  return undefined;
}

/** DeepL API v2: POST /v2/translate {text[], source_lang, target_lang, glossary_id?}; /v2/glossaries. */
export const deeplProtocol: Protocol = {
  isTranslate: (r) => r.path === '/v2/translate',
  translate(r, glossaries, fault) {
    const failed = fault && faultReply(fault, 403, (message) => ({ message }));
    if (failed) return failed;
    const body = JSON.parse(r.body) as { text: string[]; glossary_id?: string };
    const glossary = body.glossary_id ? glossaries.get(body.glossary_id) : undefined;
    if (body.glossary_id && !glossary) return json(404, { message: 'Glossary not found' });
    const texts = fault === 'wrong-count' ? body.text.slice(1) : body.text;
    return json(200, {
      translations: texts.map((t) => ({ detected_source_language: 'ES', text: fakeTranslate(t, glossary) })),
    });
  },
  other(r, glossaries) {
    if (r.path !== '/v2/glossaries' || r.method !== 'POST') return undefined;
    const body = JSON.parse(r.body) as { name: string; entries: string; entries_format: string };
    if (body.entries_format !== 'tsv') return json(400, { message: 'unsupported format' });
    const entries = new Map(body.entries.split('\n').map((line) => line.split('\t') as [string, string]));
    const id = `gl-${glossaries.size + 1}`;
    glossaries.set(id, entries);
    return json(201, { glossary_id: id, name: body.name, ready: true, entry_count: entries.size });
  },
};

/** LibreTranslate: POST /translate {q[], source, target, format, api_key?} → {translatedText[]}. */
export const libreTranslateProtocol: Protocol = {
  isTranslate: (r) => r.path === '/translate',
  translate(r, _g, fault) {
    const failed = fault && faultReply(fault, 403, (error) => ({ error }));
    if (failed) return failed;
    const body = JSON.parse(r.body) as { q: string[] | string };
    const q = Array.isArray(body.q) ? body.q : [body.q];
    const texts = fault === 'wrong-count' ? q.slice(1) : q;
    return json(200, { translatedText: texts.map((t) => fakeTranslate(t)) });
  },
  other: (r) =>
    r.path === '/languages'
      ? json(200, [
          { code: 'en', name: 'English', targets: ['en', 'es'] },
          { code: 'es', name: 'Spanish', targets: ['en', 'es'] },
        ])
      : undefined,
};

/** Google Cloud Translation v2: POST /language/translate/v2?key=K {q[], source, target, format}. */
export const googleV2Protocol: Protocol = {
  isTranslate: (r) => r.path === '/language/translate/v2',
  translate(r, _g, fault) {
    const error = (message: string, code: number) => ({ error: { code, message, errors: [{ message }] } });
    if (fault === 'bad-key') {
      return json(400, {
        error: {
          code: 400,
          message: 'API key not valid. Please pass a valid API key.',
          status: 'INVALID_ARGUMENT',
          details: [{ reason: 'API_KEY_INVALID' }],
        },
      });
    }
    const failed = fault && faultReply(fault, 403, (m) => error(m, 500));
    if (failed) return failed;
    const body = JSON.parse(r.body) as { q: string[] };
    const texts = fault === 'wrong-count' ? body.q.slice(1) : body.q;
    return json(200, { data: { translations: texts.map((t) => ({ translatedText: fakeTranslate(t) })) } });
  },
};

/** Google Cloud Translation v3: POST /v3/projects/P/locations/L:translateText {contents[], ...}. */
export const googleV3Protocol: Protocol = {
  isTranslate: (r) => /^\/v3\/projects\/[^/]+\/locations\/[^/]+:translateText$/.test(r.path),
  translate(r, _g, fault) {
    const failed = fault && faultReply(fault, 401, (message) => ({ error: { code: 0, message, status: 'ERROR' } }));
    if (failed) return failed;
    const body = JSON.parse(r.body) as { contents: string[] };
    const texts = fault === 'wrong-count' ? body.contents.slice(1) : body.contents;
    return json(200, { translations: texts.map((t) => ({ translatedText: fakeTranslate(t) })) });
  },
};

/** OpenAI-compatible chat: POST /v1/chat/completions; the segments arrive as a numbered JSON array. */
export const openaiProtocol: Protocol = {
  isTranslate: (r) => r.path === '/v1/chat/completions',
  translate(r, _g, fault) {
    const failed =
      fault && faultReply(fault, 401, (message) => ({ error: { message, type: 'invalid_request_error', code: null } }));
    if (failed) return failed;
    const body = JSON.parse(r.body) as { model: string; messages: Array<{ role: string; content: string }> };
    if (body.model === 'no-such-model') {
      return json(404, { error: { message: `The model ${body.model} does not exist`, code: 'model_not_found' } });
    }
    const system = body.messages.find((m) => m.role === 'system')?.content ?? '';
    const glossary = new Map(
      [...system.matchAll(/^- (.+) → (.+)$/gm)].map((m) => [m[1] ?? '', m[2] ?? ''] as [string, string]),
    );
    const segments = JSON.parse(body.messages.find((m) => m.role === 'user')?.content ?? '[]') as Array<{
      n: number;
      text: string;
    }>;
    // A model that lost count answers with one element too few.
    const kept = fault === 'wrong-count' ? segments.slice(1) : segments;
    const content = JSON.stringify(kept.map((s) => fakeTranslate(s.text, glossary)));
    return json(200, {
      id: 'chatcmpl-test',
      object: 'chat.completion',
      created: 0,
      model: body.model,
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
    });
  },
};

/** Apertium APy: POST /translate (form: langpair=spa|eng, q, markUnknown) and GET /listPairs. */
export const apyProtocol: Protocol = {
  isTranslate: (r) => r.path === '/translate',
  translate(r, _g, fault) {
    const failed =
      fault && faultReply(fault, 403, (m) => ({ responseData: null, responseDetails: m, responseStatus: 500 }));
    if (failed) return failed;
    const form = r.method === 'GET' ? r.query : new URLSearchParams(r.body);
    if (form.get('langpair') !== 'spa|eng') {
      return json(400, { responseData: null, responseDetails: 'That pair is not installed', responseStatus: 400 });
    }
    // Like Apertium, the engine passes the segment separator line through untouched.
    const q = form.get('q') ?? '';
    const text = fault === 'wrong-count' ? q.replace('¶¶¶', '') : q;
    return json(200, {
      responseData: { translatedText: fakeTranslate(text) },
      responseDetails: null,
      responseStatus: 200,
    });
  },
  other: (r) =>
    r.path === '/listPairs'
      ? json(200, {
          responseData: [{ sourceLanguage: 'spa', targetLanguage: 'eng' }],
          responseDetails: null,
          responseStatus: 200,
        })
      : undefined,
};
