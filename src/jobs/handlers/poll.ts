import { logger } from '../../config/log.ts';
import { urlKey } from '../../dedup/url-key.ts';
import { countRecent } from '../../feeds/freshness.ts';
import { webUrl } from '../../net/web-url.ts';
import type { Store } from '../../store/store.ts';
import { type ArticlePayload, hostOption, type KindHandler, type QueueWith } from '../kinds.ts';
import { DEFAULT_SCHEDULE, nextInterval, type ScheduleSettings } from '../schedule.ts';
import type { Stages } from '../stages.ts';
import { describeError, retryAfterSeconds } from './errors.ts';

const log = logger('poll');

/**
 * Polls one feed: conditional GET, parse, record each new item as a `discovered` article with a
 * job of its next step (`next`, from the stage table). The feed's own state carries failures and
 * the next poll time, so a failed poll is recorded and the job is done: the schedule, not the job
 * queue, decides when to try again.
 */
export function pollHandler(
  store: Store,
  stages: Stages,
  next: QueueWith<ArticlePayload>,
  schedule: ScheduleSettings = DEFAULT_SCHEDULE,
): KindHandler<'poll'> {
  return async (job, signal) => {
    const { feedId } = job.payload;
    const feed = await store.feeds.get(feedId);
    if (!feed || feed.disabled) return { status: 'done' };
    const outlet = await store.outlets.get(feed.outlet_id);
    if (!outlet) return { status: 'done' };
    try {
      const res = await stages.fetcher.fetch(feed.url, {
        purpose: 'feed',
        etag: feed.etag,
        lastModified: feed.last_modified,
        signal,
      });
      let newItems = 0;
      let itemCount: number | undefined;
      let recentCount: number | undefined;
      if (!res.notModified) {
        const parsed = stages.parseFeed(res.text(), res.url);
        itemCount = parsed.items.length;
        recentCount = countRecent(parsed.items, new Date());
        for (const item of parsed.items) {
          // The feed stage resolves links to http(s) already; a link is stored only if it is one.
          if (!webUrl(item.link)) continue;
          const id = await store.articles.insertDiscovered({
            outletId: outlet.id,
            country: outlet.country,
            feedUrl: feed.url,
            url: item.link,
            urlKey: urlKey(item.link),
            ...(item.title ? { title: item.title } : {}),
            ...(item.published ? { published: item.published } : {}),
            ...(feed.language ? { language: feed.language } : {}),
          });
          if (id === undefined) continue;
          newItems++;
          await next(store, { articleId: id }, hostOption(item.link));
        }
      }
      const interval = nextInterval(feed.poll_interval_s, feed.consecutive_failures, { ok: true, newItems }, schedule);
      await store.feeds.recordPoll(feed.id, {
        ok: true,
        status: res.status,
        ...(itemCount !== undefined ? { itemCount } : {}),
        ...(recentCount !== undefined ? { recentCount } : {}),
        etag: res.headers.etag ?? feed.etag,
        lastModified: res.headers['last-modified'] ?? feed.last_modified,
        nextIntervalS: interval.intervalS,
      });
      log.info('polled', {
        feed: feed.url,
        status: res.status,
        items: itemCount ?? 0,
        recent: recentCount,
        new: newItems,
      });
    } catch (err) {
      if (signal.aborted) throw err;
      const retryAfterS = retryAfterSeconds(err);
      const interval = nextInterval(
        feed.poll_interval_s,
        feed.consecutive_failures,
        { ok: false, newItems: 0, ...(retryAfterS !== undefined ? { retryAfterS } : {}) },
        schedule,
      );
      const { message, status } = describeError(err);
      await store.feeds.recordPoll(feed.id, {
        ok: false,
        status,
        error: message,
        nextIntervalS: interval.intervalS,
        disable: interval.disable,
      });
      log.warn(interval.disable ? 'feed disabled after repeated failures' : 'poll failed', {
        feed: feed.url,
        err: message,
      });
    }
    return { status: 'done' };
  };
}
