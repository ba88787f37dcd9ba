/**
 * One person, one spelling across a story. Machine translation renders a foreign name in several
 * ways ("Weikov" and "Witkoff" for the same envoy). Within a story's English texts, two surnames
 * are taken as one person when they sound alike (same first letter, consonant skeletons at most one
 * edit apart, or spelled almost alike) AND share context: the same first name, or the same title
 * word just before them ("envoy", "minister"). The spelling used by the story's English-language
 * outlets wins; the others become glossary suggestions for the translation stage.
 */

import { foldAccents } from '../text/stems.ts';
import { ENGLISH_STOP_WORDS } from '../text/stopwords.ts';
import { groupBy } from '../util/group-by.ts';
import type { StoryDoc } from './doc.ts';
import { extractEntities } from './entities.ts';
import { NOT_NAMES } from './stopwords.ts';
import { UnionFind } from './union-find.ts';

export interface GlossarySuggestion {
  variant: string;
  canonical: string;
  /** Articles whose English text writes `variant`. */
  articleIds: Array<string | number>;
}

interface Usage {
  surname: string;
  mentions: number;
  /** Mentions in articles written in English (not translated). */
  englishMentions: number;
  firstNames: Set<string>;
  titles: Set<string>;
  articleIds: Set<string | number>;
}

export function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/**
 * A consonant skeleton that sounds survive: first letter kept, vowels and h/w/y dropped after it,
 * letters that transliterations swap merged (v/f/w, c/k/q/ck, z/s, j/y/g soft…), doubles collapsed.
 */
export function phoneticKey(name: string): string {
  const s = foldAccents(name.toLowerCase())
    .replace(/[^a-z]/g, '')
    .replace(/ph/g, 'f')
    .replace(/ck|q|c(?=[aou]|$)/g, 'k')
    .replace(/c/g, 's')
    .replace(/[vw]/g, 'f')
    .replace(/z/g, 's')
    .replace(/x/g, 'ks')
    .replace(/dj|j/g, 'y')
    .replace(/tz|ts/g, 's')
    .replace(/d(?=$)/, 't');
  if (s === '') return '';
  const rest = s
    .slice(1)
    .replace(/[aeiouyh]/g, '')
    .replace(/(.)\1+/g, '$1');
  return (s[0] ?? '') + rest;
}

const TITLE_WORDS = new Set(
  `president envoy minister secretary chancellor senator governor spokesman spokeswoman spokesperson ambassador
general prime premier leader chief director chairman king queen prince mayor judge commander official adviser advisor
special negotiator representative pope foreign defence defense finance mr mrs ms dr`.split(/\s+/),
);

function sameFirstLetter(a: string, b: string): boolean {
  return foldAccents(a[0] ?? '').toLowerCase() === foldAccents(b[0] ?? '').toLowerCase();
}

/** Whether two surnames are likely renderings of one name (before any context). */
export function soundAlike(a: string, b: string): boolean {
  if (a === b || !sameFirstLetter(a, b)) return false;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  const spelled = 1 - levenshtein(la, lb) / Math.max(la.length, lb.length);
  if (spelled >= 0.75) return true;
  const ka = phoneticKey(a);
  const kb = phoneticKey(b);
  return ka.length >= 3 && kb.length >= 3 && levenshtein(ka, kb) <= 1 && spelled >= 0.4;
}

function isEnglishOriginal(doc: StoryDoc): boolean {
  return doc.language.toLowerCase().startsWith('en');
}

/** The surnames of an article's English text, with their first names and preceding titles. */
function collect(doc: StoryDoc, usages: Map<string, Usage>): void {
  const english = doc.english?.text || doc.english?.title ? doc.english : isEnglishOriginal(doc) ? doc : undefined;
  if (!english) return;
  const text = `${english.title}\n${english.text}`;
  for (const phrase of extractEntities(text, 'en').surface) {
    const parts = phrase.split(' ').filter((p) => /^\p{Lu}\p{Ll}/u.test(p));
    const surname = parts[parts.length - 1];
    if (!surname || surname.length < 4 || NOT_NAMES.has(surname.toLowerCase())) continue;
    if (ENGLISH_STOP_WORDS.has(surname.toLowerCase()) || TITLE_WORDS.has(surname.toLowerCase())) continue;
    const firstName = parts.length >= 2 ? parts[parts.length - 2] : undefined;
    const u = usages.get(surname) ?? {
      surname,
      mentions: 0,
      englishMentions: 0,
      firstNames: new Set<string>(),
      titles: new Set<string>(),
      articleIds: new Set<string | number>(),
    };
    if (firstName && !TITLE_WORDS.has(firstName.toLowerCase())) u.firstNames.add(firstName);
    for (const p of parts.slice(0, -1)) if (TITLE_WORDS.has(p.toLowerCase())) u.titles.add(p.toLowerCase());
    // Title words written before the name in lower case: "the US envoy Weikov".
    const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const before = new RegExp(`((?:\\p{L}+\\s+){0,3})${escaped}`, 'gu');
    let count = 0;
    for (const m of text.matchAll(before)) {
      count++;
      for (const w of (m[1] ?? '').toLowerCase().split(/\s+/)) if (TITLE_WORDS.has(w)) u.titles.add(w);
    }
    u.mentions += Math.max(1, count);
    if (isEnglishOriginal(doc)) u.englishMentions += Math.max(1, count);
    u.articleIds.add(doc.id);
    usages.set(surname, u);
  }
}

function shareContext(a: Usage, b: Usage): boolean {
  for (const f of a.firstNames) if (b.firstNames.has(f)) return true;
  for (const t of a.titles) if (b.titles.has(t)) return true;
  return false;
}

/** Variant spellings of one person's name across a story, with the spelling to use instead. */
export function nameVariants(articles: StoryDoc[]): GlossarySuggestion[] {
  const usages = new Map<string, Usage>();
  for (const doc of articles) collect(doc, usages);
  const list = [...usages.values()];
  // Surnames that sound alike and share context end up in one set.
  const sets = new UnionFind();
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i] as Usage;
      const b = list[j] as Usage;
      if (soundAlike(a.surname, b.surname) && shareContext(a, b)) sets.union(a.surname, b.surname);
    }
  }
  const groups = groupBy(list, (u) => sets.find(u.surname));
  const out: GlossarySuggestion[] = [];
  for (const members of groups.values()) {
    if (members.length < 2) continue;
    const canonical = [...members].sort(
      (a, b) => b.englishMentions - a.englishMentions || b.mentions - a.mentions || a.surname.localeCompare(b.surname),
    )[0] as Usage;
    for (const u of members) {
      if (u === canonical) continue;
      out.push({ variant: u.surname, canonical: canonical.surname, articleIds: [...u.articleIds] });
    }
  }
  return out.sort((a, b) => a.canonical.localeCompare(b.canonical) || a.variant.localeCompare(b.variant));
}
