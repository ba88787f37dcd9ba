import { logger } from '../../config/log.ts';
import type { Store } from '../../store/store.ts';
import { translateArticle } from '../../translate/article.ts';
import { isTransient, ProviderConfigError, UnsupportedLanguageError } from '../../translate/errors.ts';
import type { Translator } from '../../translate/translator.ts';
import { type ArticlePayload, articleJobKey, JOB } from '../kinds.ts';
import { indexForSearch } from '../search-index.ts';
import type { JobHandler } from '../worker.ts';

const log = logger('translate');

/** How long an article waits when the provider is down and did not say when to come back. */
const OUTAGE_RETRY_MS = 60_000;
/** A misconfigured provider is retried rarely: the operator has to act first. */
const CONFIG_RETRY_MS = 10 * 60_000;

/**
 * Translates an extracted article into the target language, block for block, through the
 * segment cache and the glossary, then hands it to clustering. A provider outage or rate limit
 * puts the job back without spending an attempt: the article stays readable in its original,
 * marked "translation pending", and is translated when the provider is back.
 */
export function translateHandler(store: Store, translator: Translator, target: string): JobHandler {
  return async (job, signal) => {
    const { articleId } = job.payload as ArticlePayload;
    const article = await store.articles.get(articleId);
    if (article?.state !== 'extracted') return { status: 'done' };
    try {
      const result = await translateArticle(
        { ...article, language: article.language ?? 'und' },
        { translator, cache: store.segmentCache, glossary: store.glossary, target, signal },
      );
      if (result.translated) {
        await store.translations.save({
          articleId,
          target,
          source: result.source,
          title: result.title,
          ...(result.standfirst ? { standfirst: result.standfirst } : {}),
          blocks: result.blocks,
          ...(result.imageCaption ? { imageCaption: result.imageCaption } : {}),
          provider: result.provider,
          model: result.model,
          characters: result.characters,
          ms: Math.round(result.ms),
          createdAt: new Date().toISOString(),
        });
        await indexForSearch(store, articleId);
      }
      for (const flag of result.glossaryFlags) {
        log.warn('a glossary name is still rendered differently', {
          articleId,
          field: flag.field,
          expected: flag.entry.english,
        });
      }
    } catch (err) {
      if (signal.aborted) throw err;
      if (isTransient(err)) {
        const wait = (err as { retryAfterMs?: number }).retryAfterMs ?? OUTAGE_RETRY_MS;
        return { status: 'retry-later', at: new Date(Date.now() + wait), reason: (err as Error).message };
      }
      if (err instanceof ProviderConfigError) {
        log.error('translation provider is misconfigured; articles wait in the original', { err: err.message });
        return { status: 'retry-later', at: new Date(Date.now() + CONFIG_RETRY_MS), reason: err.message };
      }
      if (!(err instanceof UnsupportedLanguageError)) throw err;
      log.info('language not supported by the translator; kept in the original', {
        articleId,
        language: article.language,
      });
    }
    await store.articles.setState(articleId, 'translated');
    await store.jobs.enqueue(JOB.cluster, { articleId }, { dedupeKey: articleJobKey(JOB.cluster, articleId) });
    return { status: 'done' };
  };
}
