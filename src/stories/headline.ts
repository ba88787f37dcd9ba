/**
 * A story's title is one article's headline, and a headline is only the headline. Pages whose
 * title element or h1 runs on into the body ("…, polls say WASHINGTON – President Donald Trump
 * would beat…") are cut where the body starts: at a dateline, where the headline's own name
 * comes back to start the lead, at a sentence-case headline's end, or at a word boundary past the
 * longest a headline runs. Each rule keeps at least `MIN_HEADLINE_CHARS`.
 */

import { ALL_STOP_WORDS } from '../text/stopwords.ts';

/** Longest title shown; longer ones end at the last whole word before it, with an ellipsis. */
export const MAX_HEADLINE_CHARS = 110;
/** The same for Chinese and Japanese, which say as much in far fewer characters. */
const MAX_CJK_HEADLINE_CHARS = 40;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu;
/** No rule cuts a headline shorter than this: short titles are rarely run-ons. */
const MIN_HEADLINE_CHARS = 25;

/**
 * Where a body starts inside a run-on headline: a dateline — a place in capitals, optionally a
 * region and an agency in brackets, then a dash or colon ("WASHINGTON –", "COLUMBIA CITY, Ind. —",
 * "BERLIN (Reuters) -", "BERLIN:", "Berlin –") — or an agency credit ("(CNN) On Friday").
 */
const DATELINES = [
  /\s[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){0,3}(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?(?:\s*\([^)]{1,30}\))?\s*(?:[–—-]{1,2}|:)\s/u,
  /\s\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?(?:\s*\([^)]{1,30}\))?\s[–—]\s/u,
  /\s[A-Z]{3,}(?:\s[A-Z]{3,})*\s\([A-Za-z]{2,}\)/u,
  /\s\((?:CNN|AP|AFP|Reuters|REUTERS|dpa|DPA|ANSA|EFE|Xinhua|TASS|BBC|ANI|UPI|[A-Z]{3,5}-TV)\)(?:\s|$)/u,
];

const CAPITALISED = /^["“‘'(]?\p{Lu}/u;
const ENDS_LOWER = /\p{Ll}[,’'"”]?$/u;

/** Languages that capitalise every noun: a capital there does not start a sentence. */
const NOUNS_CAPITALISED = new Set(['de', 'lb', 'gsw']);

/** The headline of a title (in `language`) that may run on into the body. */
export function headlineOf(raw: string, language = 'en', max = MAX_HEADLINE_CHARS): string {
  let title = raw.replace(/\s+/g, ' ').trim();
  for (const dateline of DATELINES) {
    const at = title.search(dateline);
    if (at >= MIN_HEADLINE_CHARS) title = title.slice(0, at);
  }
  title = beforeRepeat(title, language);
  const primary = language.toLowerCase().split('-')[0] ?? '';
  if (!NOUNS_CAPITALISED.has(primary) && isSentenceCase(title)) title = beforeNewSentence(title);
  const cjk = (title.match(CJK) ?? []).length > title.length / 3;
  if (cjk) {
    const stop = title.indexOf('。');
    if (stop >= 8) title = title.slice(0, stop);
  }
  return cut(title.replace(/[\s,;:–—-]+$/u, ''), cjk ? Math.min(max, MAX_CJK_HEADLINE_CHARS) : max);
}

/** Most words after the first in lower case: the case of most headlines outside the US. */
function isSentenceCase(title: string): boolean {
  const words = title.split(' ').slice(1, 9);
  const capitalised = words.filter((w) => CAPITALISED.test(w)).length;
  return words.length >= 3 && capitalised <= words.length / 2;
}

/**
 * The same headline said twice (page title, then h1), or the headline's opening name back at the
 * start of the lead ("Scandella traded to Blues … picks Marco Scandella was traded"): the body
 * starts at the run of capitalised words that brings it back.
 */
function beforeRepeat(title: string, language: string): string {
  const words = title.split(' ');
  if (words.length < 6) return title;
  const opening = words.slice(0, 2).join(' ');
  const again = title.indexOf(` ${opening}`, MIN_HEADLINE_CHARS - 1);
  if (again > 0) return title.slice(0, again);
  if (!isSentenceCase(title) || NOUNS_CAPITALISED.has(language.toLowerCase().split('-')[0] ?? '')) return title;
  const names = new Set(
    words
      .slice(0, 5)
      .map((w) => w.replace(/['’]s$|[^\p{L}\p{N}]+/gu, ''))
      .filter((w) => w.length >= 4 && /^\p{Lu}/u.test(w)),
  );
  let offset = 0;
  for (let i = 0; i < words.length; i++) {
    const word = words[i] ?? '';
    const bare = word.replace(/['’]s$|[^\p{L}\p{N}]+/gu, '');
    if (i >= 5 && offset >= MIN_HEADLINE_CHARS && names.has(bare)) {
      let start = i;
      while (start > 5 && CAPITALISED.test(words[start - 1] ?? '')) start--;
      const before = words.slice(0, start).join(' ');
      if (before.length >= MIN_HEADLINE_CHARS) return before;
    }
    offset += word.length + 1;
  }
  return title;
}

/**
 * In a sentence-case headline, two capitalised words after a lower-case word start the lead,
 * unless that word is a function word ("… de Harry Potter", "… of New York").
 */
function beforeNewSentence(title: string): string {
  const words = title.split(' ');
  for (let i = 1; i + 1 < words.length; i++) {
    const before = words.slice(0, i).join(' ');
    if (before.length < MIN_HEADLINE_CHARS) continue;
    const previous = words[i - 1] ?? '';
    if (ALL_STOP_WORDS.has(previous.toLowerCase())) continue;
    if (ENDS_LOWER.test(previous) && CAPITALISED.test(words[i] ?? '') && CAPITALISED.test(words[i + 1] ?? ''))
      return before;
  }
  return title;
}

/** At most `max` characters, cut after a whole word, with an ellipsis when anything was cut. */
function cut(title: string, max: number): string {
  if (title.length <= max) return title;
  const room = [...title].slice(0, max - 1).join('');
  const space = room.lastIndexOf(' ');
  const kept = (space > max / 2 ? room.slice(0, space) : room).replace(/[\s,;:–—-]+$/u, '');
  return `${kept}…`;
}
