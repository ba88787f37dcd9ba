/**
 * Stems, shared by stories and takes. Two on purpose, for two jobs:
 * - `keyStem` makes matching keys for clustering in any language (a crude truncation);
 * - `pluralStem` makes English terms that stay readable words (takes show them).
 */
import { UNSPACED } from './scripts.ts';

/** Removes accents so "Zelenskyy" in a Spanish text meets the same name in a German one. */
export function foldAccents(word: string): string {
  // Most words are ASCII: skip the (costly) decomposition for them.
  if (!NON_ASCII.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

const NON_ASCII = /[^\x00-\x7f]/;

/**
 * A crude, language-independent stem: the first six letters. Inflection in German, Polish,
 * Turkish or Russian mostly changes word ends, so truncation joins most forms of one word
 * without a stemmer per language. Unspaced-script words are kept whole.
 */
const STEM_LENGTH = 6;
const ASCII_WORD = /^[\x00-\x7f]+$/;

export function keyStem(word: string): string {
  if (ASCII_WORD.test(word)) {
    const bare = word.endsWith("'s") ? word.slice(0, -2) : word.endsWith("'") ? word.slice(0, -1) : word;
    return bare.length > STEM_LENGTH ? bare.slice(0, STEM_LENGTH) : bare;
  }
  if (UNSPACED.test(word)) return word;
  const folded = foldAccents(word).replace(/['’]s?$/u, '');
  const bare = /^\p{Script=Arabic}/u.test(folded) ? arabicLightStem(folded) : folded;
  return bare.length > STEM_LENGTH ? bare.slice(0, STEM_LENGTH) : bare;
}

/** Arabic writes the article and some conjunctions and prepositions joined to the next word. */
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\p{L}{3})/u;
const ARABIC_SUFFIX = /(?:ها|هم|ات|ون|ين|ان|ية|ة|ه)$/u;

function arabicLightStem(word: string): string {
  const noPrefix = word.replace(ARABIC_PREFIX, '');
  return noPrefix.length > 4 ? noPrefix.replace(ARABIC_SUFFIX, '') : noPrefix;
}

/** Harman's "S" stemmer: only plural endings, so a stem stays a readable word. */
export function pluralStem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies') && !word.endsWith('eies') && !word.endsWith('aies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('es') && !/(ae|ee|oe)s$/.test(word)) {
    // `talks` → `talk`, `taxes` → `taxe` would be wrong: drop only the `s` unless `-ches/-shes/-xes/-sses`.
    if (/(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
    return word.slice(0, -1);
  }
  if (word.endsWith('s') && !word.endsWith('us') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}
