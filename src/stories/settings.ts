/** Settings of the stories stage: clustering and the optional embeddings provider. */
import { declareSettings } from '../config/registry.ts';
import { CLUSTER_DEFAULTS } from './clusterer.ts';
import { DEFAULT_TUNING } from './similarity.ts';

/** Time limit for one embeddings request, unless MERIDIAN_EMBEDDINGS_TIMEOUT_MS says otherwise. */
export const DEFAULT_EMBEDDINGS_TIMEOUT_MS = 30_000;

export const storySettings = declareSettings([
  {
    name: 'MERIDIAN_STORY_JOIN_THRESHOLD',
    type: 'number',
    default: CLUSTER_DEFAULTS.joinThreshold,
    min: 0,
    max: 1,
    group: 'stories',
    description:
      "Least similarity (0–1) of an article to a story's centroid for it to join (most of the story's sampled members must agree too).",
  },
  {
    name: 'MERIDIAN_STORY_EXPIRY_DAYS',
    type: 'int',
    default: CLUSTER_DEFAULTS.expiryDays,
    min: 1,
    max: 365,
    group: 'stories',
    description: 'Days without a new article after which a story stops taking articles.',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_PROVIDER',
    type: 'enum',
    values: ['none', 'openai'],
    default: 'none',
    group: 'stories.embeddings',
    description:
      'Semantic similarity for stories from an OpenAI-compatible /v1/embeddings endpoint such as Ollama, llama.cpp or OpenAI (openai), or words only (none). Use a multilingual model: reports in two languages then meet without translation.',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_URL',
    type: 'url',
    default: '',
    group: 'stories.embeddings',
    description: 'Base URL of the embeddings API, e.g. http://127.0.0.1:11434/v1 (empty: api.openai.com).',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_MODEL',
    type: 'string',
    default: 'text-embedding-3-small',
    group: 'stories.embeddings',
    description: 'Embedding model name sent to the endpoint.',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_API_KEY',
    type: 'string',
    default: '',
    secret: true,
    group: 'stories.embeddings',
    description: 'API key for the embeddings endpoint (local servers usually need none).',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_WEIGHT',
    type: 'number',
    default: DEFAULT_TUNING.embedding,
    min: 0,
    max: 1,
    group: 'stories.embeddings',
    description:
      'Share of the embedding cosine in the similarity score when both articles have one. Measure it (and MERIDIAN_STORY_JOIN_THRESHOLD) for your model with bench/stories-events.ts.',
  },
  {
    name: 'MERIDIAN_EMBEDDINGS_TIMEOUT_MS',
    type: 'int',
    default: DEFAULT_EMBEDDINGS_TIMEOUT_MS,
    min: 100,
    group: 'stories.embeddings',
    description: 'Time limit for one embeddings request.',
  },
] as const);
