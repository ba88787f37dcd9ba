import type { Candidate } from './candidates.ts';

/**
 * Maximal marginal relevance with a country bonus: each pick is the sentence that is central to
 * its section, unlike what was already picked, and — other things equal — reported by a country
 * the take has not cited yet. A sentence too close to one already picked is never taken.
 */
export const SELECTION = {
  /** Weight of relevance against redundancy. */
  lambda: 0.7,
  /** Bonus for the first new country a sentence brings, and for each further one. */
  countryBonus: 0.3,
  extraCountryBonus: 0.03,
  /** Similarity above which two sentences say the same thing. */
  redundant: 0.4,
} as const;

export interface Scored {
  candidate: Candidate;
  relevance: number;
  /** Countries of the articles that carry this sentence's fact. */
  countries: ReadonlySet<string>;
}

/**
 * Picks up to `count` sentences from `pool` (one section), given everything `picked` so far across
 * the take and the countries already `covered`. Mutates `picked` and `covered`.
 */
export function pickSentences(
  pool: readonly Scored[],
  count: number,
  picked: Scored[],
  covered: Set<string>,
  similarity: (a: Candidate, b: Candidate) => number,
): Scored[] {
  const chosen: Scored[] = [];
  const top = Math.max(1e-9, ...pool.map((s) => s.relevance));
  const available = new Set(pool);
  while (chosen.length < count && available.size > 0) {
    let best: Scored | undefined;
    let bestScore = -Infinity;
    for (const s of available) {
      const closest = maxSimilarity(s, picked, similarity);
      if (closest > SELECTION.redundant) {
        available.delete(s);
        continue;
      }
      const score =
        SELECTION.lambda * (s.relevance / top) - (1 - SELECTION.lambda) * closest + countryBonus(s, covered);
      if (score > bestScore) {
        bestScore = score;
        best = s;
      }
    }
    if (!best) break;
    available.delete(best);
    chosen.push(best);
    picked.push(best);
    for (const c of best.countries) covered.add(c);
  }
  return chosen;
}

function maxSimilarity(
  s: Scored,
  picked: readonly Scored[],
  similarity: (a: Candidate, b: Candidate) => number,
): number {
  let max = 0;
  for (const p of picked) max = Math.max(max, similarity(s.candidate, p.candidate));
  return max;
}

function countryBonus(s: Scored, covered: ReadonlySet<string>): number {
  let fresh = 0;
  for (const c of s.countries) if (!covered.has(c)) fresh++;
  return fresh === 0 ? 0 : SELECTION.countryBonus + SELECTION.extraCountryBonus * Math.min(5, fresh - 1);
}
