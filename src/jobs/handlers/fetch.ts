import { logger } from '../../config/log.ts';
import { contentHash } from '../../dedup/content-hash.ts';
import { bands, minhash, NEAR_DUPLICATE_SIMILARITY, similarity } from '../../dedup/minhash.ts';
import { urlKey } from '../../dedup/url-key.ts';
import type { Article, ExtractedArticle } from '../../model/article.ts';
import { binaryShare, looksBinary } from '../../net/binary.ts';
import { isPermanent } from '../../net/retry.ts';
import type { Store } from '../../store/store.ts';
import { type ArticlePayload, enqueueJob, JOB, type KindHandler, type QueueWith } from '../kinds.ts';
import { indexForSearch } from '../search-index.ts';
import type { Stages } from '../stages.ts';
import { describeError, retryAfterSeconds } from './errors.ts';

const log = logger('fetch');

/**
 * Fetches a discovered article's page, extracts it, identifies its language and stores it. The
 * same text under another URL (content hash) or a canonical URL already stored is linked to the
 * earlier article through `duplicate_of`, never dropped. A page with no article keeps the feed's
 * headline and is marked failed with the reason, for the operator to see. A stored article gets
 * the job of its next step (`next`, from the stage table).
 */
export function fetchHandler(store: Store, stages: Stages, next: QueueWith<ArticlePayload>): KindHandler<'fetch'> {
  return async (job, signal) => {
    const { articleId } = job.payload;
    const article = await store.articles.get(articleId);
    if (article?.state !== 'discovered') return { status: 'done' };
    let html: string;
    let finalUrl: string;
    try {
      const res = await stages.fetcher.fetch(article.url, { purpose: 'page', signal });
      html = res.text();
      finalUrl = res.url;
    } catch (err) {
      const retryAfterS = retryAfterSeconds(err);
      if (retryAfterS !== undefined && job.attempts < job.maxAttempts) {
        return {
          status: 'retry-later',
          at: new Date(Date.now() + retryAfterS * 1000),
          reason: describeError(err).message,
        };
      }
      if (isPermanent(err) || job.attempts >= job.maxAttempts) {
        await store.articles.setState(articleId, 'failed', describeError(err).message);
        return { status: 'done' };
      }
      throw err;
    }

    await storePage(store, stages, article, html, finalUrl, next);
    if (signal.aborted) return undefined;
    return { status: 'done' };
  };
}

/** What a page yields: an article ready to store, or the reason it holds none. */
export type PageOutcome = { extracted: ExtractedArticle } | { failure: string };

/**
 * The pure half of storing a page: binary check, extraction, language identification. No I/O, so
 * it runs before any transaction is opened. `article` supplies what the feed (or archive record)
 * knew: a headline, a date and a language for a page that states none.
 */
export function extractPage(
  stages: Pick<Stages, 'extract' | 'detectLanguage'>,
  article: Pick<Article, 'title' | 'published' | 'language'>,
  html: string,
  finalUrl: string,
  /** The outlet's declared languages: detection's strong prior. */
  outletLanguages?: readonly string[],
): PageOutcome {
  if (looksBinary(html)) {
    // Binary bytes read as text become an "article" in Icelandic or Yoruba: an error instead.
    return { failure: `the page is binary, not text (${Math.round(binaryShare(html) * 100)}% control characters)` };
  }
  const extracted = stages.extract(html, finalUrl);
  if (!extracted || extracted.blocks.length === 0) return { failure: 'no article found on the page' };
  if (!extracted.title) extracted.title = article.title;
  if (!extracted.published && article.published) extracted.published = article.published;
  const sample = [extracted.title, extracted.standfirst ?? '', ...extracted.blocks.slice(0, 8).map((b) => b.text)].join(
    '\n',
  );
  // The outlet's declared languages are the strong prior: a Swahili outlet's article is Swahili
  // unless it is written in another script or clearly in another language the outlet publishes.
  const detected = stages.detectLanguage(sample, extracted.declaredLanguage ?? article.language, outletLanguages);
  if (detected) extracted.language = detected;
  return { extracted };
}

/**
 * Stores an extracted article in one transaction with everything that must go with it: the link
 * to an earlier copy of the same text or canonical URL, the search entry, the job of its next step
 * (`next`: translation) and the image jobs. A kill leaves the article as it was before (and its job to do it again), never
 * extracted but unsearchable or without its next step. `tx` must be a store inside a transaction.
 */
export async function saveOutcome(
  tx: Store,
  article: Pick<Article, 'id' | 'outletId'>,
  outcome: PageOutcome,
  next: QueueWith<ArticlePayload>,
): Promise<void> {
  const articleId = article.id;
  if ('failure' in outcome) {
    await tx.articles.setState(articleId, 'failed', outcome.failure);
    return;
  }
  const { extracted } = outcome;
  const hash = contentHash(extracted.title, extracted.blocks);
  let duplicateOf = await tx.articles.firstWithHash(hash, articleId);
  if (duplicateOf === undefined && extracted.canonicalUrl) {
    const canonicalOwner = await tx.articles.idByUrlKey(urlKey(extracted.canonicalUrl));
    if (canonicalOwner !== undefined && canonicalOwner !== articleId) duplicateOf = canonicalOwner;
  }
  // The body only: wire copies keep the text and change the headline. The fingerprint is saved
  // before looking, and the earlier article is always the original, so two copies processed at
  // the same moment still find each other whichever looks first.
  const fingerprint = minhash(extracted.blocks.map((b) => b.text).join('\n'));
  if (fingerprint) {
    const keys = bands(fingerprint);
    await tx.articles.saveFingerprint(articleId, fingerprint, keys);
    const near = (await tx.articles.fingerprintCandidates(keys, articleId)).filter(
      (c) => similarity(c.fingerprint, fingerprint) >= NEAR_DUPLICATE_SIMILARITY,
    );
    for (const later of near.filter((c) => c.id > articleId)) await tx.articles.linkDuplicate(later.id, articleId);
    const earlier = near.find((c) => c.id < articleId);
    if (duplicateOf === undefined && earlier) duplicateOf = earlier.id;
  }
  await tx.articles.saveExtracted(articleId, extracted, {
    contentHash: hash,
    ...(duplicateOf ? { duplicateOf } : {}),
  });
  await indexForSearch(tx, articleId);
  await next(tx, { articleId });
  await queueImages(tx, articleId, article.outletId, extracted.image?.url);
}

/**
 * Queues the fetch of an article's lead image, and of its outlet's logo if nobody tried that yet:
 * jobs of their own, run in worker slots of their own, so the article's text goes on to
 * translation without waiting for an image host.
 */
async function queueImages(tx: Store, articleId: number, outletId: string, imageUrl: string | undefined) {
  if (imageUrl && /^https?:\/\//i.test(imageUrl)) {
    await enqueueJob(tx.jobs, JOB.image, { articleId, url: imageUrl }, { maxAttempts: 3 });
  }
  if (await tx.images.logoTried(outletId)) return;
  const outlet = await tx.outlets.get(outletId);
  if (!outlet?.logo || !/^https?:\/\//i.test(outlet.logo)) return;
  await enqueueJob(tx.jobs, JOB.logo, { outletId, url: outlet.logo }, { maxAttempts: 3 });
}

/**
 * Extracts a fetched page into its discovered article and stores it (see saveOutcome). Returns
 * undefined when the page holds no article (the row keeps its feed headline and is marked failed
 * with the reason).
 */
export async function storePage(
  store: Store,
  stages: Pick<Stages, 'extract' | 'detectLanguage'>,
  article: Pick<Article, 'id' | 'outletId' | 'title' | 'published' | 'language'>,
  html: string,
  finalUrl: string,
  next: QueueWith<ArticlePayload>,
): Promise<ExtractedArticle | undefined> {
  const outlet = await store.outlets.get(article.outletId);
  const outcome = extractPage(stages, article, html, finalUrl, outlet?.languages);
  await store.transaction((tx) => saveOutcome(tx, article, outcome, next));
  if ('failure' in outcome) {
    log.info('no article on page', { id: article.id, url: finalUrl, reason: outcome.failure });
    return undefined;
  }
  return outcome.extracted;
}
