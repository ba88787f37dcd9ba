/**
 * The text of an article the reader sees (English when translated), and the way back from stems
 * and normalized names to words a reader recognises: lists shown to people use surface forms.
 */

import { keyStem as stem } from '../text/stems.ts';
import type { StoryDoc } from './doc.ts';
import { extractEntities, normalizeName } from './entities.ts';
import { isTermWord } from './features.ts';
import { NAME_PREFIX } from './term-stats.ts';
import { tokenize } from './tokenize.ts';

export function readerText(doc: StoryDoc): { title: string; text: string; language: string } {
  if (doc.english && (doc.english.title || doc.english.text)) {
    return { title: doc.english.title, text: doc.english.text, language: 'en' };
  }
  return { title: doc.title, text: doc.text, language: doc.language };
}

/** Counts of display words (stem key → count) and names (`n:` key → count) in one article. */
export interface SurfaceCounts {
  words: Map<string, number>;
  names: Map<string, number>;
}

/** Remembers, for each key, the form it was most often written in. */
export class SurfaceForms {
  private readonly forms = new Map<string, Map<string, number>>();

  note(key: string, form: string): void {
    let m = this.forms.get(key);
    if (!m) {
      m = new Map();
      this.forms.set(key, m);
    }
    m.set(form, (m.get(form) ?? 0) + 1);
  }

  display(key: string): string {
    const m = this.forms.get(key);
    if (!m) return key.startsWith(NAME_PREFIX) ? key.slice(NAME_PREFIX.length) : key;
    let best = '';
    let n = -1;
    for (const [form, count] of m) {
      if (count > n) {
        best = form;
        n = count;
      }
    }
    return best;
  }
}

/** Words and full names of an article, as counts, noting surface forms in `forms`. */
export function surfaceCounts(doc: StoryDoc, forms: SurfaceForms): SurfaceCounts {
  const { title, text, language } = readerText(doc);
  const words = new Map<string, number>();
  const names = new Map<string, number>();
  const all = `${title}\n${text}`;
  const entities = extractEntities(all, language);
  // A word that is (part of) a name is counted as the name only: "NATO" once, not also "nato".
  const nameWords = new Set(entities.surface.flatMap((p) => p.toLowerCase().split(' ')));
  for (const word of tokenize(all, language)) {
    if (!isTermWord(word, language) || word.length < 3 || nameWords.has(word)) continue;
    const key = stem(word);
    words.set(key, (words.get(key) ?? 0) + 1);
    forms.note(key, word);
  }
  for (const phrase of entities.surface) {
    const key = NAME_PREFIX + normalizeName(phrase);
    // Count mentions, not just presence: a name repeated is a name stressed.
    const mentions = all.split(phrase).length - 1;
    names.set(key, (names.get(key) ?? 0) + Math.max(1, mentions));
    forms.note(key, phrase);
  }
  return { words, names };
}
