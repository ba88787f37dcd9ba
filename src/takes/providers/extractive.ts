import { extractiveTake } from '../extractive/take.ts';
import type { Summarizer } from '../summarizer.ts';
import type { SummarizerProvider } from './index.ts';

/** The default provider: sentences chosen from the articles themselves; no model, no network, no settings. */
export function createExtractiveSummarizer(): Summarizer {
  return {
    name: 'extractive',
    // Synchronous work behind an async interface: the caller treats every provider the same way.
    summarize: async (input) => extractiveTake(input),
  };
}

export const extractiveProvider: SummarizerProvider = {
  name: 'extractive',
  summary: 'sentences chosen from the articles themselves; no model, no network',
  create: () => createExtractiveSummarizer(),
};
