import type { Kysely } from 'kysely';
import type { Outlet } from '../../model/outlet.ts';
import { nowIso } from '../json.ts';
import type { Database, FeedRow } from '../schema.ts';

export type { FeedRow } from '../schema.ts';

export const DEFAULT_POLL_INTERVAL_S = 30 * 60;

export interface PollResult {
  status: number | null;
  ok: boolean;
  error?: string;
  itemCount?: number;
  /** Items published in the last day (see feeds/freshness.ts). */
  recentCount?: number;
  etag?: string | null;
  lastModified?: string | null;
  /** Seconds until the next poll, chosen by the scheduler. */
  nextIntervalS: number;
  /** Disable the feed (too many consecutive failures). */
  disable?: boolean;
}

export class FeedRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Registers every feed of the given outlets; existing feeds keep their polling state. A feed an
   * outlet no longer lists is forgotten, so a catalog that replaces a feed (a site search by the
   * outlet's own feed) stops polling the old one.
   */
  async syncCatalog(outlets: readonly Outlet[]): Promise<void> {
    const now = nowIso();
    await this.db.transaction().execute(async (tx) => {
      for (const outlet of outlets) {
        for (const feed of outlet.feeds) {
          await tx
            .insertInto('feeds')
            .values({
              outlet_id: outlet.id,
              url: feed.url,
              language: feed.language ?? null,
              topic: feed.topic ?? null,
              poll_interval_s: DEFAULT_POLL_INTERVAL_S,
              next_poll_at: now,
            })
            .onConflict((oc) =>
              oc
                .column('url')
                .doUpdateSet({ outlet_id: outlet.id, language: feed.language ?? null, topic: feed.topic ?? null }),
            )
            .execute();
        }
        const urls = outlet.feeds.map((f) => f.url);
        let gone = tx.deleteFrom('feeds').where('outlet_id', '=', outlet.id);
        if (urls.length > 0) gone = gone.where('url', 'not in', urls);
        await gone.execute();
      }
    });
  }

  async get(id: number): Promise<FeedRow | undefined> {
    return this.db.selectFrom('feeds').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async byUrl(url: string): Promise<FeedRow | undefined> {
    return this.db.selectFrom('feeds').selectAll().where('url', '=', url).executeTakeFirst();
  }

  /** Feeds whose next poll is due, oldest first, from enabled outlets. */
  async due(now: Date, limit: number, filter: { country?: string; outletId?: string } = {}): Promise<FeedRow[]> {
    let q = this.db
      .selectFrom('feeds')
      .innerJoin('outlets', 'outlets.id', 'feeds.outlet_id')
      .selectAll('feeds')
      .where('feeds.disabled', '=', 0)
      .where('outlets.enabled', '=', 1)
      .where('feeds.next_poll_at', '<=', now.toISOString())
      .orderBy('feeds.next_poll_at')
      .limit(limit);
    if (filter.country) q = q.where('outlets.country', '=', filter.country.toUpperCase());
    if (filter.outletId) q = q.where('outlets.id', '=', filter.outletId);
    return q.execute();
  }

  async list(filter: { country?: string; outletId?: string } = {}): Promise<Array<FeedRow & { country: string }>> {
    let q = this.db
      .selectFrom('feeds')
      .innerJoin('outlets', 'outlets.id', 'feeds.outlet_id')
      .selectAll('feeds')
      .select('outlets.country')
      .orderBy('outlets.country')
      .orderBy('feeds.outlet_id');
    if (filter.country) q = q.where('outlets.country', '=', filter.country.toUpperCase());
    if (filter.outletId) q = q.where('outlets.id', '=', filter.outletId);
    return q.execute();
  }

  async recordPoll(feedId: number, result: PollResult, now = new Date()): Promise<void> {
    const at = now.toISOString();
    const next = new Date(now.getTime() + result.nextIntervalS * 1000).toISOString();
    await this.db
      .updateTable('feeds')
      .set((eb) => ({
        last_polled_at: at,
        last_status: result.status,
        next_poll_at: next,
        poll_interval_s: result.nextIntervalS,
        ...(result.ok
          ? {
              last_success_at: at,
              last_error: null,
              consecutive_failures: 0,
              ...(result.itemCount !== undefined ? { last_item_count: result.itemCount } : {}),
              ...(result.recentCount !== undefined ? { last_recent_count: result.recentCount } : {}),
              ...(result.etag !== undefined ? { etag: result.etag } : {}),
              ...(result.lastModified !== undefined ? { last_modified: result.lastModified } : {}),
            }
          : {
              last_error: result.error ?? `HTTP ${result.status}`,
              consecutive_failures: eb('consecutive_failures', '+', 1),
            }),
        ...(result.disable ? { disabled: 1 } : {}),
      }))
      .where('id', '=', feedId)
      .execute();
  }

  /** Re-enables a disabled feed (operator action) and schedules it now. */
  async enable(feedId: number): Promise<void> {
    await this.db
      .updateTable('feeds')
      .set({ disabled: 0, consecutive_failures: 0, next_poll_at: nowIso() })
      .where('id', '=', feedId)
      .execute();
  }
}
