/**
 * Trigram profiles: franc-all (MIT), 414 languages profiled on the Universal Declaration of Human
 * Rights. Weaker than eld on the languages both know (73–81% on short news text in our tests), so
 * it is asked only about languages eld lacks, against eld's own best guesses: which of these does
 * the text look most like? Its profiles hold about 3 MB, loaded with the n-gram model (only
 * processes that detect language import this module).
 */
import { francAll } from 'franc-all';
import { TRIGRAM_CODES } from './coverage.ts';

/** ISO 639-3 as franc-all names languages, for the languages eld knows in Latin letters. */
const NGRAM_LATIN_CODES: Readonly<Record<string, string>> = {
  az: 'azj',
  ca: 'cat',
  cs: 'ces',
  da: 'dan',
  de: 'deu',
  en: 'eng',
  es: 'spa',
  et: 'ekk',
  eu: 'eus',
  fi: 'fin',
  fr: 'fra',
  hr: 'hrv',
  hu: 'hun',
  is: 'isl',
  it: 'ita',
  lt: 'lit',
  lv: 'lvs',
  ms: 'zlm',
  id: 'ind',
  nl: 'nld',
  nb: 'nob',
  pl: 'pol',
  pt: 'por',
  ro: 'ron',
  sk: 'slk',
  sl: 'slv',
  sq: 'als',
  sv: 'swe',
  tl: 'tgl',
  tr: 'tur',
  vi: 'vie',
  yo: 'yor',
  af: 'afr',
  'sr-Latn': 'srp',
};

const CODES: Readonly<Record<string, string>> = { ...NGRAM_LATIN_CODES, ...TRIGRAM_CODES };
const TAGS: ReadonlyMap<string, string> = new Map(Object.entries(CODES).map(([tag, code]) => [code, tag]));

/** True when the trigram profiles can compare this language (detection's tag). */
export function hasTrigramProfile(tag: string): boolean {
  return tag in CODES;
}

/**
 * Scores in (0, 1] for each of `tags` (1 for the closest), from franc-all's trigram distances;
 * languages franc cannot compare are left out. Empty for a text with no letters.
 */
export function trigramScores(text: string, tags: readonly string[]): Map<string, number> {
  const only = tags.map((t) => CODES[t]).filter((c): c is string => c !== undefined);
  const scores = new Map<string, number>();
  if (only.length < 2) return scores;
  for (const [code, score] of francAll(text, { only, minLength: 1 })) {
    const tag = TAGS.get(code);
    if (tag !== undefined && score > 0) scores.set(tag, score);
  }
  return scores;
}
