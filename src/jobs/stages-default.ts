import type { Config } from '../config/config.ts';
import { extractArticle } from '../extract/extract.ts';
import { parseFeed } from '../feeds/parse.ts';
import { considerLanguages, detectLanguage } from '../language/detect.ts';
import { createFetcher, type Fetcher } from '../net/fetcher.ts';
import type { Stages } from './stages.ts';

/** Below this confidence the page's declared language is kept instead of the detected one. */
const MIN_DETECTION_CONFIDENCE = 0.5;

/**
 * The pipeline's stages bound to the real `net`, `feeds`, `extract` and `language` code.
 * `catalogLanguages` (every language the effective catalog declares) widens detection to the
 * languages an operator's catalog adds.
 */
export function defaultStages(
  config: Config,
  fetcher: Fetcher = createFetcher(config),
  catalogLanguages: readonly string[] = [],
): Stages & { fetcher: Fetcher } {
  considerLanguages(catalogLanguages);
  return {
    fetcher,
    fetchImage: async (url, signal) =>
      (await fetcher.fetch(url, { purpose: 'image', ...(signal ? { signal } : {}) })).body,
    parseFeed: (text, baseUrl) => parseFeed(text, baseUrl),
    extract: (html, url) => extractArticle(html, url),
    detectLanguage: (text, hint, expected) => {
      const d = detectLanguage(text, { ...(hint ? { hint } : {}), ...(expected ? { expected } : {}) });
      if (d.lang === 'und') return hint;
      return d.confidence >= MIN_DETECTION_CONFIDENCE || !hint ? d.lang : hint;
    },
  };
}
