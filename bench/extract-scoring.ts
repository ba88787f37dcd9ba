/**
 * Scoring of extracted text against gold, shared by the extraction evaluation and its tests.
 * Pure: strings in, numbers out.
 */

/** Han, kana: scripts written without spaces, where one character is the token (the scoring). */
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
const WORD = /[\p{L}\p{M}\p{N}_]+/gu;

/** Tokens for shingling: runs of letters and digits, with every CJK character a token of its own. */
export function tokens(text: string): string[] {
  return text.replace(CJK_CHAR, ' $& ').match(WORD) ?? [];
}

/** Multiset of n-gram shingles over tokens(); a text shorter than n is one shingle. */
export function shingles(text: string, n = 4): Map<string, number> {
  const list = tokens(text);
  const out = new Map<string, number>();
  const add = (key: string) => out.set(key, (out.get(key) ?? 0) + 1);
  if (list.length > 0 && list.length < n) add(list.join(' '));
  for (let i = 0; i + n <= list.length; i++) add(list.slice(i, i + n).join(' '));
  return out;
}

export interface PageScore {
  precision: number;
  recall: number;
}

/** Precision and recall of predicted against gold over 4-gram shingle multisets; empty output scores 0/0. */
export function shingleScore(gold: string, predicted: string): PageScore {
  const g = shingles(gold);
  const p = shingles(predicted);
  let overlap = 0;
  let predictedCount = 0;
  let goldCount = 0;
  for (const [key, count] of p) {
    predictedCount += count;
    overlap += Math.min(count, g.get(key) ?? 0);
  }
  for (const count of g.values()) goldCount += count;
  if (goldCount === 0 && predictedCount === 0) return { precision: 1, recall: 1 };
  return {
    precision: predictedCount === 0 ? 0 : overlap / predictedCount,
    recall: goldCount === 0 ? 0 : overlap / goldCount,
  };
}

/** F1 of averaged per-page precision and recall (the article-extraction-benchmark's way). */
export function averagedF1(scores: PageScore[]): { precision: number; recall: number; f1: number } {
  if (scores.length === 0) return { precision: 0, recall: 0, f1: 0 };
  const precision = scores.reduce((s, x) => s + x.precision, 0) / scores.length;
  const recall = scores.reduce((s, x) => s + x.recall, 0) / scores.length;
  return { precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
}

export interface SnippetCounts {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
}

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** trafilatura's scoring of one page: "with" snippets found are TP, "without" snippets found FP. */
export function snippetCounts(text: string, withSnippets: string[], withoutSnippets: string[]): SnippetCounts {
  const out = collapse(text);
  const found = (s: string) => out.includes(collapse(s));
  const tp = withSnippets.filter(found).length;
  const fp = withoutSnippets.filter(found).length;
  return { tp, fn: withSnippets.length - tp, fp, tn: withoutSnippets.length - fp };
}

/** Corpus-level F1 of summed snippet counts: 2TP / (2TP + FP + FN). */
export function snippetF1(counts: SnippetCounts[]): { precision: number; recall: number; f1: number } {
  const sum = counts.reduce((s, c) => ({ tp: s.tp + c.tp, fn: s.fn + c.fn, fp: s.fp + c.fp, tn: s.tn + c.tn }), {
    tp: 0,
    fn: 0,
    fp: 0,
    tn: 0,
  });
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  return {
    precision: ratio(sum.tp, sum.tp + sum.fp),
    recall: ratio(sum.tp, sum.tp + sum.fn),
    f1: ratio(2 * sum.tp, 2 * sum.tp + sum.fp + sum.fn),
  };
}
