import { declareSettings } from '../config/registry.ts';

/** Which engine translates, and into what. Each provider declares its own settings beside its code. */
export const translateSettings = declareSettings([
  {
    name: 'MERIDIAN_TRANSLATOR',
    type: 'string',
    default: 'none',
    group: 'translate',
    description:
      'Translation provider: none, openai, deepl, google, libretranslate, apertium or local. With none, articles stay in their original language.',
  },
  {
    name: 'MERIDIAN_TARGET_LANGUAGE',
    type: 'string',
    default: 'en',
    group: 'translate',
    description: 'BCP 47 language every article is translated into.',
  },
] as const);
