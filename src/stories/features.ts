/**
 * From an article to its Profile: which text to read (the English translation when there is one,
 * else the original), how much each part weighs (headline over body, lead over tail), and the
 * names and numbers that tie reports of one event together across languages.
 */

import { keyStem as stem } from '../text/stems.ts';
import { isStopWord } from '../text/stopwords.ts';
import type { Profile, StoryDoc } from './doc.ts';
import { extractEntities } from './entities.ts';
import { NAME_PREFIX, NUMBER_PREFIX } from './term-stats.ts';
import { hasUnspacedScript, tokenize } from './tokenize.ts';

/** Tuning of what a word is worth by where it stands. Kept together, explained here. */
export const WEIGHTS = {
  /** A headline word counts like this many body words: headlines name the event. */
  title: 4,
  /** Body weights fall from `lead` to `tail` over about `leadTokens` words: news puts facts first. */
  lead: 1.6,
  tail: 0.6,
  leadTokens: 50,
  /** Long bodies are cut here: the tail of a long piece is rarely about the event itself. */
  maxBodyChars: 12_000,
};

/** Whether a (lower-case) word of a `language` text counts as a term: not a number, not a function word. */
export function isTermWord(word: string, language = 'en'): boolean {
  const c = word.charCodeAt(0);
  // Fast path for the common case, a word starting with an ASCII letter.
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return word.length > 1 && !isStopWord(word, language);
  if (/^\p{N}+$/u.test(word)) return false; // numbers are their own feature
  if (hasUnspacedScript(word)) return !isStopWord(word, language);
  return word.length > 1 && !isStopWord(word, language);
}

function addTerms(into: Map<string, number>, text: string, language: string, weight: (i: number) => number): void {
  let i = 0;
  for (const word of tokenize(text, language)) {
    if (!isTermWord(word, language)) continue;
    const key = stem(word);
    into.set(key, (into.get(key) ?? 0) + weight(i));
    i++;
  }
}

function addAll(into: Map<string, number>, prefix: string, keys: string[], weight: number): void {
  for (const key of keys) {
    const k = prefix + key;
    into.set(k, (into.get(k) ?? 0) + weight);
  }
}

/** Splits a title off the first line of a text that has none (SemEval pairs, pasted text). */
export function splitTitle(raw: string): { title: string; body: string } {
  const text = raw.trimStart();
  const newline = text.indexOf('\n');
  if (newline > 0 && newline < 400) return { title: text.slice(0, newline).trim(), body: text.slice(newline + 1) };
  const gap = text.indexOf('  ');
  if (gap > 0 && gap < 300) return { title: text.slice(0, gap).trim(), body: text.slice(gap + 2) };
  return { title: '', body: text };
}

export function publishedMs(published: string | undefined): number | undefined {
  if (!published) return undefined;
  const t = Date.parse(published);
  return Number.isFinite(t) ? t : undefined;
}

export function profileOf(doc: StoryDoc): Profile {
  const useEnglish = Boolean(doc.english && (doc.english.title || doc.english.text));
  const title = useEnglish ? (doc.english?.title ?? '') : doc.title;
  const body = (useEnglish ? (doc.english?.text ?? '') : doc.text).slice(0, WEIGHTS.maxBodyChars);
  const language = useEnglish ? 'en' : doc.language;
  const terms = new Map<string, number>();
  addTerms(terms, title, language, () => WEIGHTS.title);
  const { lead, tail, leadTokens } = WEIGHTS;
  addTerms(terms, body, language, (i) => tail + (lead - tail) * Math.exp(-i / leadTokens));

  const names = new Map<string, number>();
  const numbers = new Map<string, number>();
  const titleEntities = extractEntities(title, language);
  const bodyEntities = extractEntities(body, language);
  addAll(names, NAME_PREFIX, titleEntities.names, 2);
  addAll(names, NAME_PREFIX, bodyEntities.names, 1);
  addAll(numbers, NUMBER_PREFIX, [...titleEntities.numbers, ...bodyEntities.numbers], 1);
  if (useEnglish) {
    // Names and numbers of the original survive translation mistakes ("Weikov" for "Witkoff").
    const original = extractEntities(`${doc.title}\n${doc.text.slice(0, WEIGHTS.maxBodyChars)}`, doc.language);
    addAll(names, NAME_PREFIX, original.names, 0.5);
    addAll(numbers, NUMBER_PREFIX, original.numbers, 0.5);
  }
  const time = publishedMs(doc.published);
  return { terms, names, numbers, language, ...(time !== undefined ? { time } : {}) };
}
