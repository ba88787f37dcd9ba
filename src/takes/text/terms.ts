/**
 * Terms for comparing English sentences: lower-cased words without stop words, lightly stemmed
 * so that `talks` and `talk` meet. Numbers are kept as terms (they carry the facts of news).
 */

export const STOP_WORDS = new Set(
  `a about above after again against all almost also although always am among an and another any anyone
  are around as at be became because become been before being below between both but by can cannot could
  did do does doing done down during each either else even ever every few for from further had has have
  having he her here hers herself him himself his how however i if in into is it its itself just least
  less like made make many may me might more most much must my myself neither no nor not now of off often
  on once one only or other others otherwise our ours ourselves out over own per perhaps put rather said
  same say says see seem seemed several shall she should since so some still such than that the their
  theirs them themselves then there these they this those though through thus to too toward towards under
  until up upon us very via was we well were what whatever when where whether which while who whom whose
  why will with within without would yet you your yours yourself yourselves told tell according mr mrs
  ms dr new s t across along amid among behind beyond despite near onto inside outside against around
  since toward upon whilst`.split(/\s+/),
);

const WORD = /[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu;

/** Words of a text, in order, as written (apostrophes, dots and hyphens inside a word kept). */
export function words(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** Harman's "S" stemmer: only plural endings, so a stem stays a readable word. */
export function stem(word: string): string {
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

/** Normalises one word to its term, or undefined for stop words and noise. */
export function termOf(word: string): string | undefined {
  const w = word
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/[.'’]/g, '');
  if (w.length < 2 && !/\d/.test(w)) return undefined;
  if (STOP_WORDS.has(w)) return undefined;
  return stem(w);
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
