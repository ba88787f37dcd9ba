import type { Config } from '../../config/config.ts';
import { type Provider, ProviderRegistry } from '../../config/providers.ts';
import '../settings.ts';
import type { SpendingBudget } from '../llm/budget.ts';
import type { Summarizer } from '../summarizer.ts';
import { extractiveProvider } from './extractive.ts';
import { llmProvider } from './llm.ts';

/** What a provider may be handed besides its settings (shared state the caller owns). */
export interface SummarizerDeps {
  /** Daily spending cap shared by every take this process (or, store-backed, every worker) writes. */
  budget?: SpendingBudget;
}

/** A summary provider: its name, a line for help texts and a factory reading its settings. */
export type SummarizerProvider = Provider<Summarizer, SummarizerDeps>;

/** Every summary provider (MERIDIAN_SUMMARIZER, `--provider`). Adding one is a file in this folder and a line here. */
export const summarizerProviders = new ProviderRegistry<SummarizerProvider>('MERIDIAN_SUMMARIZER', 'summarizer', [
  extractiveProvider,
  llmProvider,
]);

/** The configured summarizer, or the one named. */
export function createSummarizer(
  config: Config,
  name = config.string('MERIDIAN_SUMMARIZER'),
  deps: SummarizerDeps = {},
): Summarizer {
  return summarizerProviders.chosen(name).create(config, deps);
}
