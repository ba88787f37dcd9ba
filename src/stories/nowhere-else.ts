/**
 * "International stories that aren't found anywhere else": a story only one country's press
 * covers, and covers in earnest — at least two of its outlets, or one outlet and a whole day in
 * which no other country's press took it up. (A one-outlet story of the last hour is not yet
 * "nowhere else"; it may be everywhere tomorrow.)
 */
import type { Story } from '../model/story.ts';

/** How long one outlet's story must stay its own country's before it counts. */
export const NOWHERE_ELSE_ALONE_MS = 86_400_000;

export function isFoundNowhereElse(story: Story, now: number): boolean {
  if (story.countries.length !== 1) return false;
  if (story.outlets.length >= 2) return true;
  const first = Date.parse(story.firstSeen);
  return story.outlets.length === 1 && Number.isFinite(first) && now - first >= NOWHERE_ELSE_ALONE_MS;
}
