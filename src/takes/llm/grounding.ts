import { ENGLISH_STOP_WORDS as STOP_WORDS } from '../../text/stopwords.ts';
import type { TakeArticle } from '../summarizer.ts';
import { numberForms, numberMentions } from '../text/numbers.ts';
import { countryName } from './countries.ts';

/**
 * Checks one written sentence against the articles it cites: every name (capitalised word),
 * number and quoted passage must appear in at least one of them. This catches the failures readers
 * complain about — invented quotes, wrong figures, people who were never mentioned — without
 * judging paraphrase, which is the model's job.
 */
export type GroundingResult = { ok: true } | { ok: false; reason: 'name' | 'number' | 'quote'; missing: string[] };

/** Capitalised words that are not claims: titles and the take's own vocabulary. */
const GENERIC_CAPITALISED = new Set(
  `president prime minister ministers secretary chancellor general king queen prince princess mr mrs ms dr
  sir lord senator governor mayor chief officials official outlets outlet media reports coverage analysts
  critics sources several many both most some according while although meanwhile however`.split(/\s+/),
);

/** Text of the cited articles, prepared once per article. */
export interface SourceText {
  /** Lower-case words, dots and possessives removed (`U.S.` → `us`, `Hamas's` → `hamas`). */
  words: Set<string>;
  numbers: Set<string>;
  /** Lower-case text with normalised quotes and spaces, for quoted passages. */
  flat: string;
}

export function sourceText(article: TakeArticle): SourceText {
  // The outlet and its country are facts the model was given about the article.
  const text = normalise(`${article.outlet}\n${countryName(article.country)}\n${article.title}\n${article.text}`);
  return { words: new Set(wordsOf(text).map(wordKey)), numbers: numberForms(text), flat: flatten(text) };
}

export function checkSentence(sentence: string, sources: readonly SourceText[]): GroundingResult {
  const text = normalise(sentence);
  const missingNames = namesOf(text).filter((n) => !sources.some((s) => s.words.has(wordKey(n))));
  if (missingNames.length > 0) return { ok: false, reason: 'name', missing: missingNames };
  return checkFigures(text, sources);
}

/**
 * Headings are Title Cased, so capitals say nothing about names there; their numbers and quotes
 * are still checked against the articles their section cites.
 */
export function checkHeading(heading: string, sources: readonly SourceText[]): GroundingResult {
  return checkFigures(normalise(heading), sources);
}

function checkFigures(text: string, sources: readonly SourceText[]): GroundingResult {
  const missingNumbers = numberMentions(text)
    .filter((m) => !sources.some((s) => s.numbers.has(m.primary)))
    .map((m) => m.raw);
  if (missingNumbers.length > 0) return { ok: false, reason: 'number', missing: missingNumbers };
  const missingQuotes = quotesOf(text).filter((q) => !sources.some((s) => s.flat.includes(flatten(q))));
  if (missingQuotes.length > 0) return { ok: false, reason: 'quote', missing: missingQuotes };
  return { ok: true };
}

/** Capitalised words, except a sentence-initial common word and generic titles. */
function namesOf(text: string): string[] {
  const out: string[] = [];
  const ws = wordsOf(text);
  ws.forEach((w, i) => {
    if (!/^\p{Lu}/u.test(w)) return;
    const key = wordKey(w);
    if (GENERIC_CAPITALISED.has(key)) return;
    if (i === 0 && STOP_WORDS.has(key)) return;
    // Keep the dots of `U.S.`, not a sentence's full stop.
    out.push(/\.\p{L}/u.test(w) ? w : w.replace(/\.$/, ''));
  });
  return out;
}

function quotesOf(text: string): string[] {
  return [...text.matchAll(/"([^"]{3,})"/g)].map((m) => m[1]!.trim()).filter((q) => /\p{L}/u.test(q));
}

function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[“”„«»]/g, '"')
    .replace(/[‘’]/g, "'");
}

function wordsOf(s: string): string[] {
  return s.match(/[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*\.?/gu) ?? [];
}

function wordKey(w: string): string {
  return w.toLowerCase().replace(/'s$/, '').replace(/[.']/g, '');
}

function flatten(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
