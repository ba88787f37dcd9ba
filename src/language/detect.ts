/**
 * Language identification for whole articles and for short headlines and captions.
 *
 * 1. Count letters per script; the script carrying most of the text picks the method.
 * 2. Rank candidate languages: by script alone (Hangul, Thai, Georgian…), by letters and n-grams
 *    (Cyrillic, Arabic), by kana and Han variants (Japanese, zh-Hans, zh-Hant), or by the n-gram
 *    model plus marker words (Latin).
 * 3. A declared language (the page's `lang`) only breaks a near-tie: it is chosen when its score is
 *    within a hair of the best, and never against clear evidence.
 *
 * Pure and synchronous. It never throws: odd input gives `und` with confidence 0. Importing this
 * module loads the n-gram model (see ngram-model.ts).
 */
import { rankArabic } from './arabic.ts';
import { rankCjk } from './cjk.ts';
import { rankCyrillic } from './cyrillic.ts';
import { rankLatin } from './latin.ts';
import { ngramScores } from './ngram-model.ts';
import type { Candidate, Ranking } from './ranking.ts';
import { countScripts, dominantScript, type Script, type ScriptCounts, weightedLetters } from './scripts.ts';
import { rankBySingleScript } from './single-script.ts';
import { normalizeTag, primaryLanguage } from './tags.ts';

export interface Detection {
  /** BCP 47 tag, or `und` when the text has no letters. */
  lang: string;
  /** 0 to 1: how clearly the text points to `lang` (length, mixed scripts and close rivals lower it). */
  confidence: number;
}

export interface DetectOptions {
  /** The declared language of the page or feed (BCP 47, any case): breaks near-ties only. */
  hint?: string;
}

const UNDETERMINED: Detection = { lang: 'und', confidence: 0 };

/** Longer texts are cut here: twenty thousand characters say all there is to say about language. */
const MAX_ANALYSED_CHARS = 20_000;

/** Score gap within which the hint may win, for long and for short text. */
const NEAR_TIE = 0.02;
const SHORT_NEAR_TIE = 0.06;
/** Below this many weighted letters (about ten Latin words, or a dozen ideographs) a text is short. */
const SHORT_UNITS = 30;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function prepare(text: string): string {
  const capped = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  return capped.replace(LONE_SURROGATE, ' ');
}

function rank(script: Script, text: string, counts: ScriptCounts): Ranking {
  switch (script) {
    case 'Han':
      return rankCjk(text, counts);
    case 'Latin':
      return rankLatin(text, ngramScores(text).scores);
    case 'Cyrillic':
      return rankCyrillic(text, ngramScores(text).scores);
    case 'Arabic':
      return rankArabic(text, ngramScores(text).scores);
    default:
      return rankBySingleScript(script, text) ?? [];
  }
}

function hinted(ranking: Ranking, hint: string | undefined, short: boolean): Candidate | undefined {
  const wanted = normalizeTag(hint);
  const top = ranking[0];
  if (!wanted || !top) return undefined;
  const match =
    ranking.find((c) => c.lang === wanted) ??
    (wanted.includes('-') ? undefined : ranking.find((c) => primaryLanguage(c.lang) === wanted));
  if (!match || match === top) return undefined;
  return top.score - match.score <= (short ? SHORT_NEAR_TIE : NEAR_TIE) ? match : undefined;
}

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** The language of `text` as a BCP 47 tag with a confidence. Never throws. */
export function detectLanguage(text: string, options: DetectOptions = {}): Detection {
  if (typeof text !== 'string') return UNDETERMINED;
  try {
    return detect(text, options);
  } catch {
    // A pipeline stage must not fail an article over its language: unknown is an answer.
    return UNDETERMINED;
  }
}

function detect(text: string, options: DetectOptions): Detection {
  const sample = prepare(text);
  const counts = countScripts(sample);
  const dominant = dominantScript(counts);
  if (!dominant) return UNDETERMINED;
  const ranking = rank(dominant.script, sample, counts);
  const top = ranking[0];
  if (!top || top.score <= 0) return UNDETERMINED;
  const weight = weightedLetters(counts);
  const chosen = hinted(ranking, options.hint, weight < SHORT_UNITS) ?? top;
  const rival = ranking.find((c) => c !== chosen);
  const margin = chosen.score - (rival?.score ?? 0);
  const lengthFactor = Math.min(1, 0.4 + weight / 40);
  const confidence = clamp01(0.5 + 5 * margin) * dominant.share * lengthFactor;
  return { lang: chosen.lang, confidence: Math.round(confidence * 1000) / 1000 };
}

/** Detects many short texts (one headline or caption each) with one shared declared language. */
export function detectLines(lines: readonly string[], options: DetectOptions = {}): Detection[] {
  return lines.map((line) => detectLanguage(line, options));
}
