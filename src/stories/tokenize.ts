/**
 * Script-aware tokenizing for similarity. Latin, Cyrillic, Greek, Arabic and other spaced scripts
 * split on letters and digits; Chinese, Japanese, Thai, Lao, Khmer and Burmese have no spaces, so
 * they go through Intl.Segmenter, one short chunk at a time (the segmenter is slow on long text).
 */
import { UNSPACED } from '../text/scripts.ts';

const HAN = /\p{Script=Han}/u;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’]*/gu;
/** Intl.Segmenter cost grows faster than linearly with input length: cut long runs first. */
const SEGMENT_CHUNK = 400;

const segmenters = new Map<string, Intl.Segmenter>();
function segmenterFor(language: string): Intl.Segmenter {
  let s = segmenters.get(language);
  if (!s) {
    s = new Intl.Segmenter(language || 'und', { granularity: 'word' });
    segmenters.set(language, s);
  }
  return s;
}

/** The segmenter locale for a text: the article's language when it names an unspaced script. */
function segmenterLocale(language: string, sample: string): string {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  if (['zh', 'ja', 'th', 'lo', 'km', 'my'].includes(primary)) return language;
  // An English article quoting Chinese: guess from the characters themselves.
  if (/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(sample)) return 'ja';
  if (HAN.test(sample)) return 'zh';
  if (/\p{Script=Thai}/u.test(sample)) return 'th';
  return 'und';
}

/** Splits at sentence ends so each piece stays short; pieces never cut through a word. */
function chunks(text: string, size: number): string[] {
  if (text.length <= size) return [text];
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = Math.max(
        window.lastIndexOf('。'),
        window.lastIndexOf('，'),
        window.lastIndexOf(' '),
        window.lastIndexOf('、'),
      );
      if (cut > size / 4) end = start + cut + 1;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

/** Lower-cases and folds compatibility forms (full-width digits, ligatures). */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Words of `text` in reading order, lower-cased. Unspaced scripts yield segmenter words; Han
 * characters also yield their bigrams, which survive segmentation differences between texts.
 */
export function tokenize(text: string, language = 'und'): string[] {
  const normalized = normalizeText(text);
  if (!UNSPACED.test(normalized)) return normalized.match(WORD) ?? [];
  const out: string[] = [];
  for (const paragraph of normalized.split(/\n+/)) {
    if (!UNSPACED.test(paragraph)) {
      for (const w of paragraph.match(WORD) ?? []) out.push(w);
      continue;
    }
    const segmenter = segmenterFor(segmenterLocale(language, paragraph));
    for (const piece of chunks(paragraph, SEGMENT_CHUNK)) {
      for (const seg of segmenter.segment(piece)) {
        if (seg.isWordLike) out.push(seg.segment);
      }
    }
  }
  return out;
}

export function hasUnspacedScript(word: string): boolean {
  return UNSPACED.test(word);
}
