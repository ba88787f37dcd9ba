/**
 * Terms for comparing English sentences: lower-cased words without stop words, lightly stemmed
 * so that `talks` and `talk` meet. Numbers are kept as terms (they carry the facts of news).
 * Stop words and stems come from the shared toolkit in src/text/.
 */
import { pluralStem } from '../../text/stems.ts';
import { ENGLISH_STOP_WORDS } from '../../text/stopwords.ts';

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Words of a text, in order, as written (apostrophes, dots and hyphens inside a word kept). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Normalises one word to its term, or undefined for stop words and noise. */
export function termOf(word: string): string | undefined {
  const w = word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[.'’]/g, '');
  if (w.length < 2 && !/\d/.test(w)) return undefined;
  if (ENGLISH_STOP_WORDS.has(w)) return undefined;
  return pluralStem(w);
}

/** Content terms of a text, in order, repeats kept. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    const t = termOf(w);
    if (t) out.push(t);
  }
  return out;
}
