/**
 * Named entities and numbers from original, case-preserving text, by heuristic.
 *
 * compromise@14.17.0 tags people, places and organisations well in English but took ~39 ms per
 * 1,800-character article here (bench/stories-scale.ts prints the comparison), which alone would
 * spend an hour on 100,000 articles. Capitalised sequences are what a reader also sees as names;
 * most of them carry over untranslated into other Latin-script languages, which is what links a
 * German and an English report of one event when nothing is translated.
 */

import { foldAccents } from '../text/stems.ts';
import { NOT_NAMES } from './stopwords.ts';

/** Joiners that may sit inside a name: "Bank of England", "Ursula von der Leyen". */
const CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'della',
  'der',
  'van',
  'von',
  'da',
  'di',
  'du',
  'la',
  'le',
  'al',
  'bin',
  'el',
  'y',
]);
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.-]*|[.!?:;"“”«»()\n]/gu;
const CAPITALISED = /^(\p{Lu}[\p{Ll}\p{M}'’-]+(?:-\p{Lu}[\p{Ll}\p{M}]+)?|\p{Lu}{2,6}s?|\p{Lu}\.(?:\p{Lu}\.)+)$/u;
const INITIALS = /^\p{Lu}\.$|^\p{Lu}\.\p{Lu}/u;
const SENTENCE_END = /^[.!?:;"“”«»()\n]$/u;
/** Languages that capitalise every noun: there, a single capitalised word says little. */
const NOUN_CAPITALISING = new Set(['de', 'lb']);

export interface ExtractedEntities {
  /** Normalized names (lower case, accents folded): full phrases and their single words. */
  names: string[];
  /** Names as written, full phrases only, for display and the name glossary. */
  surface: string[];
  /** Numbers of two or more digits and years, normalized ("1,200" → "1200"). */
  numbers: string[];
}

/** Case of a token's first letter, with an ASCII fast path (this runs for every token). */
function startsUpper(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return UPPER_START.test(t);
}

function startsLower(t: string): boolean {
  const c = t.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return LOWER_START.test(t);
}

const UPPER_START = /^\p{Lu}/u;
const LOWER_START = /^\p{Ll}/u;

function isSentenceEnd(t: string): boolean {
  return t.length === 1 && SENTENCE_END.test(t);
}

/** "Mr." and "U.S." end with a dot but do not end a sentence; "Moscow." does. */
function endsSentence(t: string): boolean {
  if (isSentenceEnd(t)) return true;
  if (t.charCodeAt(t.length - 1) !== 46) return false;
  return !(t.length === 2 && startsUpper(t));
}

function stripTrailingDots(t: string): string {
  const last = t.charCodeAt(t.length - 1);
  return last === 46 || last === 45 ? t.replace(/[.-]+$/u, '') : t;
}

export function normalizeName(name: string): string {
  return foldAccents(name.toLowerCase())
    .replace(/['’]s$/u, '')
    .replace(/\./g, '');
}

/**
 * Capitalised runs, allowing connectors inside them. A capitalised word that opens a sentence is
 * a name only if the text also capitalises it elsewhere, mid-sentence ("No agreement…", "Las
 * mineras…" are not names; "Witkoff met…" is when Witkoff appears again later).
 */
export function extractEntities(text: string, language = 'en'): ExtractedEntities {
  const tokens = text.match(TOKEN) ?? [];
  const lowerSeen = new Set<string>();
  const midCaps = new Set<string>();
  let atStart = true;
  for (const t of tokens) {
    if (startsLower(t)) lowerSeen.add(t);
    else if (!atStart && startsUpper(t)) midCaps.add(stripTrailingDots(t));
    atStart = endsSentence(t);
  }
  const nounCaps = NOUN_CAPITALISING.has(language.split('-')[0] ?? '');
  const names = new Set<string>();
  const surface = new Set<string>();
  let run: string[] = [];
  let runAtStart = false;
  let sentenceStart = true;
  const flush = () => {
    while (run.length > 0 && CONNECTORS.has(run[run.length - 1] ?? '')) run.pop();
    // "The Kremlin", "Yesterday Boric": a sentence opener that is not a name is not part of one.
    if (runAtStart && run.length > 1 && !midCaps.has(run[0] ?? '')) run.shift();
    if (run.length > 0) {
      const single = run.length === 1;
      const word = run[0] ?? '';
      const ordinary = NOT_NAMES.has(word.toLowerCase()) || lowerSeen.has(word.toLowerCase());
      const opener = runAtStart && single && !midCaps.has(word);
      const weak = single && (ordinary || opener || (nounCaps && !/^\p{Lu}{2,}/u.test(word)));
      if (!weak) {
        const phrase = run.join(' ').replace(/['’]s$/u, '');
        surface.add(phrase);
        names.add(normalizeName(phrase));
        if (!single) {
          for (const w of run) {
            if (!CONNECTORS.has(w) && !NOT_NAMES.has(w.toLowerCase()) && w.length > 2) names.add(normalizeName(w));
          }
        }
      }
    }
    run = [];
  };
  for (const token of tokens) {
    if (isSentenceEnd(token)) {
      flush();
      sentenceStart = true;
      continue;
    }
    const clean = stripTrailingDots(token);
    const capitalised = startsUpper(clean) && CAPITALISED.test(clean);
    if (capitalised && !(run.length === 0 && NOT_NAMES.has(clean.toLowerCase()))) {
      if (run.length === 0) runAtStart = sentenceStart;
      run.push(clean);
      // "Moscow." ends the name and the sentence; "U.S." and "J." do neither.
      if (token.endsWith('.') && !INITIALS.test(token)) {
        flush();
        sentenceStart = true;
        continue;
      }
    } else if (run.length > 0 && CONNECTORS.has(token)) {
      run.push(token);
    } else if (run.length > 0) {
      flush();
    }
    sentenceStart = endsSentence(token);
  }
  flush();
  return { names: [...names], surface: [...surface], numbers: extractNumbers(text) };
}

const NUMBER = /\d{1,3}(?:[.,\u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)?/gu;

/** Numbers that identify an event: two or more significant digits (counts, sums, years, dates). */
export function extractNumbers(text: string): string[] {
  const out = new Set<string>();
  for (const raw of text.normalize('NFKC').match(NUMBER) ?? []) {
    // "1,200", "1.200" and "1 200" are the same number in different locales.
    const grouped = /^\d{1,3}(?:[.,\u00a0\u202f]\d{3})+$/u.test(raw);
    const n = grouped ? raw.replace(/\D/g, '') : raw.replace(',', '.');
    if (n.replace(/\D/g, '').length < 2) continue;
    out.add(n.replace(/\.0+$/, ''));
  }
  return [...out];
}
