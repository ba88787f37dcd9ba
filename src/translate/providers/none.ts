import { logger } from '../../config/log.ts';
import type { Translator } from '../translator.ts';
import type { TranslatorProvider } from './index.ts';

/**
 * No translation: the originals come back unchanged and the translator says so (`passthrough`),
 * so the pipeline stores no translation and pages show the original. Meridian runs fully with it.
 */
export function createNoneTranslator(): Translator {
  return {
    name: 'none',
    model: 'none',
    passthrough: true,
    limits: { maxSegmentsPerRequest: 1000, maxCharsPerRequest: 1_000_000, concurrency: 1 },
    supports: () => true,
    translate: async (segments) => [...segments],
  };
}

/** What the operator reads (log, status page) when translation is off. */
export const TRANSLATION_OFF_HINT =
  "Translation is off (MERIDIAN_TRANSLATOR=none): articles are shown in their original language. To turn it on, set MERIDIAN_TRANSLATOR to apertium, libretranslate, local, openai, deepl or google, with that provider's settings (meridian config lists them).";

export const noneProvider: TranslatorProvider = {
  name: 'none',
  summary: 'no translation: articles stay in their original language',
  create: async () => {
    logger('translate').warn(TRANSLATION_OFF_HINT);
    return createNoneTranslator();
  },
};
