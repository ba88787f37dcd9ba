/** The stories stage as configured: similarity tuning, clusterer options and the embedder. */
import type { Config } from '../config/config.ts';
import type { ClustererOptions } from './clusterer.ts';
import { createEmbedder, type Embedder } from './embeddings.ts';
import { DEFAULT_TUNING, SimilarityModel } from './similarity.ts';
import { TermStats } from './term-stats.ts';
import './settings.ts';

export interface ConfiguredStories {
  model: SimilarityModel;
  clusterer: ClustererOptions;
  embedder: Embedder | undefined;
}

export function storiesFromConfig(config: Config): ConfiguredStories {
  const tuning = { ...DEFAULT_TUNING, embedding: config.number('MERIDIAN_EMBEDDINGS_WEIGHT') };
  const model = new SimilarityModel(new TermStats(), tuning);
  return {
    model,
    clusterer: {
      model,
      joinThreshold: config.number('MERIDIAN_STORY_JOIN_THRESHOLD'),
      expiryDays: config.int('MERIDIAN_STORY_EXPIRY_DAYS'),
    },
    embedder: createEmbedder(config),
  };
}
