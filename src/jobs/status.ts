import type { FeedRow } from '../store/repositories/feeds.ts';
import type { JobCounts } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';

/** The pipeline's health, as `meridian status`, `GET /api/status` and `/status` show it. */
export interface PipelineStatus {
  generatedAt: string;
  database: string;
  articles: { total: number; byState: Record<string, number> };
  /** Feeds per state of health. */
  feedHealth: Record<'ok' | 'failing' | 'disabled' | 'waiting', number>;
  feeds: Array<{
    url: string;
    outletId: string;
    country: string;
    health: 'ok' | 'failing' | 'disabled' | 'waiting';
    lastSuccessAt: string | null;
    lastError: string | null;
    lastStatus: number | null;
    itemCount: number | null;
    /** Of those, published in the last day before that poll. */
    recentCount: number | null;
    consecutiveFailures: number;
    nextPollAt: string;
  }>;
  outlets: Array<{
    id: string;
    country: string;
    articlesToday: number;
    lastSuccessAt: string | null;
    lastError: string | null;
    nextPollAt: string | null;
  }>;
  jobs: JobCounts;
  parked: Array<{ id: number; kind: string; error: string | null; at: string }>;
  translation: {
    provider: string;
    usage: Array<{ provider: string; model: string; articles: number; characters: number; ms: number }>;
    /** Set when translation is off: how to turn it on. */
    hint?: string;
  };
}

export type FeedHealth = PipelineStatus['feeds'][number]['health'];

export function feedHealth(f: FeedRow): FeedHealth {
  if (f.disabled) return 'disabled';
  if (f.consecutive_failures > 0) return 'failing';
  if (!f.last_success_at) return 'waiting';
  return 'ok';
}

/** How many feeds are in each state of health. */
export function countFeedHealth(feeds: readonly FeedRow[]): Record<FeedHealth, number> {
  const counts = { ok: 0, failing: 0, disabled: 0, waiting: 0 };
  for (const f of feeds) counts[feedHealth(f)]++;
  return counts;
}

const max = (a: string | null, b: string | null) => (a && b ? (a > b ? a : b) : (a ?? b));
const min = (a: string | null, b: string | null) => (a && b ? (a < b ? a : b) : (a ?? b));

export async function pipelineStatus(store: Store, translator: string, now = new Date()): Promise<PipelineStatus> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [feeds, byState, total, today, jobs, parked, usage] = await Promise.all([
    store.feeds.list(),
    store.articles.countByState(),
    store.articles.count(),
    store.articles.countsByOutletSince(dayStart),
    store.jobs.counts(),
    store.jobs.parked(20),
    store.translations.usage(),
  ]);
  const outlets = new Map<string, PipelineStatus['outlets'][number]>();
  for (const f of feeds) {
    const o = outlets.get(f.outlet_id) ?? {
      id: f.outlet_id,
      country: f.country,
      articlesToday: today.get(f.outlet_id) ?? 0,
      lastSuccessAt: null,
      lastError: null,
      nextPollAt: null,
    };
    o.lastSuccessAt = max(o.lastSuccessAt, f.last_success_at);
    if (f.last_error && (!o.lastError || f.consecutive_failures > 0)) o.lastError = f.last_error;
    if (!f.disabled) o.nextPollAt = min(o.nextPollAt, f.next_poll_at);
    outlets.set(f.outlet_id, o);
  }
  return {
    generatedAt: now.toISOString(),
    database: store.location,
    articles: { total, byState },
    feedHealth: countFeedHealth(feeds),
    feeds: feeds.map((f) => ({
      url: f.url,
      outletId: f.outlet_id,
      country: f.country,
      health: feedHealth(f),
      lastSuccessAt: f.last_success_at,
      lastError: f.last_error,
      lastStatus: f.last_status,
      itemCount: f.last_item_count,
      recentCount: f.last_recent_count,
      consecutiveFailures: f.consecutive_failures,
      nextPollAt: f.next_poll_at,
    })),
    outlets: [...outlets.values()],
    jobs,
    parked: parked.map((j) => ({ id: j.id, kind: j.kind, error: j.last_error, at: j.updated_at })),
    translation: {
      provider: translator,
      usage,
      ...(translator === 'none'
        ? {
            hint: 'Translation is off (MERIDIAN_TRANSLATOR=none): articles are shown in their original language. Set MERIDIAN_TRANSLATOR to deepl, google, openai, libretranslate, apertium or local (see `meridian config`) to translate them into English.',
          }
        : {}),
    },
  };
}
