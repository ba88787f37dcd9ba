/**
 * Writing systems, counted letter by letter. Many languages are settled by their script alone
 * (Hangul is Korean, Georgian is Georgian), and the others need to know which script to look in.
 */

export type Script =
  | 'Latin'
  | 'Cyrillic'
  | 'Greek'
  | 'Armenian'
  | 'Georgian'
  | 'Hebrew'
  | 'Arabic'
  | 'Thaana'
  | 'Devanagari'
  | 'Bengali'
  | 'Gurmukhi'
  | 'Gujarati'
  | 'Oriya'
  | 'Tamil'
  | 'Telugu'
  | 'Kannada'
  | 'Malayalam'
  | 'Sinhala'
  | 'Thai'
  | 'Lao'
  | 'Tibetan'
  | 'Myanmar'
  | 'Khmer'
  | 'Ethiopic'
  | 'Hangul'
  | 'Kana'
  | 'Han';

/** [first code point, last code point, script], sorted by first code point. Letters only. */
const RANGES: ReadonlyArray<readonly [number, number, Script]> = [
  [0x0041, 0x005a, 'Latin'],
  [0x0061, 0x007a, 'Latin'],
  [0x00c0, 0x00d6, 'Latin'],
  [0x00d8, 0x00f6, 'Latin'],
  [0x00f8, 0x024f, 'Latin'],
  [0x0370, 0x03ff, 'Greek'],
  [0x0400, 0x052f, 'Cyrillic'],
  [0x0531, 0x058f, 'Armenian'],
  [0x05d0, 0x05f4, 'Hebrew'],
  [0x0620, 0x064a, 'Arabic'],
  [0x066e, 0x06d5, 'Arabic'],
  [0x06ee, 0x06ff, 'Arabic'],
  [0x0750, 0x077f, 'Arabic'],
  [0x0780, 0x07bf, 'Thaana'],
  [0x08a0, 0x08ff, 'Arabic'],
  [0x0900, 0x0963, 'Devanagari'],
  [0x0966, 0x097f, 'Devanagari'],
  [0x0980, 0x09ff, 'Bengali'],
  [0x0a00, 0x0a7f, 'Gurmukhi'],
  [0x0a80, 0x0aff, 'Gujarati'],
  [0x0b00, 0x0b7f, 'Oriya'],
  [0x0b80, 0x0bff, 'Tamil'],
  [0x0c00, 0x0c7f, 'Telugu'],
  [0x0c80, 0x0cff, 'Kannada'],
  [0x0d00, 0x0d7f, 'Malayalam'],
  [0x0d80, 0x0dff, 'Sinhala'],
  [0x0e00, 0x0e7f, 'Thai'],
  [0x0e80, 0x0eff, 'Lao'],
  [0x0f00, 0x0fff, 'Tibetan'],
  [0x1000, 0x109f, 'Myanmar'],
  [0x10a0, 0x10ff, 'Georgian'],
  [0x1100, 0x11ff, 'Hangul'],
  [0x1200, 0x139f, 'Ethiopic'],
  [0x1780, 0x17ff, 'Khmer'],
  [0x1c90, 0x1cbf, 'Georgian'],
  [0x1e00, 0x1eff, 'Latin'],
  [0x1f00, 0x1fff, 'Greek'],
  // 30FB (katakana middle dot) is also used between foreign names in Chinese: not evidence.
  [0x3041, 0x30fa, 'Kana'],
  [0x30fc, 0x30ff, 'Kana'],
  [0x3130, 0x318f, 'Hangul'],
  [0x31f0, 0x31ff, 'Kana'],
  [0x3400, 0x4dbf, 'Han'],
  [0x4e00, 0x9fff, 'Han'],
  [0xac00, 0xd7af, 'Hangul'],
  [0xf900, 0xfaff, 'Han'],
  [0xfb1d, 0xfb4f, 'Hebrew'],
  [0xfb50, 0xfdff, 'Arabic'],
  [0xfe70, 0xfeff, 'Arabic'],
  [0xff21, 0xff3a, 'Latin'],
  [0xff41, 0xff5a, 'Latin'],
  [0xff66, 0xff9f, 'Kana'],
  [0x20000, 0x3134f, 'Han'],
];

/** The script of one code point, or undefined for digits, punctuation, symbols and marks. */
export function scriptOf(codePoint: number): Script | undefined {
  let lo = 0;
  let hi = RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = RANGES[mid]!;
    if (codePoint < range[0]) hi = mid - 1;
    else if (codePoint > range[1]) lo = mid + 1;
    else return range[2];
  }
  return undefined;
}

export interface ScriptCounts {
  /** Letters per script. */
  counts: Map<Script, number>;
  /** All letters counted. */
  letters: number;
}

export function countScripts(text: string): ScriptCounts {
  const counts = new Map<Script, number>();
  let letters = 0;
  for (const ch of text) {
    const script = scriptOf(ch.codePointAt(0)!);
    if (script) {
      counts.set(script, (counts.get(script) ?? 0) + 1);
      letters++;
    }
  }
  return { counts, letters };
}

/**
 * How much one letter of a script says about the language, relative to one Cyrillic letter.
 * One ideograph, kana or Hangul syllable carries about as much as a short word. Latin letters
 * count half: news in every script quotes English names and brands (iPhone, COVID-19, The Fort),
 * while an English text seldom quotes Chinese or Russian in their own letters.
 */
const WEIGHT: Partial<Record<Script, number>> = { Han: 2.5, Kana: 2.5, Hangul: 2.5, Latin: 0.5 };

/** Letters weighted as above: a measure of how much text there is to judge. */
export function weightedLetters(counts: ScriptCounts): number {
  let n = 0;
  for (const [script, count] of counts.counts) n += count * (WEIGHT[script] ?? 1);
  return n;
}

/** The weighted letters of one script, kana counted with Han as in dominantScript. */
export function weightedLettersOf(counts: ScriptCounts, script: Script): number {
  const n = (s: Script) => (counts.counts.get(s) ?? 0) * (WEIGHT[s] ?? 1);
  return script === 'Han' ? n('Han') + n('Kana') : n(script);
}

/**
 * The script that carries most of the text, with its share of the (weighted) letters. Kana counts
 * towards 'Han': Japanese mixes both, and the CJK rule decides between Japanese and Chinese.
 */
export function dominantScript(counts: ScriptCounts): { script: Script; share: number } | undefined {
  const weights = new Map<Script, number>();
  let total = 0;
  for (const [script, n] of counts.counts) {
    const group = script === 'Kana' ? 'Han' : script;
    const w = n * (WEIGHT[script] ?? 1);
    weights.set(group, (weights.get(group) ?? 0) + w);
    total += w;
  }
  let best: { script: Script; share: number } | undefined;
  for (const [script, w] of weights) {
    if (!best || w / total > best.share) best = { script, share: w / total };
  }
  return best;
}
