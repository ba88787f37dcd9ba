import type { TakeArticle } from '../summarizer.ts';
import { terms } from '../text/terms.ts';
import { centroid, cosine, dotDense, tfidf, Vocabulary } from '../text/vectors.ts';
import { estimateTokens } from './budget.ts';

/**
 * Which articles the model reads, within a token budget. Most diverse first: each pick is the
 * article most central to the story and least like those already picked (MMR), and an article
 * from a country not yet included comes before any from a country already in.
 */
export interface ArticleBudget {
  maxTokens: number;
  /** Characters of one article's text given to the model (the lead carries the facts). */
  maxCharsPerArticle: number;
}

const LAMBDA = 0.7;
const NEW_COUNTRY_BONUS = 1;
/** Tokens of framing per article (id, outlet, country, title labels). */
const PER_ARTICLE_OVERHEAD = 30;

export function selectArticles(articles: readonly TakeArticle[], budget: ArticleBudget): TakeArticle[] {
  const trimmed = articles.map((a) => ({ ...a, text: trimText(a.text, budget.maxCharsPerArticle) }));
  const vocab = new Vocabulary();
  const termLists = trimmed.map((a) => terms(`${a.title}\n${a.text.slice(0, 1500)}`));
  for (const t of termLists) vocab.addDocument(t);
  const vectors = termLists.map((t) => tfidf(vocab, t));
  const story = centroid(vectors, vocab.size);
  const relevance = vectors.map((v) => dotDense(v, story));

  const picked: number[] = [];
  const countries = new Set<string>();
  const left = new Set(trimmed.map((_, i) => i));
  // Similarity of each article to its nearest picked one, updated as articles are picked.
  const nearest = new Array<number>(trimmed.length).fill(0);
  let tokens = 0;
  while (left.size > 0) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of left) {
      const similarity = nearest[i]!;
      const fresh = countries.has(trimmed[i]!.country) ? 0 : NEW_COUNTRY_BONUS;
      const score = LAMBDA * relevance[i]! - (1 - LAMBDA) * similarity + fresh;
      if (score > bestScore) {
        bestScore = score;
        best = i;
      }
    }
    left.delete(best);
    const a = trimmed[best]!;
    const cost = estimateTokens(a.title + a.text) + PER_ARTICLE_OVERHEAD;
    // Skip an article that does not fit; a shorter one further down may still.
    if (tokens + cost > budget.maxTokens) continue;
    tokens += cost;
    picked.push(best);
    countries.add(a.country);
    for (const i of left) nearest[i] = Math.max(nearest[i]!, cosine(vectors[i]!, vectors[best]!));
  }
  return picked.map((i) => trimmed[i]!);
}

/** Cuts at a sentence end near the limit rather than mid-word. */
function trimText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const cut = text.slice(0, maxChars);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > maxChars * 0.6 ? cut.slice(0, end + 1) : cut;
}
