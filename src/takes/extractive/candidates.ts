import type { TakeArticle } from '../summarizer.ts';
import { rejectReason, standaloneFactor } from '../text/boilerplate.ts';
import { numberForms } from '../text/numbers.ts';
import { splitSentences } from '../text/sentences.ts';
import { terms } from '../text/terms.ts';
import { type SparseVector, tfidf, Vocabulary } from '../text/vectors.ts';

/**
 * The sentences an extractive take may choose from. The work is bounded whatever the story's
 * size: every article gives its lead sentences (news puts the facts first), fewer per article as
 * the story grows, so a 500-article story considers about as many sentences as a 60-article one.
 */
export const CANDIDATE_LIMITS = {
  /** Sentences considered across the whole story. */
  maxCandidates: 1500,
  /** Lead sentences per article: at least, at most. */
  minPerArticle: 3,
  maxPerArticle: 25,
  /** Characters of one article read at all (citations look this far too). */
  maxCharsPerArticle: 40_000,
  /** Articles read; a larger story is cut (its articles arrive most relevant first). */
  maxArticles: 1000,
} as const;

export interface Candidate {
  /** Index in `Candidates.list`. */
  index: number;
  text: string;
  articleIndex: number;
  /** Position of the sentence in its article (0 = first). */
  position: number;
  terms: string[];
  vector: SparseVector;
  numbers: Set<string>;
  /** Prior from position and self-containedness, in (0, 1]. */
  prior: number;
}

/** One article's sentences, all of them (up to the character cap), for citation matching. */
export interface ArticleSentences {
  articleIndex: number;
  sentences: Array<{ text: string; terms: Set<string>; numbers: Set<string> }>;
  /** Every term of the article, for a quick "cannot contain this fact" test. */
  allTerms: Set<string>;
}

export interface Candidates {
  list: Candidate[];
  vocab: Vocabulary;
  articles: ArticleSentences[];
}

export function collectCandidates(articles: readonly TakeArticle[]): Candidates {
  const used = articles.slice(0, CANDIDATE_LIMITS.maxArticles);
  const perArticle = Math.max(
    CANDIDATE_LIMITS.minPerArticle,
    Math.min(CANDIDATE_LIMITS.maxPerArticle, Math.floor(CANDIDATE_LIMITS.maxCandidates / Math.max(1, used.length))),
  );
  const seen = new Set<string>();
  const raw: Array<Omit<Candidate, 'index' | 'vector'>> = [];
  const sentencesByArticle: ArticleSentences[] = [];
  used.forEach((article, articleIndex) => {
    const sentences = splitSentences(article.text.slice(0, CANDIDATE_LIMITS.maxCharsPerArticle));
    const entry: ArticleSentences = { articleIndex, sentences: [], allTerms: new Set() };
    let taken = 0;
    sentences.forEach((text, position) => {
      const termList = terms(text);
      const numbers = numberForms(text);
      entry.sentences.push({ text, terms: new Set(termList), numbers });
      for (const t of termList) entry.allTerms.add(t);
      if (taken >= perArticle || rejectReason(text) !== undefined) return;
      taken++;
      // The same sentence from a wire copy counts once as a candidate (its citations find the rest).
      const key = text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
      if (seen.has(key)) return;
      seen.add(key);
      const prior = standaloneFactor(text) / (1 + 0.08 * position);
      raw.push({ text, articleIndex, position, terms: termList, numbers, prior });
    });
    sentencesByArticle.push(entry);
  });
  const vocab = new Vocabulary();
  for (const c of raw) vocab.addDocument(c.terms);
  const list = raw.map((c, index) => ({ ...c, index, vector: tfidf(vocab, c.terms) }));
  return { list, vocab, articles: sentencesByArticle };
}
