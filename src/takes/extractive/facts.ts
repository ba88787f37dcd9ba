import type { Vocabulary } from '../text/vectors.ts';
import type { ArticleSentences, Candidate } from './candidates.ts';

/**
 * "Carries the same fact": another sentence contains most of this sentence's weight (IDF-weighted
 * containment of its terms) and every one of its numbers. Containment, not symmetric similarity,
 * because a longer sentence that adds a clause still carries the fact, while a sentence with a
 * different figure ("12 hostages" against "15 hostages") does not.
 */
export const SAME_FACT = {
  /** Share of the sentence's IDF weight that the other sentence must contain. */
  containment: 0.6,
  /** Terms in more than this share of the candidates are skipped when looking for matches. */
  commonTermShare: 0.4,
} as const;

interface FactShape {
  terms: readonly string[] | ReadonlySet<string>;
  numbers: ReadonlySet<string>;
}

function weightOf(vocab: Vocabulary, term: string): number {
  const id = vocab.lookup(term);
  return id === undefined ? 1 : vocab.idf(id);
}

export function sameFact(
  fact: FactShape,
  other: { terms: ReadonlySet<string>; numbers: ReadonlySet<string> },
  vocab: Vocabulary,
): boolean {
  for (const n of fact.numbers) if (!other.numbers.has(n)) return false;
  return containment(fact.terms, other.terms, vocab) >= SAME_FACT.containment;
}

/** Share of the IDF weight of `terms` that `other` contains, from 0 to 1. */
export function containment(
  terms: readonly string[] | ReadonlySet<string>,
  other: ReadonlySet<string>,
  vocab: Vocabulary,
): number {
  let total = 0;
  let shared = 0;
  for (const t of new Set(terms)) {
    const w = weightOf(vocab, t);
    total += w;
    if (other.has(t)) shared += w;
  }
  return total > 0 ? shared / total : 0;
}

/**
 * For each candidate, the articles among the candidates that carry its fact (its own included).
 * An inverted index over the less common terms finds the pairs worth testing, so the cost stays
 * near-linear in the number of candidates.
 */
export function supportAmongCandidates(candidates: readonly Candidate[], vocab: Vocabulary): Array<Set<number>> {
  const postings = new Map<string, number[]>();
  candidates.forEach((c) => {
    for (const t of new Set(c.terms)) {
      let list = postings.get(t);
      if (!list) {
        list = [];
        postings.set(t, list);
      }
      list.push(c.index);
    }
  });
  const commonLimit = Math.max(8, candidates.length * SAME_FACT.commonTermShare);
  const termSets = candidates.map((c) => new Set(c.terms));
  return candidates.map((c) => {
    const support = new Set<number>([c.articleIndex]);
    const overlap = new Map<number, number>();
    let total = 0;
    for (const t of termSets[c.index]!) {
      const w = weightOf(vocab, t);
      total += w;
      const list = postings.get(t)!;
      if (list.length > commonLimit) continue;
      for (const other of list) if (other !== c.index) overlap.set(other, (overlap.get(other) ?? 0) + w);
    }
    for (const [other, w] of overlap) {
      const o = candidates[other]!;
      if (support.has(o.articleIndex) || w < total * 0.3) continue;
      if (sameFact(c, { terms: termSets[other]!, numbers: o.numbers }, vocab)) support.add(o.articleIndex);
    }
    return support;
  });
}

/** Every article that carries the fact of `sentence`, scanning all its sentences, in input order. */
export function citingArticles(
  sentence: Candidate,
  articles: readonly ArticleSentences[],
  vocab: Vocabulary,
): number[] {
  const out: number[] = [];
  for (const a of articles) {
    if (a.articleIndex === sentence.articleIndex) {
      out.push(a.articleIndex);
      continue;
    }
    // An article whose whole vocabulary lacks the fact's terms cannot have a sentence that does.
    if (!sameFact({ terms: sentence.terms, numbers: new Set() }, { terms: a.allTerms, numbers: new Set() }, vocab)) {
      continue;
    }
    if (a.sentences.some((s) => sameFact(sentence, s, vocab))) out.push(a.articleIndex);
  }
  return out;
}
