import type { FeedItem } from '../model/article.ts';

/** The window a feed's "published lately" count looks back over. */
export const RECENT_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Clocks differ and some sites stamp items a little ahead: this much of the future still counts. */
const FUTURE_SLACK_MS = 60 * 60 * 1000;

/**
 * How many of a feed's items were published in the last day. With the item count it tells an
 * operator at a glance whether a feed is filtered (a keyword search carries a few items a week) or
 * stale (nothing new for days). Items without a date are not counted as recent.
 */
export function countRecent(items: readonly FeedItem[], now: Date, windowMs = RECENT_WINDOW_MS): number {
  const from = now.getTime() - windowMs;
  const to = now.getTime() + FUTURE_SLACK_MS;
  let n = 0;
  for (const item of items) {
    if (!item.published) continue;
    const t = Date.parse(item.published);
    if (t >= from && t <= to) n++;
  }
  return n;
}
