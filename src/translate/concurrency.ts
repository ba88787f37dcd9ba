import type { Translator } from './translator.ts';

/**
 * Holds a translator to its `limits.concurrency` across every caller: translateArticle bounds the
 * requests of one article, but the pipeline translates several articles at once, and the provider
 * (a paid API's plan, one local engine) sees the sum.
 */
export function boundConcurrency(translator: Translator): Translator {
  const limit = Math.max(1, translator.limits.concurrency);
  let active = 0;
  const waiting: Array<() => void> = [];
  const acquire = async () => {
    if (active < limit) {
      active++;
      return;
    }
    // The releasing caller hands its slot over directly, so `active` never dips and overshoots.
    await new Promise<void>((resolve) => waiting.push(resolve));
  };
  const release = () => {
    const next = waiting.shift();
    if (next) next();
    else active--;
  };
  return {
    ...translator,
    supports: (source, target) => translator.supports(source, target),
    async translate(segments, source, target, options) {
      await acquire();
      try {
        return await translator.translate(segments, source, target, options);
      } finally {
        release();
      }
    },
    ...(translator.close ? { close: () => translator.close?.() ?? Promise.resolve() } : {}),
  };
}
