/**
 * Job priorities: claimed highest first, then by run_at. Most jobs keep 0. Article bodies wait
 * below everything else, in tiers (a story covered by two or more countries above the rest),
 * newest first within a tier: the priority is the tier's base plus the article's minute of
 * publication. A reader asking for an untranslated article lifts its jobs above all others.
 *
 *   READER (1)  >  0 (polls, fetches, headlines, clustering, takes)
 *               >  multi-country bodies [-20M, -10M)  >  other bodies [-30M, -20M)
 */
export const READER_PRIORITY = 1;

const TIER = 10_000_000;
const MULTI_COUNTRY_BASE = -2 * TIER;
const OTHER_BASE = -3 * TIER;
/** Minutes are counted from here; 10M minutes last until 2039. */
const EPOCH_MS = Date.UTC(2020, 0, 1);

export type BodyTier = 'reader' | 'multi-country' | 'other';
export const BODY_TIERS: readonly BodyTier[] = ['reader', 'multi-country', 'other'];

export function bodyPriority(published: string | undefined, multiCountry: boolean): number {
  const at = published ? Date.parse(published) : Number.NaN;
  const minutes = Number.isFinite(at) ? Math.floor((at - EPOCH_MS) / 60_000) : 0;
  return (multiCountry ? MULTI_COUNTRY_BASE : OTHER_BASE) + Math.min(TIER - 1, Math.max(0, minutes));
}

export function bodyTier(priority: number): BodyTier {
  if (priority > 0) return 'reader';
  return priority >= MULTI_COUNTRY_BASE ? 'multi-country' : 'other';
}

/** What lifts an "other" body to the multi-country tier, keeping its place by age. */
export const MULTI_COUNTRY_LIFT = { below: MULTI_COUNTRY_BASE, by: TIER } as const;

/** The lowest priority of each body tier, highest tier first. */
export const BODY_TIER_FLOORS: ReadonlyArray<readonly [BodyTier, number]> = [
  ['reader', READER_PRIORITY],
  ['multi-country', MULTI_COUNTRY_BASE],
  ['other', -2_147_483_648],
];
