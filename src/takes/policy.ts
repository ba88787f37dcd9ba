import type { TakePolicySettings } from './settings.ts';

/** What the policy needs to know about a story (now) and its latest take (then). */
export interface TakeBasis {
  articleCount: number;
  countries: readonly string[];
}

/**
 * Whether a story's take deserves a new version. Versions are debounced: the story must have
 * changed enough (`minNewArticles` more or fewer articles — stories also shrink when split — or a
 * country that was not there), and the last version must be at least `minIntervalMinutes` old, so
 * a story that gains an article a minute is not rewritten every minute.
 */
export function shouldWriteNewVersion(
  previous: (TakeBasis & { createdAt: string }) | undefined,
  current: TakeBasis,
  now: Date,
  settings: TakePolicySettings,
  /** Articles' bodies arrived in English since: a new version is due once the interval allows. */
  refresh = false,
): boolean {
  if (!previous) return current.articleCount > 0;
  if (tooSoonUntil(previous, now, settings)) return false;
  if (refresh) return true;
  if (Math.abs(current.articleCount - previous.articleCount) >= settings.minNewArticles) return true;
  const known = new Set(previous.countries);
  return current.countries.some((c) => !known.has(c));
}

/** When the latest version is too recent for another, the time it stops being so; else undefined. */
export function tooSoonUntil(
  previous: { createdAt: string },
  now: Date,
  settings: TakePolicySettings,
): Date | undefined {
  const at = Date.parse(previous.createdAt);
  // An unreadable date should not freeze a story's take forever.
  if (!Number.isFinite(at)) return undefined;
  const until = at + settings.minIntervalMinutes * 60_000;
  return now.getTime() < until ? new Date(until) : undefined;
}
