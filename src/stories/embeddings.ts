/**
 * Optional semantic similarity: article vectors from an OpenAI-compatible embeddings endpoint
 * (OpenAI, Ollama, vLLM, llama.cpp server, LM Studio…) through the `openai` client. Off by
 * default; with it off, similarity is words, names, numbers and time only.
 */
import OpenAI from 'openai';
import type { Config } from '../config/config.ts';
import { logger } from '../config/log.ts';
import { openAiVerdict } from '../net/openai-retry.ts';
import { type RetryPolicy, withRetry } from '../net/retry.ts';
import type { StoryDoc } from './doc.ts';
import { DEFAULT_EMBEDDINGS_TIMEOUT_MS } from './settings.ts';
import type { SimilarityModel } from './similarity.ts';
import { readerText } from './surface.ts';

const log = logger('stories.embeddings');

/** Characters of an article sent for embedding: headline and lead carry the event. */
const MAX_INPUT_CHARS = 2000;
const BATCH = 64;
/**
 * Tries per batch: the client's own retries are off so this policy (net/retry.ts) is the one that
 * runs; a timeout is retried too, as the client did, since clustering waits for the vectors.
 */
const EMBED_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 60_000 };

export interface Embedder {
  readonly model: string;
  embed(texts: string[]): Promise<Float32Array[]>;
}

export interface OpenAIEmbedderOptions {
  baseURL?: string;
  apiKey?: string;
  model: string;
  timeoutMs?: number;
}

export class OpenAIEmbedder implements Embedder {
  private readonly client: OpenAI;
  readonly model: string;

  constructor(options: OpenAIEmbedderOptions) {
    this.model = options.model;
    this.client = new OpenAI({
      // Local servers need no key, but the client insists on one.
      apiKey: options.apiKey || 'none',
      ...(options.baseURL ? { baseURL: options.baseURL } : {}),
      timeout: options.timeoutMs ?? DEFAULT_EMBEDDINGS_TIMEOUT_MS,
      maxRetries: 0,
    });
  }

  async embed(texts: string[]): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += BATCH) {
      const input = texts.slice(i, i + BATCH).map((t) => t.slice(0, MAX_INPUT_CHARS) || ' ');
      // Floats, not the client's default base64: not every compatible server speaks base64.
      const response = await withRetry(
        () => this.client.embeddings.create({ model: this.model, input, encoding_format: 'float' }),
        EMBED_RETRY,
        (err) => openAiVerdict(err, { retryTimeouts: true }),
        {
          onRetry: (err, attempt, waitMs) =>
            log.info('embeddings request retried', { attempt, waitMs, err: err as Error }),
        },
      );
      const vectors = [...response.data].sort((a, b) => a.index - b.index);
      if (vectors.length !== input.length) {
        throw new Error(`Embeddings endpoint returned ${vectors.length} vectors for ${input.length} inputs`);
      }
      for (const v of vectors) out.push(Float32Array.from(v.embedding as number[]));
    }
    return out;
  }
}

/** The configured embedder, or undefined when the provider is `none`. */
export function createEmbedder(config: Config): Embedder | undefined {
  if (config.string('MERIDIAN_EMBEDDINGS_PROVIDER') !== 'openai') return undefined;
  const baseURL = config.string('MERIDIAN_EMBEDDINGS_URL');
  return new OpenAIEmbedder({
    ...(baseURL ? { baseURL } : {}),
    apiKey: config.string('MERIDIAN_EMBEDDINGS_API_KEY'),
    model: config.string('MERIDIAN_EMBEDDINGS_MODEL'),
    timeoutMs: config.int('MERIDIAN_EMBEDDINGS_TIMEOUT_MS'),
  });
}

/** The text of an article that is embedded: headline and the start of the body. */
export function embeddingInput(doc: StoryDoc): string {
  const { title, text } = readerText(doc);
  return `${title}\n${text}`.slice(0, MAX_INPUT_CHARS);
}

/** Embeds articles and attaches the vectors to their profiles in `model`; returns them, in order. */
export async function attachEmbeddings(
  docs: StoryDoc[],
  model: SimilarityModel,
  embedder: Embedder,
): Promise<Float32Array[]> {
  if (docs.length === 0) return [];
  const started = Date.now();
  const vectors = await embedder.embed(docs.map(embeddingInput));
  docs.forEach((doc, i) => {
    const v = vectors[i];
    if (v) model.setEmbedding(doc, v);
  });
  log.debug('embedded', { articles: docs.length, model: embedder.model, ms: Date.now() - started });
  return vectors;
}
