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
): boolean {
  if (!previous) return current.articleCount > 0;
  const age = now.getTime() - Date.parse(previous.createdAt);
  // An unreadable date should not freeze a story's take forever.
  if (Number.isFinite(age) && age < settings.minIntervalMinutes * 60_000) return false;
  if (Math.abs(current.articleCount - previous.articleCount) >= settings.minNewArticles) return true;
  const known = new Set(previous.countries);
  return current.countries.some((c) => !known.has(c));
}
