import { createHash } from 'node:crypto';
import { logger } from '../../config/log.ts';
import { leadImageCopies, logoCopy } from '../../images/copies.ts';
import { UnsupportedImageError } from '../../images/errors.ts';
import { isPermanent } from '../../net/retry.ts';
import type { Store } from '../../store/store.ts';
import type { KindHandler } from '../kinds.ts';
import type { Stages } from '../stages.ts';
import type { JobHandler, JobOutcome } from '../worker.ts';
import { describeError, retryAfterSeconds } from './errors.ts';

const log = logger('image');

const version = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex').slice(0, 12);

/**
 * Runs one image fetch: `store` on success; `missing` when the image cannot be had (gone, refused,
 * not an image) so pages show none and nobody tries again; a retry for what may pass (timeouts,
 * 5xx), and `missing` after the last attempt.
 */
async function fetchOnce(
  job: Parameters<JobHandler>[0],
  fetch: () => Promise<Uint8Array>,
  store: (bytes: Uint8Array) => Promise<void>,
  missing: (reason: string) => Promise<void>,
): Promise<JobOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await fetch();
  } catch (err) {
    const retryAfterS = retryAfterSeconds(err);
    if (retryAfterS !== undefined && job.attempts < job.maxAttempts)
      return {
        status: 'retry-later',
        at: new Date(Date.now() + retryAfterS * 1000),
        reason: describeError(err).message,
      };
    if (isPermanent(err) || job.attempts >= job.maxAttempts) {
      await missing(describeError(err).message);
      return { status: 'done' };
    }
    throw err;
  }
  try {
    await store(bytes);
  } catch (err) {
    if (!(err instanceof UnsupportedImageError)) throw err;
    await missing(err.message);
  }
  return { status: 'done' };
}

/**
 * Fetches an article's lead image once and stores its small copies (lead figure and thumbnail),
 * so pages show only images Meridian has and readers' browsers never call the outlets' hosts.
 * Its own job kind, queued beside translation: a slow image host never delays the article.
 */
export function imageHandler(store: Store, stages: Pick<Stages, 'fetchImage'>, enabled = true): KindHandler<'image'> {
  return async (job, signal) => {
    const { articleId, url } = job.payload;
    if (!enabled) return { status: 'done' };
    return fetchOnce(
      job,
      () => stages.fetchImage(url, signal),
      async (bytes) => {
        const copies = await leadImageCopies(bytes);
        await store.images.saveArticleImages(articleId, version(copies.lead.bytes), url, copies);
      },
      async (reason) => {
        log.info('lead image not stored', { id: articleId, url, reason });
        await store.images.markArticleImageMissing(articleId);
      },
    );
  };
}

/** Fetches an outlet's favicon once and stores a 64-pixel copy; pages show its initial without one. */
export function logoHandler(store: Store, stages: Pick<Stages, 'fetchImage'>, enabled = true): KindHandler<'logo'> {
  return async (job, signal) => {
    const { outletId, url } = job.payload;
    if (!enabled) return { status: 'done' };
    return fetchOnce(
      job,
      () => stages.fetchImage(url, signal),
      async (bytes) => {
        const copy = await logoCopy(bytes);
        await store.images.saveLogo(outletId, version(copy.bytes), url, copy);
      },
      async (reason) => {
        log.info('logo not stored', { outletId, url, reason });
        await store.images.markLogoMissing(outletId);
      },
    );
  };
}
