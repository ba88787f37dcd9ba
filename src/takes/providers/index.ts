import type { Config } from '../../config/config.ts';
import { ConfigError } from '../../config/setting.ts';
import '../settings.ts';
import type { SpendingBudget } from '../llm/budget.ts';
import type { Summarizer } from '../summarizer.ts';
import { createExtractiveSummarizer } from './extractive.ts';
import { createLlmSummarizer } from './llm.ts';

/** What a provider may be handed besides its settings (shared state the caller owns). */
export interface SummarizerDeps {
  /** Daily spending cap shared by every take this process (or, store-backed, every worker) writes. */
  budget?: SpendingBudget;
}

export type SummarizerFactory = (config: Config, deps?: SummarizerDeps) => Summarizer;

/** Every summary provider, by the name MERIDIAN_SUMMARIZER and `--provider` take. */
export const summarizerProviders: Readonly<Record<string, SummarizerFactory>> = {
  extractive: createExtractiveSummarizer,
  llm: createLlmSummarizer,
};

/** The configured summarizer, or the one named. */
export function createSummarizer(config: Config, name?: string, deps: SummarizerDeps = {}): Summarizer {
  const chosen = name ?? config.string('MERIDIAN_SUMMARIZER');
  const factory = summarizerProviders[chosen];
  if (!factory) {
    throw new ConfigError(
      'MERIDIAN_SUMMARIZER',
      `Unknown summarizer "${chosen}". Expected one of: ${Object.keys(summarizerProviders).join(', ')}.`,
    );
  }
  return factory(config, deps);
}
