import type { Config } from '../config/config.ts';
import { declareSettings } from '../config/registry.ts';
// Provider settings are declared beside their providers, loaded from here so one import covers takes.
import './providers/llm-settings.ts';

/** Settings of "The World's Current Take" that are not a provider's own (those live in providers/). */
export const takeSettings = declareSettings([
  {
    name: 'MERIDIAN_SUMMARIZER',
    type: 'enum',
    values: ['extractive', 'llm'],
    default: 'extractive',
    group: 'takes',
    description:
      'Who writes the take: `extractive` (no model; sentences picked from the articles) or `llm` (an OpenAI-compatible model, checked against its sources, extractive as fallback).',
  },
  {
    name: 'MERIDIAN_TAKE_MIN_NEW_ARTICLES',
    type: 'int',
    default: 5,
    min: 1,
    group: 'takes',
    description:
      'A new take version is written once the story has gained (or lost) this many articles, or a new country.',
  },
  {
    name: 'MERIDIAN_TAKE_MIN_INTERVAL_MIN',
    type: 'int',
    default: 30,
    min: 0,
    group: 'takes',
    description: "Minutes that must pass between two versions of one story's take, however fast it grows.",
  },
] as const);

export interface TakePolicySettings {
  minNewArticles: number;
  minIntervalMinutes: number;
}

export function takePolicySettings(config: Config): TakePolicySettings {
  return {
    minNewArticles: config.int('MERIDIAN_TAKE_MIN_NEW_ARTICLES'),
    minIntervalMinutes: config.int('MERIDIAN_TAKE_MIN_INTERVAL_MIN'),
  };
}
