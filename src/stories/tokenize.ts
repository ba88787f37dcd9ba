/**
 * Script-aware tokenizing for similarity. Latin, Cyrillic, Greek, Arabic and other spaced scripts
 * split on letters and digits; Chinese, Japanese, Thai, Lao, Khmer and Burmese have no spaces, so
 * they go through Intl.Segmenter, one short chunk at a time (the segmenter is slow on long text).
 */

/** Scripts written without spaces between words. */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
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

/** Removes accents so "Zelenskyy" in a Spanish text meets the same name in a German one. */
export function foldAccents(word: string): string {
  // Most words are ASCII: skip the (costly) decomposition for them.
  if (!NON_ASCII.test(word)) return word;
  return word.normalize('NFD').replace(/\p{M}+/gu, '');
}

const NON_ASCII = /[^\x00-\x7f]/;

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

/**
 * A crude, language-independent stem: the first six letters. Inflection in German, Polish,
 * Turkish or Russian mostly changes word ends, so truncation joins most forms of one word
 * without a stemmer per language. Unspaced-script words are kept whole.
 */
const STEM_LENGTH = 6;
const ASCII_WORD = /^[\x00-\x7f]+$/;

export function stem(word: string): string {
  if (ASCII_WORD.test(word)) {
    const bare = word.endsWith("'s") ? word.slice(0, -2) : word.endsWith("'") ? word.slice(0, -1) : word;
    return bare.length > STEM_LENGTH ? bare.slice(0, STEM_LENGTH) : bare;
  }
  if (UNSPACED.test(word)) return word;
  const folded = foldAccents(word).replace(/['’]s?$/u, '');
  const bare = /^\p{Script=Arabic}/u.test(folded) ? arabicLightStem(folded) : folded;
  return bare.length > STEM_LENGTH ? bare.slice(0, STEM_LENGTH) : bare;
}

/** Arabic writes the article and some conjunctions and prepositions joined to the next word. */
const ARABIC_PREFIX = /^(?:وال|بال|كال|فال|لل|ال|و|ف|ب|ل)(?=\p{L}{3})/u;
const ARABIC_SUFFIX = /(?:ها|هم|ات|ون|ين|ان|ية|ة|ه)$/u;

function arabicLightStem(word: string): string {
  const noPrefix = word.replace(ARABIC_PREFIX, '');
  return noPrefix.length > 4 ? noPrefix.replace(ARABIC_SUFFIX, '') : noPrefix;
}
