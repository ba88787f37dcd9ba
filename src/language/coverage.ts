/**
 * Which languages detection recognises, and how, without loading any model: `meridian sources
 * list` and the web process's /sources page read it to flag a catalog language nobody can
 * recognise, and the web process must not hold the pipeline's 140 MB of language models.
 *
 * Four ways, cheapest first:
 * - script: the writing system alone (Hangul, Georgian, Khmer…; single-script.ts);
 * - letters or words settle a language the n-gram model lacks inside a script it knows
 *   (Macedonian, Kazakh…; Indonesian, Serbian Latin, Afrikaans, Nigerian Pidgin; cyrillic.ts,
 *   latin.ts, malay.ts, arabic.ts);
 * - the n-gram model (eld, 60 languages; ngram-model.ts);
 * - trigram profiles (franc-all, UDHR-trained; trigram-model.ts) for Latin-script languages eld
 *   does not know: the catalog's Swahili, Kinyarwanda, Maltese and Māori, and any language in the
 *   table below that an operator's catalog declares.
 */
import type { Script } from './scripts.ts';
import { normalizeTag } from './tags.ts';

/** Languages eld's model knows (ISO 639-1, as it reports them; `ku` is its Sorani, reported `ckb`). */
export const NGRAM_LANGUAGES: ReadonlySet<string> = new Set(
  'am ar az be bg bn ca cs da de el en es et eu fa fi fr gu he hi hr hu hy is it ja ka kn ko ckb lo lt lv ml mr ms nb nl or pa pl pt ro ru sk sl sq sr-Cyrl sr-Latn sv ta te th tl tr uk ur vi yo zh-Hans zh-Hant'.split(
    ' ',
  ),
);

/** Recognised by their script or by letters and words of their own (see the modules named above). */
const BY_SCRIPT_OR_LETTERS: Readonly<Record<string, Script>> = {
  el: 'Greek',
  hy: 'Armenian',
  ka: 'Georgian',
  dv: 'Thaana',
  pa: 'Gurmukhi',
  gu: 'Gujarati',
  or: 'Oriya',
  ta: 'Tamil',
  te: 'Telugu',
  kn: 'Kannada',
  ml: 'Malayalam',
  si: 'Sinhala',
  th: 'Thai',
  lo: 'Lao',
  bo: 'Tibetan',
  my: 'Myanmar',
  km: 'Khmer',
  am: 'Ethiopic',
  ko: 'Hangul',
  he: 'Hebrew',
  yi: 'Hebrew',
  bn: 'Bengali',
  as: 'Bengali',
  hi: 'Devanagari',
  mr: 'Devanagari',
  ne: 'Devanagari',
  ja: 'Han',
  'zh-Hans': 'Han',
  'zh-Hant': 'Han',
  mk: 'Cyrillic',
  kk: 'Cyrillic',
  ky: 'Cyrillic',
  mn: 'Cyrillic',
  tg: 'Cyrillic',
  uz: 'Cyrillic',
  ps: 'Arabic',
  ckb: 'Arabic',
  id: 'Latin',
  af: 'Latin',
  pcm: 'Latin',
};

/**
 * Latin-script languages recognised through franc-all's trigram profiles: our tag → its ISO 639-3
 * code. The first four are the catalog's and are always considered; the others are considered
 * when a catalog (an operator's file) declares them. test/language/coverage.test.ts checks that
 * franc-all knows every code.
 */
export const TRIGRAM_CODES: Readonly<Record<string, string>> = {
  sw: 'swh',
  rw: 'kin',
  mt: 'mlt',
  mi: 'mri',
  rn: 'run',
  ha: 'hau',
  so: 'som',
  zu: 'zul',
  xh: 'xho',
  ig: 'ibo',
  wo: 'wol',
  ln: 'lin',
  lg: 'lug',
  ny: 'nya',
  sn: 'sna',
  st: 'sot',
  tn: 'tsn',
  mg: 'plt',
  ee: 'ewe',
  bm: 'bam',
  cy: 'cym',
  ga: 'gle',
  gl: 'glg',
  lb: 'ltz',
  ht: 'hat',
  qu: 'quy',
  jv: 'jav',
  su: 'sun',
  ceb: 'ceb',
  tk: 'tuk',
  la: 'lat',
  eo: 'epo',
  fo: 'fao',
  gd: 'gla',
  br: 'bre',
  oc: 'oci',
  co: 'cos',
  fy: 'fry',
  haw: 'haw',
  sm: 'smo',
  to: 'ton',
  fj: 'fij',
};

/** The catalog's own languages that only the trigram profiles know: considered for every text. */
export const DEFAULT_TRIGRAM_LANGUAGES: readonly string[] = ['sw', 'rw', 'mt', 'mi'];

/**
 * The tag detection reports for a declared tag: fil → tl, no/nn → nb, bs → hr (Bosnian is written
 * as Croatian is; the translator takes it as Croatian), pt-BR → pt, zh-TW → zh-Hant.
 * Montenegrin (sr-ME, cnr) is ijekavian like Bosnian and reported `hr` in Latin letters.
 */
export function detectionTag(tag: string): string | undefined {
  const lower = tag.toLowerCase();
  if (lower === 'sr-me' || lower.startsWith('cnr')) return 'hr';
  const normalized = normalizeTag(tag);
  if (normalized === 'bs') return 'hr';
  return normalized;
}

/** The scripts a language (detection's tag) is written in; empty when Meridian does not know it. */
export function scriptsOf(tag: string): Script[] {
  if (tag === 'sr') return ['Cyrillic', 'Latin'];
  if (tag === 'sr-Cyrl') return ['Cyrillic'];
  if (tag === 'sr-Latn' || tag in TRIGRAM_CODES) return ['Latin'];
  const own = BY_SCRIPT_OR_LETTERS[tag];
  if (own) return [own];
  if (NGRAM_LANGUAGES.has(tag)) return [NGRAM_SCRIPT[tag] ?? 'Latin'];
  return [];
}

/** Scripts of the n-gram model's languages that are not written in Latin letters. */
const NGRAM_SCRIPT: Readonly<Record<string, Script>> = {
  ar: 'Arabic',
  fa: 'Arabic',
  ur: 'Arabic',
  be: 'Cyrillic',
  bg: 'Cyrillic',
  ru: 'Cyrillic',
  uk: 'Cyrillic',
};

/** How a declared language is recognised, or undefined when detection cannot recognise it. */
export function recognition(tag: string): 'script or letters' | 'n-gram model' | 'trigram profiles' | undefined {
  const t = detectionTag(tag);
  if (!t) return undefined;
  if (t in BY_SCRIPT_OR_LETTERS) return 'script or letters';
  if (NGRAM_LANGUAGES.has(t) || t === 'sr') return 'n-gram model';
  if (t in TRIGRAM_CODES) return 'trigram profiles';
  return undefined;
}
