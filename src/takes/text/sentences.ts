/**
 * English sentence splitting for news text. A boundary is `.`, `!` or `?` (possibly followed by
 * closing quotes or brackets), then white space, then something that can start a sentence. The
 * exceptions are what news copy is full of: titles (`Mr.`, `Gen.`), initials (`J. Smith`),
 * dotted acronyms (`U.S.`), and decimals (`3.5`, which never has a space after the dot).
 */

/** Words that end with a dot without ending the sentence. Lower case, without the dot. */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'sr',
  'jr',
  'st',
  'mt',
  'gen',
  'lt',
  'col',
  'maj',
  'capt',
  'cmdr',
  'adm',
  'sgt',
  'sen',
  'rep',
  'gov',
  'pres',
  'rev',
  'hon',
  'amb',
  'supt',
  'inc',
  'ltd',
  'co',
  'corp',
  'bros',
  'plc',
  'no',
  'nos',
  'vs',
  'v',
  'etc',
  'approx',
  'est',
  'dept',
  'univ',
  'fig',
  'vol',
  'ed',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thur',
  'thurs',
  'fri',
  'sat',
  'sun',
  'ave',
  'blvd',
  'rd',
  'ft',
  'al',
]);

/**
 * After a dotted acronym (`U.S.`, `a.m.`) a sentence may or may not end. These words almost
 * always start a new sentence, so a boundary is assumed when one follows.
 */
const SENTENCE_STARTERS = new Set([
  'the',
  'a',
  'an',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'in',
  'on',
  'at',
  'but',
  'and',
  'this',
  'that',
  'these',
  'those',
  'there',
  'his',
  'her',
  'their',
  'its',
  'our',
  'however',
  'meanwhile',
  'after',
  'before',
  'when',
  'while',
  'if',
  'as',
]);

const CLOSERS = new Set(['"', "'", '”', '’', ')', ']', '»']);
const OPENERS = new Set(['"', "'", '“', '‘', '(', '[', '«']);

/** Splits text into sentences; paragraphs (blank or single line breaks) always end a sentence. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const paragraph of text.split(/\r?\n+/)) {
    const p = paragraph.replace(/\s+/g, ' ').trim();
    if (p) splitParagraph(p, out);
  }
  return out;
}

function splitParagraph(p: string, out: string[]): void {
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    const ch = p[i]!;
    if (ch !== '.' && ch !== '!' && ch !== '?' && ch !== '…') continue;
    // Take the whole run of terminal punctuation and closing quotes/brackets.
    let end = i + 1;
    while (end < p.length && (p[end] === '.' || p[end] === '!' || p[end] === '?' || CLOSERS.has(p[end]!))) end++;
    if (end >= p.length) break;
    if (p[end] !== ' ') {
      i = end - 1;
      continue;
    }
    const next = nextWordAfter(p, end + 1);
    if (next && isBoundary(p, start, i, ch, next)) {
      pushSentence(out, p.slice(start, end));
      start = end + 1;
    }
    i = end - 1;
  }
  pushSentence(out, p.slice(start));
}

function nextWordAfter(p: string, from: number): string | undefined {
  let j = from;
  while (j < p.length && OPENERS.has(p[j]!)) j++;
  const m = /^[^\s]+/.exec(p.slice(j, j + 40));
  if (!m) return undefined;
  return OPENERS.has(p[from]!) ? `“${m[0]}` : m[0];
}

function isBoundary(p: string, start: number, dot: number, mark: string, next: string): boolean {
  const quoted = next.startsWith('“');
  const word = quoted ? next.slice(1) : next;
  const first = word[0] ?? '';
  // A sentence starts with a capital, a digit or an opening quote; a lower-case word after a dot
  // means the dot was an abbreviation (`approx. two`) or a mid-sentence ellipsis.
  if (!quoted && !/[\p{Lu}\p{N}]/u.test(first)) return false;
  if (mark !== '.') return true;
  const before = /([\p{L}.]+)$/u.exec(p.slice(start, dot))?.[1] ?? '';
  const bare = before.replace(/\.+$/, '');
  if (ABBREVIATIONS.has(bare.toLowerCase())) {
    // `No. 10` and `Gen. Smith` continue; `in Dec. The` is rare enough to accept a merged sentence.
    return false;
  }
  // An initial: `J. Smith`, `George W. Bush`.
  if (/^\p{Lu}$/u.test(bare)) return false;
  // A dotted acronym (`U.S.`, `a.m.`): a boundary only if the next word usually starts sentences.
  if (bare.includes('.')) return SENTENCE_STARTERS.has(word.toLowerCase().replace(/[^\p{L}]/gu, ''));
  return true;
}

function pushSentence(out: string[], s: string): void {
  const t = s.trim();
  if (t) out.push(t);
}
