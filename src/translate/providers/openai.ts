import type { Config } from '../../config/config.ts';
import { declareSettings } from '../../config/registry.ts';
import {
  ProviderConfigError,
  ProviderUnavailableError,
  RateLimitedError,
  requiredSetting,
  TranslationError,
} from '../errors.ts';
import type { GlossaryEntry } from '../glossary.ts';
import { excerpt, providerRetryAfterMs } from '../http.ts';
import type { Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * Any OpenAI-compatible chat endpoint: OpenAI, Ollama, vLLM, llama.cpp server, LM Studio. The
 * segments go out as a numbered JSON array and must come back as a JSON array of the same length;
 * when a model answers with another shape, each segment is asked for alone.
 */
export const openaiSettings = declareSettings([
  {
    name: 'MERIDIAN_OPENAI_BASE_URL',
    type: 'url',
    default: 'https://api.openai.com/v1',
    group: 'translate.openai',
    description: 'Chat completions endpoint base (Ollama: http://127.0.0.1:11434/v1).',
  },
  {
    name: 'MERIDIAN_OPENAI_API_KEY',
    type: 'string',
    default: '',
    secret: true,
    group: 'translate.openai',
    description: 'API key (not needed by most self-hosted servers).',
  },
  {
    name: 'MERIDIAN_OPENAI_MODEL',
    type: 'string',
    default: 'gpt-4o-mini',
    group: 'translate.openai',
    description: 'Model name as the endpoint knows it (gpt-4o-mini, qwen2.5:7b…).',
  },
  {
    name: 'MERIDIAN_OPENAI_MAX_SEGMENTS',
    type: 'int',
    default: 20,
    min: 1,
    max: 200,
    group: 'translate.openai',
    description: 'Segments per request (smaller local models keep count better with fewer).',
  },
  {
    name: 'MERIDIAN_OPENAI_CONCURRENCY',
    type: 'int',
    default: 2,
    min: 1,
    max: 64,
    group: 'translate.openai',
    description: 'Requests in flight at once.',
  },
  {
    name: 'MERIDIAN_OPENAI_TIMEOUT_MS',
    type: 'int',
    default: 120_000,
    min: 1000,
    group: 'translate.openai',
    description: 'Longest wait for one answer.',
  },
] as const);

const OPENAI_HOST = 'api.openai.com';

export async function createOpenAiTranslator(config: Config): Promise<Translator> {
  const baseURL = config.string('MERIDIAN_OPENAI_BASE_URL');
  const model = requiredSetting(
    config,
    'MERIDIAN_OPENAI_MODEL',
    'openai',
    'Set MERIDIAN_OPENAI_MODEL to the model to translate with.',
  );
  let apiKey = config.string('MERIDIAN_OPENAI_API_KEY');
  if (!apiKey) {
    if (new URL(baseURL).hostname === OPENAI_HOST) {
      throw new ProviderConfigError(
        'OpenAI needs an API key: set MERIDIAN_OPENAI_API_KEY.',
        'openai',
        'MERIDIAN_OPENAI_API_KEY',
      );
    }
    // Self-hosted servers ignore the key, but the client insists on one.
    apiKey = 'unused';
  }
  const { default: OpenAIClient } = await import('openai');
  // Our own retry policy (with Retry-After) is the one that runs; the client must not retry too.
  const client = new OpenAIClient({
    baseURL,
    apiKey,
    maxRetries: 0,
    timeout: config.int('MERIDIAN_OPENAI_TIMEOUT_MS'),
  });

  const ask = async (
    segments: string[],
    source: string,
    target: string,
    glossary: readonly GlossaryEntry[],
    signal?: AbortSignal,
  ) => {
    try {
      const completion = await client.chat.completions.create(
        {
          model,
          temperature: 0,
          messages: [
            { role: 'system', content: instructions(source, target, segments.length, glossary) },
            { role: 'user', content: JSON.stringify(segments.map((text, i) => ({ n: i + 1, text }))) },
          ],
        },
        signal ? { signal } : {},
      );
      return completion.choices[0]?.message?.content ?? '';
    } catch (err) {
      throw mapOpenAiError(err, baseURL, model);
    }
  };

  return {
    name: 'openai',
    model,
    limits: {
      maxSegmentsPerRequest: config.int('MERIDIAN_OPENAI_MAX_SEGMENTS'),
      maxCharsPerRequest: 8000,
      concurrency: config.int('MERIDIAN_OPENAI_CONCURRENCY'),
    },
    supports: () => true,
    async translate(segments, source, target, options) {
      const glossary = options?.glossary ?? [];
      const answer = await ask(segments, source, target, glossary, options?.signal);
      const parsed = parseTranslations(answer, segments.length);
      if (parsed) return parsed;
      // Wrong count or shape: one segment per request cannot be misaligned.
      const out: string[] = [];
      for (const segment of segments) {
        const single = await ask([segment], source, target, glossary, options?.signal);
        const one = parseTranslations(single, 1)?.[0] ?? stripFences(single);
        if (one.trim() === '') throw new TranslationError(`${model} returned an empty translation`, 'openai');
        out.push(one);
      }
      return out;
    },
  };
}

function instructions(source: string, target: string, count: number, glossary: readonly GlossaryEntry[]): string {
  const names = languageName(source);
  const lines = [
    `You translate news articles from ${names} into ${languageName(target)}.`,
    `The user sends a JSON array of ${count} numbered segments: [{"n":1,"text":"..."}, ...].`,
    `Answer with only a JSON array of exactly ${count} strings: element i is the translation of segment n=i+1.`,
    'Translate faithfully and completely; keep numbers, quotes and line breaks; add no notes or comments.',
  ];
  if (glossary.length > 0) {
    lines.push('Always render these names exactly as given:');
    for (const e of glossary) lines.push(`- ${e.sourceForm} → ${e.english}`);
  }
  return lines.join('\n');
}

function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

/** The array of translations in a model's answer, or undefined when it has another shape or length. */
export function parseTranslations(answer: string, expected: number): string[] | undefined {
  const text = stripFences(answer);
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  let value: unknown;
  try {
    value = JSON.parse(start >= 0 && end > start ? text.slice(start, end + 1) : text);
  } catch {
    return undefined;
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    value = Object.values(value).find(Array.isArray);
  }
  if (!Array.isArray(value) || value.length !== expected) return undefined;
  const out = value.map((v) =>
    typeof v === 'string'
      ? v
      : typeof v === 'object' && v && typeof (v as { text?: unknown }).text === 'string'
        ? (v as { text: string }).text
        : undefined,
  );
  return out.every((v): v is string => v !== undefined) ? out : undefined;
}

function stripFences(text: string): string {
  return text
    .trim()
    .replace(/^```[a-z]*\s*/i, '')
    .replace(/\s*```$/, '')
    .trim();
}

function mapOpenAiError(err: unknown, baseURL: string, model: string): unknown {
  const e = err as { status?: number; headers?: Headers; code?: string | null; message?: string; name?: string };
  if (e?.name === 'AbortError' || e?.name === 'APIUserAbortError') return err;
  const status = e?.status;
  const detail = excerpt(e?.message ?? '');
  if (status === undefined) {
    return new ProviderUnavailableError(`The chat endpoint at ${baseURL} could not be reached: ${detail}`, 'openai', {
      cause: err,
    });
  }
  if (status === 429 && e.code === 'insufficient_quota') {
    return new ProviderUnavailableError(`The chat endpoint's quota is used up: ${detail}`, 'openai', { cause: err });
  }
  if (status === 429) {
    return new RateLimitedError(
      `The chat endpoint is rate limiting: ${detail}`,
      'openai',
      providerRetryAfterMs(e.headers?.get?.('retry-after')),
      {
        cause: err,
      },
    );
  }
  if (status >= 500)
    return new ProviderUnavailableError(`The chat endpoint failed with HTTP ${status}: ${detail}`, 'openai', {
      cause: err,
    });
  if (status === 401 || status === 403) {
    return new ProviderConfigError(
      `The chat endpoint at ${baseURL} rejected the API key (HTTP ${status}). Check MERIDIAN_OPENAI_API_KEY.`,
      'openai',
      'MERIDIAN_OPENAI_API_KEY',
      { cause: err },
    );
  }
  if (status === 404) {
    return new ProviderConfigError(
      `The chat endpoint at ${baseURL} does not know model "${model}" (HTTP 404). Check MERIDIAN_OPENAI_MODEL and MERIDIAN_OPENAI_BASE_URL.`,
      'openai',
      'MERIDIAN_OPENAI_MODEL',
      { cause: err },
    );
  }
  return new TranslationError(`The chat endpoint refused the request (HTTP ${status}): ${detail}`, 'openai', {
    cause: err,
  });
}

export const openaiProvider: TranslatorProvider = {
  name: 'openai',
  summary: 'any OpenAI-compatible chat endpoint (OpenAI, Ollama, vLLM, llama.cpp, LM Studio)',
  create: createOpenAiTranslator,
};
