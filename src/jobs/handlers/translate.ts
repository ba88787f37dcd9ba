import { logger } from '../../config/log.ts';
import type { Article } from '../../model/article.ts';
import type { Store } from '../../store/store.ts';
import { translateArticle } from '../../translate/article.ts';
import { BudgetExhaustedError, type BudgetLimits, leftoversFrom } from '../../translate/budget.ts';
import { isTransient, ProviderConfigError, UnsupportedLanguageError } from '../../translate/errors.ts';
import type { Translator } from '../../translate/translator.ts';
import { type ArticlePayload, enqueueJob, JOB, type KindHandler, type QueueWith, type StoryPayload } from '../kinds.ts';
import { bodyPriority, bodyTier } from '../priority.ts';
import { indexForSearch } from '../search-index.ts';
import { storeBudget } from '../translation-budget.ts';
import type { JobOutcome } from '../worker.ts';

const log = logger('translate');

/** How long an article waits when the provider is down and did not say when to come back. */
const OUTAGE_RETRY_MS = 60_000;
/** A misconfigured provider is retried rarely: the operator has to act first. */
const CONFIG_RETRY_MS = 10 * 60_000;

export interface TranslateHandlerOptions {
  /** The daily budget (MERIDIAN_TRANSLATE_DAILY_CHARACTERS); none when absent or 0. */
  budget?: BudgetLimits;
  /** The clock the budget's days are counted on. */
  now?: () => Date;
  /** How long after a body lands its story's take is refreshed (bodies of one story land together). */
  takeDelayMs?: number;
}

/**
 * Translation in two steps, so every article is listed, clustered and searchable in English
 * early and the budget goes where it matters:
 *
 * 1. `translate` (this handler): the headline — title, standfirst, image caption — then hands the
 *    article to its next step (`next`, from the stage table: clustering) and queues its body at a priority (jobs/priority.ts) that clustering
 *    raises when the story is covered by two or more countries and a reader's request raises
 *    above everything.
 * 2. `translate-body` (translateBodyHandler): the blocks; the story's take (its `next`) is then
 *    refreshed.
 *
 * A provider outage or rate limit puts the job back without spending an attempt; a spent budget
 * moves every waiting job of its step to when the budget allows (the next UTC day at the latest).
 * Meanwhile the article is readable in its original, marked "translation on its way".
 */
export function translateHandler(
  store: Store,
  translator: Translator,
  target: string,
  next: QueueWith<ArticlePayload>,
  options: TranslateHandlerOptions = {},
): KindHandler<'translate'> {
  const translate = partTranslator(store, translator, target, options);
  return async (job, signal) => {
    const { articleId } = job.payload;
    const article = await store.articles.get(articleId);
    if (article?.state !== 'extracted') return { status: 'done' };
    try {
      const result = await translate(article, 'headline', signal);
      if (result.translated) {
        await store.translations.save({
          articleId,
          target,
          source: result.source,
          title: result.title,
          ...(result.standfirst ? { standfirst: result.standfirst } : {}),
          // No blocks until the body is translated: pages show the original body meanwhile.
          blocks: [],
          ...(result.imageCaption ? { imageCaption: result.imageCaption } : {}),
          provider: result.provider,
          model: result.model,
          characters: result.characters,
          ms: Math.round(result.ms),
          createdAt: new Date().toISOString(),
        });
        await indexForSearch(store, articleId);
        if (hasBody(article))
          // Off the article's path: the body waits for its priority and the budget.
          await enqueueJob(
            store.jobs,
            JOB.translateBody,
            { articleId },
            {
              priority: bodyPriority(article.published ?? article.discoveredAt, false),
              runAt: options.now?.() ?? new Date(),
            },
          );
      }
      warnGlossary(articleId, result.glossaryFlags);
    } catch (err) {
      const outcome = await waitOutcome(store, JOB.translate, err, signal);
      if (outcome) return outcome;
      log.info('language not supported by the translator; kept in the original', {
        articleId,
        language: article.language,
      });
    }
    await store.articles.setState(articleId, 'translated');
    await next(store, { articleId });
    return { status: 'done' };
  };
}

/** The body step: translates the blocks, stores them beside the headline, refreshes the story's take. */
export function translateBodyHandler(
  store: Store,
  translator: Translator,
  target: string,
  next: QueueWith<StoryPayload>,
  options: TranslateHandlerOptions = {},
): KindHandler<'translate-body'> {
  const translate = partTranslator(store, translator, target, options);
  return async (job, signal) => {
    const { articleId } = job.payload;
    const article = await store.articles.get(articleId);
    if (!article || !hasBody(article)) return { status: 'done' };
    const headline = await store.translations.get(articleId, target);
    if (headline && headline.blocks.length === article.blocks.length) return { status: 'done' };
    if (options.budget?.daily && bodyTier(job.priority ?? 0) === 'other') {
      // Under a budget, single-country stories' bodies get the day's leftovers; clustering or a
      // reader lifting the job brings it forward.
      const now = options.now?.() ?? new Date();
      const from = leftoversFrom(now);
      if (from > now)
        return { status: 'retry-later', at: from, reason: "single-country bodies wait for the day's leftovers" };
    }
    try {
      const result = await translate(article, 'body', signal);
      if (!result.translated) return { status: 'done' };
      const title = headline?.title ?? result.title;
      const standfirst = headline ? headline.standfirst : result.standfirst;
      const imageCaption = headline ? headline.imageCaption : result.imageCaption;
      await store.translations.save({
        articleId,
        target,
        source: result.source,
        title,
        ...(standfirst ? { standfirst } : {}),
        blocks: result.blocks,
        ...(imageCaption ? { imageCaption } : {}),
        provider: result.provider,
        model: result.model,
        characters: (headline?.characters ?? 0) + result.characters,
        ms: (headline?.ms ?? 0) + Math.round(result.ms),
        createdAt: new Date().toISOString(),
      });
      await indexForSearch(store, articleId);
      warnGlossary(articleId, result.glossaryFlags);
      await refreshTake(store, articleId, next, options.takeDelayMs ?? 60_000);
    } catch (err) {
      const outcome = await waitOutcome(store, JOB.translateBody, err, signal);
      if (outcome) return outcome;
    }
    return { status: 'done' };
  };
}

/** Translates one part of an article (headline or body) with the store's cache, glossary and budget. */
function partTranslator(store: Store, translator: Translator, target: string, options: TranslateHandlerOptions) {
  // Without a daily budget the gate still counts the day's characters for the status page.
  const budget =
    options.budget && !translator.passthrough
      ? storeBudget(store, translator.name, options.budget, options.now)
      : undefined;
  return (article: Article, parts: 'headline' | 'body', signal: AbortSignal) =>
    translateArticle(
      { ...article, language: article.language ?? 'und' },
      {
        translator,
        cache: store.segmentCache,
        glossary: store.glossary,
        target,
        signal,
        parts,
        ...(budget ? { budget } : {}),
      },
    );
}

function hasBody(article: Article): boolean {
  return article.blocks.some((b) => b.text.trim() !== '');
}

/**
 * What a failed translation waits for: a spent budget (every waiting job of this step moves to
 * when it allows), an outage or rate limit, or the operator. Undefined for an unsupported pair,
 * which leaves the article in its original; anything else is thrown (retried with backoff).
 */
async function waitOutcome(
  store: Store,
  kind: string,
  err: unknown,
  signal: AbortSignal,
): Promise<JobOutcome | undefined> {
  if (signal.aborted) throw err;
  if (err instanceof BudgetExhaustedError) {
    if (err.neverFits) throw err;
    // One update spares claiming each waiting job only to find the budget spent.
    await store.jobs.deferKind(kind, err.until);
    return { status: 'retry-later', at: err.until, reason: err.message };
  }
  if (isTransient(err)) {
    const wait = (err as { retryAfterMs?: number }).retryAfterMs ?? OUTAGE_RETRY_MS;
    return { status: 'retry-later', at: new Date(Date.now() + wait), reason: (err as Error).message };
  }
  if (err instanceof ProviderConfigError) {
    log.error('translation provider is misconfigured; articles wait in the original', { err: err.message });
    return { status: 'retry-later', at: new Date(Date.now() + CONFIG_RETRY_MS), reason: err.message };
  }
  if (!(err instanceof UnsupportedLanguageError)) throw err;
  return undefined;
}

function warnGlossary(articleId: number, flags: Awaited<ReturnType<typeof translateArticle>>['glossaryFlags']) {
  for (const flag of flags) {
    log.warn('a glossary name is still rendered differently', {
      articleId,
      field: flag.field,
      expected: flag.entry.english,
    });
  }
}

/** The story's take is written again with the body in it (its job, if one waits, is told so). */
async function refreshTake(
  store: Store,
  articleId: number,
  next: QueueWith<StoryPayload>,
  delayMs: number,
): Promise<void> {
  const storyId = await store.stories.storyOf(articleId);
  if (storyId === undefined) return;
  await next(store, { storyId, refresh: true }, { runAt: new Date(Date.now() + delayMs), replaceWaiting: true });
}
