import OpenAI from 'openai';
import type { Config } from '../../config/config.ts';
import { logger } from '../../config/log.ts';
import { ConfigError } from '../../config/setting.ts';
import { openAiVerdict } from '../../net/openai-retry.ts';
import { withRetry } from '../../net/retry.ts';
import { citedSources, extractiveTake } from '../extractive/take.ts';
import { DailyTokenBudget, estimateTokens, type SpendingBudget } from '../llm/budget.ts';
import { buildMessages } from '../llm/prompt.ts';
import { parseTakeAnswer } from '../llm/schema.ts';
import { selectArticles } from '../llm/select-articles.ts';
import { keepGroundedSections } from '../llm/validate.ts';
import type { Summarizer, TakeInput, TakeResult } from '../summarizer.ts';
import type { SummarizerProvider } from './index.ts';

/**
 * The LLM provider: an OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp server,
 * LM Studio) writes the take as JSON, and nothing reaches the reader unchecked:
 *
 * 1. the most diverse articles that fit MERIDIAN_TAKE_LLM_MAX_INPUT_TOKENS go in;
 * 2. the answer must parse and match the schema — one more try if it does not;
 * 3. each sentence must cite only given articles and its names, numbers and quotes must be in them,
 *    otherwise it is dropped and logged (llm/validate.ts);
 * 4. when the endpoint is down or times out, answers malformed JSON twice, keeps fewer than two
 *    sections, or the day's token budget is spent, the extractive take stands in, saying so in `note`.
 */
export { llmSettings } from './llm-settings.ts';

const log = logger('takes.llm');
/** Characters of one article given to the model: the lead, where news puts its facts. */
const MAX_CHARS_PER_ARTICLE = 3_000;
/** Attempts at getting a well-formed answer. */
const ANSWER_ATTEMPTS = 2;

interface LlmOptions {
  baseURL: string;
  model: string;
  apiKey: string;
  timeoutMs: number;
  retries: number;
  maxRetryWaitMs: number;
  maxInputTokens: number;
  maxOutputTokens: number;
}

/** Budgets shared by every summarizer of this process with the same cap. */
const processBudgets = new Map<number, DailyTokenBudget>();

function processBudget(cap: number): DailyTokenBudget {
  let budget = processBudgets.get(cap);
  if (!budget) {
    budget = new DailyTokenBudget(cap);
    processBudgets.set(cap, budget);
  }
  return budget;
}

export function createLlmSummarizer(config: Config, deps: { budget?: SpendingBudget } = {}): Summarizer {
  const options: LlmOptions = {
    baseURL: config.string('MERIDIAN_TAKE_LLM_BASE_URL'),
    model: config.string('MERIDIAN_TAKE_LLM_MODEL'),
    apiKey: config.string('MERIDIAN_TAKE_LLM_API_KEY'),
    timeoutMs: config.int('MERIDIAN_TAKE_LLM_TIMEOUT_MS'),
    retries: config.int('MERIDIAN_TAKE_LLM_RETRIES'),
    maxRetryWaitMs: config.int('MERIDIAN_TAKE_LLM_MAX_RETRY_WAIT_S') * 1000,
    maxInputTokens: config.int('MERIDIAN_TAKE_LLM_MAX_INPUT_TOKENS'),
    maxOutputTokens: config.int('MERIDIAN_TAKE_LLM_MAX_OUTPUT_TOKENS'),
  };
  if (!options.baseURL) {
    throw new ConfigError(
      'MERIDIAN_TAKE_LLM_BASE_URL',
      'MERIDIAN_TAKE_LLM_BASE_URL must be set to use the llm summarizer.',
    );
  }
  const budget = deps.budget ?? processBudget(config.int('MERIDIAN_TAKE_LLM_DAILY_TOKENS'));
  const client = new OpenAI({
    baseURL: options.baseURL,
    // Local servers need no key, but the client insists on one; it is sent and ignored.
    apiKey: options.apiKey || 'no-key',
    timeout: options.timeoutMs,
    // Retries are ours: Retry-After is capped and every retry is logged.
    maxRetries: 0,
  });
  return { name: 'llm', summarize: (input) => summarizeWithLlm(input, client, options, budget) };
}

export const llmProvider: SummarizerProvider = {
  name: 'llm',
  summary: 'an OpenAI-compatible chat endpoint writes the take; every sentence is checked against its sources',
  create: createLlmSummarizer,
};

async function summarizeWithLlm(
  input: TakeInput,
  client: OpenAI,
  options: LlmOptions,
  budget: SpendingBudget,
): Promise<TakeResult> {
  const fallback = (why: string): TakeResult => {
    log.warn('llm take failed, extractive take used', { storyId: input.storyId, why });
    const take = extractiveTake(input);
    const note = `The language model (${options.model}) ${why}; this take was written by the extractive summarizer.`;
    return { ...take, note: take.note ? `${note} ${take.note}` : note };
  };
  if (input.articles.length === 0) return extractiveTake(input);
  const given = selectArticles(input.articles, {
    maxTokens: options.maxInputTokens,
    maxCharsPerArticle: MAX_CHARS_PER_ARTICLE,
  });
  const messages = buildMessages(given);
  const promptTokens = estimateTokens(messages.map((m) => m.content).join('\n'));

  for (let attempt = 1; attempt <= ANSWER_ATTEMPTS; attempt++) {
    if (!(await budget.allows(promptTokens + options.maxOutputTokens))) return fallback('is over its daily budget');
    let content: string;
    try {
      const answer = await complete(client, options, messages);
      await budget.record(answer.tokens ?? promptTokens + estimateTokens(answer.content));
      content = answer.content;
    } catch (err) {
      return fallback(describeFailure(err));
    }
    const parsed = parseTakeAnswer(content);
    if (!parsed.ok) {
      log.warn('llm take answer malformed', { storyId: input.storyId, attempt, error: parsed.error });
      continue;
    }
    const sections = keepGroundedSections(parsed.sections, given, input.storyId);
    if (sections.length < 2)
      return fallback(`kept ${sections.length} section(s) after checking its sentences against their sources`);
    return {
      sections,
      ...citedSources(sections, input.articles),
      provider: 'llm',
      model: options.model,
    };
  }
  return fallback(`returned malformed JSON ${ANSWER_ATTEMPTS} times`);
}

/**
 * One chat completion in JSON mode, retried by Meridian's policy (net/retry.ts) on 429 (honouring
 * Retry-After up to MERIDIAN_TAKE_LLM_MAX_RETRY_WAIT_S), 5xx and refused connections. A timeout
 * is not retried: the reader gets the extractive take now, not in minutes.
 */
async function complete(
  client: OpenAI,
  options: LlmOptions,
  messages: ReturnType<typeof buildMessages>,
): Promise<{ content: string; tokens?: number }> {
  return withRetry(
    async () => {
      const completion = await client.chat.completions.create({
        model: options.model,
        messages,
        response_format: { type: 'json_object' },
        temperature: 0.2,
        max_tokens: options.maxOutputTokens,
      });
      const content = completion.choices[0]?.message?.content ?? '';
      return { content, ...(completion.usage ? { tokens: completion.usage.total_tokens } : {}) };
    },
    { attempts: options.retries + 1, baseDelayMs: 500, maxDelayMs: options.maxRetryWaitMs },
    (err) => openAiVerdict(err, { retryTimeouts: false }),
    {
      onRetry: (err, attempt, waitMs) => log.info('llm take request retried', { attempt, waitMs, err: err as Error }),
    },
  );
}

function describeFailure(err: unknown): string {
  if (err instanceof OpenAI.APIConnectionTimeoutError) return 'timed out';
  if (err instanceof OpenAI.APIConnectionError) return 'could not be reached';
  if (err instanceof OpenAI.APIError) return `answered HTTP ${err.status ?? 'error'}`;
  return `failed (${err instanceof Error ? err.message : String(err)})`;
}
