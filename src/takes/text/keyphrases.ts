import nlp from 'compromise';
import { ENGLISH_STOP_WORDS as STOP_WORDS } from '../../text/stopwords.ts';
import { termOf } from './terms.ts';

/**
 * Section headings from key phrases. A candidate is a run of one to three content words (or
 * `X of Y` / `X in Y`) inside one clause of a sentence. Each group of sentences is titled with the
 * phrase that is frequent in that group and rare in the others (class-based TF-IDF), read as a
 * noun phrase, and Title Cased: "Ceasefire Talks in Cairo".
 */

/** Content words that make poor headings on their own. */
const HEADING_STOP = new Set(
  `said says saying told reported reports report added statement week weeks month months year years day days
  today yesterday tomorrow monday tuesday wednesday thursday friday saturday sunday time times people
  percent per cent thing things way part number lot including include includes first last next
  former latest according news inc corp ltd llc plc co company january february march april may june july
  august september october november december`.split(/\s+/),
);
const LINKS = new Set(['of', 'in', 'for', 'on']);
/** Particles of foreign names (`Metropolitano de Lisboa`) that cannot begin or end a heading. */
const PARTICLES = new Set([
  'de',
  'da',
  'do',
  'du',
  'des',
  'del',
  'la',
  'le',
  'el',
  'van',
  'von',
  'der',
  'den',
  'di',
  'al',
  'y',
]);
const SMALL_WORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'in', 'for', 'on', 'at', 'to', 'by', 'with']);

interface Phrase {
  key: string;
  words: string[];
}

/** Candidate phrases of one sentence, each once. */
export function phrasesOf(sentence: string): Phrase[] {
  const found = new Map<string, Phrase>();
  let first = true;
  for (const clause of sentence.split(/[,;:()"“”‘’—–!?]|\s-\s|\.(?:\s|$)/)) {
    const ws = clause.match(/[\p{L}\p{N}]+(?:['’.-][\p{L}\p{N}]+)*/gu) ?? [];
    // A capital that only marks the start of the sentence is not a name ("Freight rates rose").
    if (first && ws.length > 0) {
      if (/^\p{Lu}\p{Ll}+$/u.test(ws[0]!)) ws[0] = ws[0]!.toLowerCase();
      first = false;
    }
    for (let i = 0; i < ws.length; i++) {
      for (let n = 1; n <= 3 && i + n <= ws.length; n++) {
        const span = ws.slice(i, i + n);
        if (!isCandidate(span)) continue;
        const key = span.map((w) => termOf(w) ?? w.toLowerCase()).join(' ');
        if (!found.has(key)) found.set(key, { key, words: span });
      }
    }
  }
  return [...found.values()];
}

function isCandidate(span: string[]): boolean {
  const content = (w: string) => {
    const t = termOf(w);
    return t !== undefined && !HEADING_STOP.has(w.toLowerCase()) && !/^\d/.test(w) && w.length > 1;
  };
  if (PARTICLES.has(span[0]!.toLowerCase()) || PARTICLES.has(span[span.length - 1]!.toLowerCase())) return false;
  if (span.length === 3 && LINKS.has(span[1]!.toLowerCase())) return content(span[0]!) && content(span[2]!);
  return span.every(content);
}

export interface GroupPhrases {
  /** For each phrase key: the sentences (indices into the group) and articles that use it. */
  sentences: Map<string, number>;
  articles: Map<string, Set<string>>;
  surface: Map<string, Map<string, number>>;
}

/** Counts candidate phrases of one group of sentences. */
export function countPhrases(group: ReadonlyArray<{ text: string; articleId: string }>): GroupPhrases {
  const counts: GroupPhrases = { sentences: new Map(), articles: new Map(), surface: new Map() };
  for (const s of group) {
    for (const p of phrasesOf(s.text)) {
      counts.sentences.set(p.key, (counts.sentences.get(p.key) ?? 0) + 1);
      let arts = counts.articles.get(p.key);
      if (!arts) {
        arts = new Set();
        counts.articles.set(p.key, arts);
      }
      arts.add(s.articleId);
      let forms = counts.surface.get(p.key);
      if (!forms) {
        forms = new Map();
        counts.surface.set(p.key, forms);
      }
      const form = p.words.join(' ');
      forms.set(form, (forms.get(form) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * One heading per group, distinct from each other. `groups[i]` are the counted phrases of group i,
 * `sizes[i]` its number of sentences, `shown[i]` the sentences the section shows: the heading is
 * taken from phrases those use, so it describes what the reader sees.
 */
export function headings(
  groups: readonly GroupPhrases[],
  sizes: readonly number[],
  shown: ReadonlyArray<readonly string[]>,
): string[] {
  const totalSentences = new Map<string, number>();
  for (const g of groups) for (const [k, n] of g.sentences) totalSentences.set(k, (totalSentences.get(k) ?? 0) + n);
  const sentenceCount = sizes.reduce((a, n) => a + n, 0);
  const used = new Set<string>();
  return groups.map((g, index) => {
    const inShown = new Set((shown[index] ?? []).flatMap((text) => phrasesOf(text).map((p) => p.key)));
    const ranked = [...g.sentences.keys()]
      .filter((key) => inShown.size === 0 || inShown.has(key))
      .map((key) => ({ key, score: phraseScore(g, key, totalSentences.get(key) ?? 1, sentenceCount) }))
      .sort((a, b) => b.score - a.score || a.key.localeCompare(b.key))
      .slice(0, 30);
    // Tagging is the costly part: test candidates in rank order and stop at the first that reads well.
    const usable = (c: { key: string }) => !overlapsUsed(c.key, used) && readsAsNounPhrase(surfaceOf(g, c.key));
    let best = ranked.find(usable);
    if (!best) return `Aspect ${index + 1}`;
    // A single word is a thin title: prefer a longer phrase around it (`Seng` → `Hang Seng`) ...
    if (!best.key.includes(' ')) {
      const word = best.key;
      const around = ranked.find(
        (c) => c.key.split(' ').includes(word) && c.key !== word && c.score >= best!.score * 0.4 && usable(c),
      );
      if (around) best = around;
    }
    used.add(best.key);
    let heading = surfaceOf(g, best.key);
    // ... or join a second distinct name or phrase (`Airbus and A380`).
    if (!best.key.includes(' ')) {
      const first = best;
      const second = ranked.find(
        (c) =>
          c.key !== first.key &&
          !shareWord(c.key, first.key) &&
          c.score >= first.score * 0.5 &&
          // A name pairs with a name (`Basel and Rotterdam`); a common word with a phrase or a name.
          (/^\p{Lu}/u.test(surfaceOf(g, c.key)) || (!/^\p{Lu}/u.test(heading) && c.key.includes(' '))) &&
          usable(c),
      );
      if (second) {
        used.add(second.key);
        heading = `${heading} and ${surfaceOf(g, second.key)}`;
      }
    }
    return titleCase(heading);
  });
}

function phraseScore(g: GroupPhrases, key: string, totalSentences: number, sentenceCount: number): number {
  const inGroup = g.sentences.get(key) ?? 0;
  const articles = g.articles.get(key)?.size ?? 0;
  const distinctiveness = Math.log(1 + sentenceCount / totalSentences);
  const n = key.split(' ').length;
  const lengthBonus = n === 1 ? 1 : n === 2 ? 1.6 : 1.4;
  // A phrase seen once says little about a group; several articles saying it says more.
  const support = inGroup + articles - (inGroup === 1 ? 0.5 : 0);
  return support * distinctiveness * lengthBonus;
}

function surfaceOf(g: GroupPhrases, key: string): string {
  const forms = g.surface.get(key);
  if (!forms) return key;
  // The most frequent written form; ties go to the capitalised one (names keep their case).
  return [...forms.entries()].sort((a, b) => b[1] - a[1] || (/^\p{Lu}/u.test(a[0]) ? -1 : 1))[0]![0];
}

function overlapsUsed(key: string, used: Set<string>): boolean {
  for (const u of used) if (u === key || u.includes(key) || key.includes(u)) return true;
  return false;
}

function shareWord(a: string, b: string): boolean {
  const wa = new Set(a.split(' '));
  return b.split(' ').some((w) => wa.has(w) && !STOP_WORDS.has(w));
}

const nounPhraseCache = new Map<string, boolean>();

/** True when the phrase ends in a noun and does not start with a verb ("Ceasefire Talks", not "Agreed To"). */
function readsAsNounPhrase(phrase: string): boolean {
  // A run of capitalised words is a name ("Hang Seng", "Kaub"): no tagging needed.
  if (phrase.split(' ').every((w) => /^[\p{Lu}\p{N}]/u.test(w))) return true;
  let ok = nounPhraseCache.get(phrase);
  if (ok === undefined) {
    const doc = nlp(phrase);
    ok = doc.has('#Noun$') && !doc.has('^(#Verb|#Adverb)') && !doc.has('#Pronoun');
    if (nounPhraseCache.size > 10_000) nounPhraseCache.clear();
    nounPhraseCache.set(phrase, ok);
  }
  return ok;
}

/** Title Case that leaves acronyms and small joining words alone. */
export function titleCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((w, i) => {
      if (i > 0 && SMALL_WORDS.has(w.toLowerCase())) return w.toLowerCase();
      if (/\p{Lu}.*\p{Lu}/u.test(w) || /\d/.test(w)) return w;
      return w.charAt(0).toUpperCase() + w.slice(1);
    })
    .join(' ');
}
