import type { FeedRow } from '../store/repositories/feeds.ts';
import type { JobCounts } from '../store/repositories/jobs.ts';
import type { Store } from '../store/store.ts';
import { type BudgetLimits, utcDay } from '../translate/budget.ts';
import { estimatedCost } from '../translate/pricing.ts';
import { JOB } from './kinds.ts';
import { BODY_TIER_FLOORS, type BodyTier } from './priority.ts';

/** The pipeline's health, as `meridian status`, `GET /api/status` and `/status` show it. */
export interface PipelineStatus {
  generatedAt: string;
  database: string;
  articles: { total: number; byState: Record<string, number> };
  /** Stored copies of lead images (two per article) and logos, and their bytes. */
  images: { copies: number; bytes: number; articles: number };
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
    budget: TranslationBudgetStatus;
  };
}

/** The day's translation spending for the configured provider and what waits for it. */
export interface TranslationBudgetStatus {
  /** MERIDIAN_TRANSLATE_DAILY_CHARACTERS (0: no budget) and the headlines' part of it. */
  dailyCharacters: number;
  headlineCharacters: number;
  /** UTC day the counts are for. */
  day: string;
  spentToday: { headline: number; body: number; total: number };
  /** USD at list price; null when the provider's price is unknown. */
  costToday: number | null;
  costThisMonth: number | null;
  /** Articles whose headline, or whose body per priority, waits to be translated. */
  waiting: { headlines: number; bodies: Record<BodyTier, number> };
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

export async function translationBudgetStatus(
  store: Store,
  provider: string,
  limits: BudgetLimits,
  now = new Date(),
): Promise<TranslationBudgetStatus> {
  const day = utcDay(now);
  const [spent, month, headlines, atLeast] = await Promise.all([
    store.translationSpend.day(provider, day),
    store.translationSpend.between(`${day.slice(0, 7)}-01`, day),
    store.jobs.unfinishedAtLeast(JOB.translate, [-2_147_483_648]),
    store.jobs.unfinishedAtLeast(
      JOB.translateBody,
      BODY_TIER_FLOORS.map(([, floor]) => floor),
    ),
  ]);
  const bodies = {} as Record<BodyTier, number>;
  BODY_TIER_FLOORS.forEach(([tier], i) => {
    bodies[tier] = (atLeast[i] ?? 0) - (i > 0 ? (atLeast[i - 1] ?? 0) : 0);
  });
  const total = spent.headline + spent.body;
  const monthChars = month.find((m) => m.provider === provider)?.characters ?? 0;
  return {
    dailyCharacters: limits.daily,
    headlineCharacters: limits.headline,
    day,
    spentToday: { ...spent, total },
    costToday: estimatedCost(provider, total),
    costThisMonth: estimatedCost(provider, monthChars),
    waiting: { headlines: headlines[0] ?? 0, bodies },
  };
}

export async function pipelineStatus(
  store: Store,
  translator: string,
  now = new Date(),
  limits: BudgetLimits = { daily: 0, headline: 0 },
): Promise<PipelineStatus> {
  const dayStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const [feeds, byState, total, today, jobs, parked, usage, budget, images] = await Promise.all([
    store.feeds.list(),
    store.articles.countByState(),
    store.articles.count(),
    store.articles.countsByOutletSince(dayStart),
    store.jobs.counts(),
    store.jobs.parked(20),
    store.translations.usage(),
    translationBudgetStatus(store, translator, limits, now),
    store.images.totals(),
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
    images: { copies: images.images, bytes: images.bytes, articles: images.articles },
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
      budget,
      ...(translator === 'none'
        ? {
            hint: 'Translation is off (MERIDIAN_TRANSLATOR=none): articles are shown in their original language. Set MERIDIAN_TRANSLATOR to deepl, google, openai, libretranslate, apertium or local (see `meridian config`) to translate them into English.',
          }
        : {}),
    },
  };
}

/** The budget as lines of text, for `meridian status` and the status page. */
export function budgetLines(b: TranslationBudgetStatus): string[] {
  const usd = (x: number | null) => (x === null ? 'unknown (priced per token)' : `about $${x.toFixed(2)}`);
  const limit =
    b.dailyCharacters > 0
      ? `of ${b.dailyCharacters.toLocaleString('en')} (headlines up to ${b.headlineCharacters.toLocaleString('en')})`
      : '(no daily budget)';
  return [
    `Characters today (${b.day} UTC): ${b.spentToday.total.toLocaleString('en')} ${limit}: headlines ${b.spentToday.headline.toLocaleString('en')}, bodies ${b.spentToday.body.toLocaleString('en')}`,
    `Estimated cost: today ${usd(b.costToday)}, this month ${usd(b.costThisMonth)}`,
    `Waiting: ${b.waiting.headlines} headlines; bodies ${b.waiting.bodies.reader} asked for by readers, ${b.waiting.bodies['multi-country']} in stories of two or more countries, ${b.waiting.bodies.other} others`,
  ];
}
