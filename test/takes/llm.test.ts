import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, test } from 'node:test';
import { Config } from '../../src/config/config.ts';
import { setLogSink } from '../../src/config/log.ts';
import '../../src/takes/settings.ts';
import { DailyTokenBudget } from '../../src/takes/llm/budget.ts';
import { createLlmSummarizer } from '../../src/takes/providers/llm.ts';
import type { TakeArticle } from '../../src/takes/summarizer.ts';
import { takeProblems } from '../../src/takes/take.ts';
import { fixtureStory } from './helpers.ts';

/**
 * The LLM provider against a local server that speaks the OpenAI chat completions protocol.
 * Each test queues the server's answers; the server records every request it gets.
 */
interface Seen {
  path: string;
  auth: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }>; response_format?: { type: string } };
  at: number;
}
type Answer = (req: Seen, res: ServerResponse) => void;

let server: Server;
let baseURL: string;
let answers: Answer[] = [];
let seen: Seen[] = [];
let logs: string[] = [];
let restoreLog: () => void;

const articles: TakeArticle[] = fixtureStory('rhine-low-water');

function completion(content: string, totalTokens = 900): Answer {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        id: 'chatcmpl-test',
        object: 'chat.completion',
        created: 1,
        model: 'test-model',
        choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
        usage: { prompt_tokens: totalTokens - 100, completion_tokens: 100, total_tokens: totalTokens },
      }),
    );
  };
}

const goodSections = [
  {
    heading: 'Impact of Low Water at Kaub',
    sentences: [
      { text: 'The Rhine at the Kaub gauge fell to 38 centimetres on Tuesday.', citations: ['rhine-01', 'rhine-02'] },
      { text: 'Barges on the middle Rhine can carry only about a third of their load.', citations: ['rhine-06'] },
    ],
  },
  {
    heading: 'Industry and Prices',
    sentences: [
      {
        text: 'Rheinchem said it would cut production at its Ludwigshafen plant.',
        citations: ['rhine-02', 'rhine-09'],
      },
      { text: 'Freight rates from Rotterdam to Basel have more than tripled since July.', citations: ['rhine-05'] },
    ],
  },
];

function config(overrides: Record<string, string> = {}): Config {
  return Config.fromEnv({
    MERIDIAN_TAKE_LLM_BASE_URL: baseURL,
    MERIDIAN_TAKE_LLM_API_KEY: 'test-key',
    MERIDIAN_TAKE_LLM_MODEL: 'test-model',
    MERIDIAN_TAKE_LLM_RETRIES: '2',
    ...overrides,
  });
}

/** A fresh budget per test, so the process-wide one does not carry spending between tests. */
const summarizer = (overrides: Record<string, string> = {}, budget = new DailyTokenBudget(0)) =>
  createLlmSummarizer(config(overrides), { budget });

before(async () => {
  server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let data = '';
    req.on('data', (chunk) => {
      data += chunk;
    });
    req.on('end', () => {
      const entry: Seen = {
        path: req.url ?? '',
        auth: req.headers.authorization,
        body: JSON.parse(data),
        at: Date.now(),
      };
      seen.push(entry);
      const answer = answers.shift();
      if (!answer) {
        res.writeHead(500);
        res.end('no answer queued');
        return;
      }
      answer(entry, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  restoreLog = setLogSink((line) => logs.push(line));
});

after(async () => {
  restoreLog();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  answers = [];
  seen = [];
  logs = [];
});

describe('LLM take provider', () => {
  test('a valid answer is accepted; the request carries the articles and asks for JSON', async () => {
    answers.push(completion(JSON.stringify({ sections: goodSections })));
    const take = await summarizer().summarize({ articles });
    assert.equal(take.provider, 'llm');
    assert.equal(take.model, 'test-model');
    assert.equal(take.note, undefined);
    assert.deepEqual(take.sections, goodSections);
    assert.deepEqual(takeProblems(take, articles), []);
    assert.deepEqual([...take.countries].sort(), ['DE', 'GB', 'NL']);
    assert.equal(seen.length, 1);
    const req = seen[0]!;
    assert.equal(req.path, '/v1/chat/completions');
    assert.equal(req.auth, 'Bearer test-key');
    assert.equal(req.body.model, 'test-model');
    assert.equal(req.body.response_format?.type, 'json_object');
    const prompt = req.body.messages.map((m) => m.content).join('\n');
    assert.match(prompt, /JSON/);
    for (const a of articles) {
      assert.ok(prompt.includes(`Article id: ${a.id}`), a.id);
      assert.ok(prompt.includes(a.title), a.title);
    }
  });

  test('a sentence citing an article the model was not given is dropped and logged', async () => {
    // A small input budget: only some articles go in; the model cites one that did not.
    answers.push((req, res) => {
      const given = [...req.body.messages[1]!.content.matchAll(/Article id: (\S+)/g)].map((m) => m[1]!);
      const notGiven = articles.find((a) => !given.includes(a.id))!;
      const firstSentence = (id: string) => articles.find((a) => a.id === id)!.text.split('\n')[0]!;
      completion(
        JSON.stringify({
          sections: [
            { heading: 'Background', sentences: [{ text: firstSentence(given[0]!), citations: [given[0]] }] },
            {
              heading: 'Progress and Outcomes',
              sentences: [
                { text: firstSentence(given[1]!), citations: [given[1]] },
                { text: firstSentence(notGiven.id), citations: [notGiven.id] },
              ],
            },
          ],
        }),
      )(req, res);
    });
    const take = await summarizer({ MERIDIAN_TAKE_LLM_MAX_INPUT_TOKENS: '500' }).summarize({ articles });
    const given = [...seen[0]!.body.messages[1]!.content.matchAll(/Article id: (\S+)/g)].map((m) => m[1]!);
    assert.ok(given.length > 1 && given.length < articles.length, `${given.length} articles given`);
    assert.equal(take.provider, 'llm');
    assert.equal(take.sections.length, 2);
    assert.equal(take.sections[1]!.sentences.length, 1);
    for (const s of take.sections.flatMap((x) => x.sentences)) {
      for (const id of s.citations) assert.ok(given.includes(id), `${id} was not given`);
    }
    assert.ok(logs.some((l) => l.includes('take sentence dropped') && l.includes('not given')));
  });

  test('sentences whose names, numbers or quotes are in none of their sources are dropped', async () => {
    const sections = structuredClone(goodSections);
    sections[0]!.sentences.push(
      { text: 'Chancellor Olaf Brandt promised aid to barge operators.', citations: ['rhine-01'] },
      { text: 'The Kaub gauge fell to 31 centimetres on Tuesday.', citations: ['rhine-01'] },
    );
    sections[1]!.sentences.push({
      text: 'Port director Claire Muller said "the river is dead".',
      citations: ['rhine-03'],
    });
    answers.push(completion(JSON.stringify({ sections })));
    const take = await summarizer().summarize({ articles });
    assert.equal(take.provider, 'llm');
    assert.deepEqual(take.sections, goodSections);
    const dropped = logs.filter((l) => l.includes('take sentence dropped'));
    assert.equal(dropped.length, 3);
    assert.ok(dropped.some((l) => l.includes('name not in cited articles') && l.includes('Olaf')));
    assert.ok(dropped.some((l) => l.includes('number not in cited articles')));
    assert.ok(dropped.some((l) => l.includes('quote not in cited articles')));
  });

  test('a section whose heading carries a figure none of its sources has is dropped', async () => {
    const sections = [
      ...goodSections,
      {
        heading: 'Economic Impact: Traffic Down 90 Percent',
        sentences: [{ text: 'The port of Strasbourg said barge traffic had fallen.', citations: ['rhine-03'] }],
      },
    ];
    answers.push(completion(JSON.stringify({ sections })));
    const take = await summarizer().summarize({ articles });
    assert.deepEqual(take.sections, goodSections);
    assert.ok(logs.some((l) => l.includes('take section dropped') && l.includes('heading number')));
  });

  test('a section titled by a bare name, not an aspect, fails validation like an unsupported claim', async () => {
    const sections = [
      ...goodSections,
      {
        heading: 'Port of Strasbourg',
        sentences: [{ text: 'The port of Strasbourg said barge traffic had fallen.', citations: ['rhine-03'] }],
      },
    ];
    answers.push(completion(JSON.stringify({ sections })));
    const take = await summarizer().summarize({ articles });
    assert.deepEqual(take.sections, goodSections);
    assert.ok(logs.some((l) => l.includes('take section dropped') && l.includes('names no aspect')));
    const prompt = (seen[seen.length - 1]?.body.messages ?? []).map((m) => m.content).join('\n');
    assert.match(prompt, /Diplomacy and Negotiations/, 'the request names the aspect vocabulary');
  });

  test('fewer than two sections surviving the checks: the extractive take stands in', async () => {
    const sections = [
      goodSections[0]!,
      { heading: 'Background', sentences: [{ text: 'Olaf Brandt resigned.', citations: ['rhine-01'] }] },
    ];
    answers.push(completion(JSON.stringify({ sections })));
    const take = await summarizer().summarize({ articles });
    assert.equal(take.provider, 'extractive');
    assert.match(take.note ?? '', /test-model.*1 section/);
    assert.deepEqual(takeProblems(take, articles), []);
  });

  test('malformed JSON is retried once, then the extractive take stands in with a note', async () => {
    answers.push(completion('Here is your take: {"sections": ['), completion('{"sections": "none"}'));
    const take = await summarizer().summarize({ articles });
    assert.equal(seen.length, 2);
    assert.equal(take.provider, 'extractive');
    assert.match(take.note ?? '', /malformed JSON/);
    assert.deepEqual(takeProblems(take, articles), []);
  });

  test('malformed JSON then a valid answer: the valid answer is used', async () => {
    answers.push(
      completion('{not json'),
      completion(`\`\`\`json\n${JSON.stringify({ sections: goodSections })}\n\`\`\``),
    );
    const take = await summarizer().summarize({ articles });
    assert.equal(seen.length, 2);
    assert.equal(take.provider, 'llm');
  });

  test('a stalled server times out and the extractive take stands in', async () => {
    answers.push(() => {
      // Never answers; the client's timeout must end the wait.
    });
    const take = await summarizer({ MERIDIAN_TAKE_LLM_TIMEOUT_MS: '200', MERIDIAN_TAKE_LLM_RETRIES: '0' }).summarize({
      articles,
    });
    assert.equal(take.provider, 'extractive');
    assert.match(take.note ?? '', /timed out/);
  });

  test('a 429 with Retry-After is retried after the wait, then succeeds', async () => {
    answers.push(
      (_req, res) => {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { message: 'rate limited' } }));
      },
      completion(JSON.stringify({ sections: goodSections })),
    );
    const take = await summarizer().summarize({ articles });
    assert.equal(take.provider, 'llm');
    assert.equal(seen.length, 2);
    assert.ok(seen[1]!.at - seen[0]!.at >= 950, `retried after ${seen[1]!.at - seen[0]!.at} ms`);
  });

  test('a 5xx is retried; when retries run out the extractive take stands in', async () => {
    const failing: Answer = (_req, res) => {
      res.writeHead(503);
      res.end('down');
    };
    answers.push(failing, failing);
    const take = await summarizer({ MERIDIAN_TAKE_LLM_RETRIES: '1' }).summarize({ articles });
    assert.equal(seen.length, 2);
    assert.equal(take.provider, 'extractive');
    assert.match(take.note ?? '', /HTTP 503/);
  });

  test('over the daily budget: no request, extractive take with a note', async () => {
    const take = await summarizer({ MERIDIAN_TAKE_LLM_DAILY_TOKENS: '1000' }, new DailyTokenBudget(1000)).summarize({
      articles,
    });
    assert.equal(seen.length, 0);
    assert.equal(take.provider, 'extractive');
    assert.match(take.note ?? '', /daily budget/);
  });

  test('reported usage is spent from the budget: the next take is over it', async () => {
    const budget = new DailyTokenBudget(40_000);
    answers.push(completion(JSON.stringify({ sections: goodSections }), 39_000));
    const first = await summarizer({}, budget).summarize({ articles });
    assert.equal(first.provider, 'llm');
    assert.equal(await budget.spentToday(), 39_000);
    const second = await summarizer({}, budget).summarize({ articles });
    assert.equal(seen.length, 1);
    assert.equal(second.provider, 'extractive');
    assert.match(second.note ?? '', /daily budget/);
  });
});
