/**
 * Language identification for whole articles and for short headlines and captions.
 *
 * 1. Count letters per script; the script carrying most of the text picks the method. Latin
 *    letters that spell only names (every word capitalised) yield to another script that carries
 *    at least four ideographs or ten letters outside brackets: "Humanism - Helping People 从
 *    Daylight Atheism 转载" is Chinese, "Zelensky (泽连斯基) Meets Biden" English.
 * 2. Rank candidate languages: by script alone (Hangul, Thai, Georgian…), by letters and n-grams
 *    (Cyrillic, Arabic), by kana and Han variants (Japanese, zh-Hans, zh-Hant), or by the n-gram
 *    model plus marker words (Latin).
 * 3. A declared language (the page's `lang`) only breaks a near-tie: it is chosen when its score is
 *    within a hair of the best, and never against clear evidence.
 * 4. The outlet's declared languages are a strong prior: the answer is the best-ranked of them
 *    written in the text's script, or failing any ranked, the first of them written in it. Only
 *    another script (a Swahili outlet quoting Arabic) or a better rank for another language the
 *    outlet also declares (English on a Swahili-and-English outlet) overrules it. Latin letters
 *    that spell only names do not count as another script: on a Chinese outlet, "特色越野滑雪：
 *    East Mill Flow-Round Pond Trail" is Chinese, as is a Russian headline quoting an English
 *    brand, while "利物浦 venció 2-0 al Sheffield United" (lower-case Spanish words) is Spanish.
 *
 * Closely related languages, on purpose (what the translator needs):
 * - Malay `ms` / Indonesian `id`: both reported, told apart by the words and word shapes each
 *   standard alone writes (malay.ts: kerana/karena, Isnin/Senin, universiti/universitas,
 *   kesihatan/kesehatan), words both use in different measure counting half, and where only those
 *   speak, the trigram profiles; an even count is `id` (the larger press), and the prior settles it
 *   for a declared outlet. Translators treat them as two languages (DeepL has Indonesian only), so
 *   the distinction is kept.
 * - Danish `da` / Norwegian Bokmål: reported `da` and `nb` (Bokmål is what news is written in, and
 *   `nb` is what DeepL, LibreTranslate and Apertium take; Google's `no` is mapped in its provider).
 * - Macedonian `mk` / Bulgarian `bg` / Serbian `sr-Cyrl`: by the letters each alphabet lacks or
 *   alone has, then by function words; reported apart, as translators take them apart.
 * - Croatian / Bosnian / Serbian Latin: ijekavian text (Croatian, Bosnian, Montenegrin) is
 *   reported `hr`, ekavian (Serbian) `sr-Latn`; a declared `bs` or `sr-ME` means `hr` (one written
 *   standard for translation: Apertium's hbs, and providers without Bosnian take it as Croatian).
 * - Filipino / Tagalog: one written language; reported `tl` (a declared `fil` means `tl`). A text
 *   without any Tagalog particle (ng, sa, ang, mga…) is English when English is close behind:
 *   the model takes short strings of English names for Tagalog.
 * - Nigerian Pidgin `pcm` / English: Pidgin is written in English words, so it is reported `pcm`
 *   where English leads (or two of its own words where English is close behind), on two words of
 *   which one is its own (latin.ts: dey, wey, wetin, goment, in lower case; e don, dem go, must
 *   to), or on three it shares with others (dem, im, wen, am) of which two are no Romance
 *   function words; otherwise it stays `en`. Why report it at all: it is what the
 *   article is written in, and an English reader's translator would be handed it as English it is
 *   not; no configured translator takes `pcm`, which `meridian sources list` flags. Measured
 *   (bench/language-eval.ts): nine in ten of the UDHR's Pidgin sentences (the rest are clauses
 *   with one Pidgin word or none, "we all come be like one family"), and no English, Spanish,
 *   Italian or Dutch MEANTIME sentence nor SemEval text taken for Pidgin. An outlet declared to
 *   publish Pidgin gets `pcm` for any Latin text by the prior, as every declared language does.
 *
 * Pure and synchronous. It never throws: odd input gives `und` with confidence 0. Importing this
 * module loads the n-gram model (see ngram-model.ts).
 */
import { rankArabic } from './arabic.ts';
import { rankCjk } from './cjk.ts';
import { DEFAULT_TRIGRAM_LANGUAGES, detectionTag, scriptsOf, TRIGRAM_CODES } from './coverage.ts';
import { rankCyrillic } from './cyrillic.ts';
import { ADDRESS, rankLatin } from './latin.ts';
import { ngramScores } from './ngram-model.ts';
import type { Candidate, Ranking } from './ranking.ts';
import {
  countScripts,
  dominantScript,
  type Script,
  type ScriptCounts,
  weightedLetters,
  weightedLettersOf,
} from './scripts.ts';
import { rankBySingleScript } from './single-script.ts';
import { normalizeTag, primaryLanguage } from './tags.ts';

export interface Detection {
  /** BCP 47 tag, or `und` when the text has no letters. */
  lang: string;
  /** 0 to 1: how clearly the text points to `lang` (length, mixed scripts and close rivals lower it). */
  confidence: number;
}

export interface DetectOptions {
  /** The declared language of the page or feed (BCP 47, any case): breaks near-ties only. */
  hint?: string;
  /** The languages the outlet is declared to publish (catalog tags, primary first): a strong prior. */
  expected?: readonly string[];
}

/** Languages only the trigram profiles know that every text is compared with (see considerLanguages). */
let considered: readonly string[] = DEFAULT_TRIGRAM_LANGUAGES;

/**
 * Makes detection compare every text with each language a catalog declares that only the trigram
 * profiles know (an operator's catalog adding Hausa outlets adds Hausa), besides the built-in
 * catalog's. Called once by the pipeline with the effective catalog's languages.
 */
export function considerLanguages(tags: Iterable<string>): void {
  const extra = new Set(DEFAULT_TRIGRAM_LANGUAGES);
  for (const tag of tags) {
    const t = detectionTag(tag);
    if (t && t in TRIGRAM_CODES) extra.add(t);
  }
  considered = [...extra];
}

const UNDETERMINED: Detection = { lang: 'und', confidence: 0 };

/** Longer texts are cut here: twenty thousand characters say all there is to say about language. */
const MAX_ANALYSED_CHARS = 20_000;

/** Score gap within which the hint may win, for long and for short text. */
const NEAR_TIE = 0.02;
const SHORT_NEAR_TIE = 0.06;
/** Below this many weighted letters (about ten Latin words, or a dozen ideographs) a text is short. */
const SHORT_UNITS = 30;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function prepare(text: string): string {
  const capped = text.length > MAX_ANALYSED_CHARS ? text.slice(0, MAX_ANALYSED_CHARS) : text;
  return capped.replace(LONE_SURROGATE, ' ');
}

function rank(script: Script, text: string, counts: ScriptCounts, declared: readonly string[]): Ranking {
  switch (script) {
    case 'Han':
      return rankCjk(text, counts);
    case 'Latin': {
      const extra = declared.filter((t) => t in TRIGRAM_CODES && !considered.includes(t));
      const ngram = ngramScores(text);
      const declaredUnmodelled = declared.some((t) => t in TRIGRAM_CODES);
      const languages = extra.length > 0 ? [...considered, ...extra] : considered;
      return rankLatin(text, ngram.scores, languages, ngram.reliable, declaredUnmodelled);
    }
    case 'Cyrillic':
      return rankCyrillic(text, ngramScores(text).scores);
    case 'Arabic':
      return rankArabic(text, ngramScores(text).scores);
    default:
      return rankBySingleScript(script, text) ?? [];
  }
}

function hinted(ranking: Ranking, hint: string | undefined, short: boolean): Candidate | undefined {
  const wanted = normalizeTag(hint);
  const top = ranking[0];
  if (!wanted || !top) return undefined;
  const match =
    ranking.find((c) => c.lang === wanted) ??
    (wanted.includes('-') ? undefined : ranking.find((c) => primaryLanguage(c.lang) === wanted));
  if (!match || match === top) return undefined;
  return top.score - match.score <= (short ? SHORT_NEAR_TIE : NEAR_TIE) ? match : undefined;
}

/** True when candidate tag `lang` is the declared language `declared` (detection's form). */
function isDeclared(lang: string, declared: string): boolean {
  return lang === declared || (!declared.includes('-') && primaryLanguage(lang) === declared);
}

/** A declared language as reported for text in `script`: Serbian names its script. */
function reported(declared: string, script: Script): string {
  if (declared === 'sr') return script === 'Cyrillic' ? 'sr-Cyrl' : 'sr-Latn';
  return declared;
}

/**
 * The outlet's prior (see step 4 above): the best-ranked declared language written in the text's
 * script, else the first declared one written in it; undefined when none is (another script).
 */
function withPrior(ranking: Ranking, script: Script, declared: readonly string[]): Candidate | undefined {
  const inScript = declared.filter((d) => scriptsOf(d).includes(script));
  if (inScript.length === 0) return undefined;
  const best = ranking.find((c) => inScript.some((d) => isDeclared(c.lang, d)));
  if (best) return best;
  return { lang: reported(inScript[0] as string, script), score: ranking[0]?.score ?? 0 };
}

/** Declared tags in detection's form, without repeats, primary first. */
function declaredLanguages(expected: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const tag of expected ?? []) {
    const t = detectionTag(tag);
    if (t && !out.includes(t)) out.push(t);
  }
  return out;
}

/** A Latin word, its apostrophe kept (City’s), wherever it stands in a token (相提并论：Mohanlal). */
const LATIN_WORD = /\p{Script=Latin}[\p{Script=Latin}\p{M}'’]*/gu;

/** Lower-case words inside names (von der Leyen, bin Salman, da Silva) and fixtures (A vs B). */
const NAME_PARTICLES = new Set(
  'von van der den de del della di da das do dos du le la al el bin bint ibn ben vs v'.split(' '),
);
/**
 * English words that a Title Case headline capitalises but names do not contain: "Putin Holds
 * Call-In Show As Ratings Slide" is an English sentence, not a list of names.
 */
const TITLE_CASE_ENGLISH = new Set(
  'the of in on at to for and as with by from into over after is are was were be has have will its his her their says said'.split(
    ' ',
  ),
);

/**
 * True when every Latin word of the text is written as a name (a capital anywhere in it: Sheffield
 * United, IBPS, iPhone), a particle of one, a number or an address: what Latin letters spell in a
 * headline of another script when they are names and titles, not sentences. `strict` (no outlet
 * prior) also refuses English's Title Case function words.
 */
function latinOnlyNames(text: string, strict: boolean): boolean {
  let words = 0;
  for (const token of text.split(/\s+/u)) {
    if (ADDRESS.test(token)) continue;
    for (const [word] of token.matchAll(LATIN_WORD)) {
      const lower = word.toLowerCase();
      if (word === lower) {
        if (NAME_PARTICLES.has(lower)) continue;
        return false;
      }
      if (strict && TITLE_CASE_ENGLISH.has(lower.replace(/['’]s$/u, ''))) return false;
      words++;
    }
  }
  return words > 0;
}

/** At least this many weighted letters (two ideographs, five Cyrillic letters) of a declared script. */
const DECLARED_SCRIPT_UNITS = 5;
/**
 * Without a prior, at least this many (four ideographs, ten Cyrillic letters): more than the
 * Chinese gloss of one name in an English headline ("Xi Jinping (习近平) Meets Biden").
 */
const NAMES_SCRIPT_UNITS = 10;

/**
 * The script to read the text in: the dominant one, unless that is Latin spelling only names
 * while another script is present in earnest (see step 4), a declared one under the prior.
 */
function readingScript(dominant: Script, counts: ScriptCounts, text: string, declared: readonly string[]): Script {
  if (dominant !== 'Latin') return dominant;
  if (declared.length > 0) {
    if (declared.some((d) => scriptsOf(d).includes('Latin'))) return dominant;
    for (const d of declared) {
      const script = scriptsOf(d).find((s) => weightedLettersOf(counts, s) >= DECLARED_SCRIPT_UNITS);
      // Whether the Latin is only names does not depend on the script: the first one decides.
      if (script) return latinOnlyNames(text, false) ? script : dominant;
    }
    return dominant;
  }
  const best = (of: ScriptCounts) => {
    let found: { script: Script; units: number } | undefined;
    for (const script of of.counts.keys()) {
      const group = script === 'Kana' ? 'Han' : script;
      const units = group === 'Latin' ? 0 : weightedLettersOf(of, group);
      if (units >= NAMES_SCRIPT_UNITS && (!found || units > found.units)) found = { script: group, units };
    }
    return found?.script;
  };
  if (!best(counts) || !latinOnlyNames(text, true)) return dominant;
  // A gloss in brackets is a quotation, not the text: "Zelensky (泽连斯基) Meets Biden".
  return best(countScripts(text.replace(GLOSS, ' '))) ?? dominant;
}

const GLOSS = /\([^)]*\)|（[^）]*）|\[[^\]]*\]/gu;

/** The confidence reported when the prior, not the evidence, chose the language. */
const PRIOR_CONFIDENCE = 0.5;

const clamp01 = (x: number) => Math.max(0, Math.min(1, x));

/** The language of `text` as a BCP 47 tag with a confidence. Never throws. */
export function detectLanguage(text: string, options: DetectOptions = {}): Detection {
  if (typeof text !== 'string') return UNDETERMINED;
  try {
    return detect(text, options);
  } catch {
    // A pipeline stage must not fail an article over its language: unknown is an answer.
    return UNDETERMINED;
  }
}

function detect(text: string, options: DetectOptions): Detection {
  const sample = prepare(text);
  const counts = countScripts(sample);
  const dominant = dominantScript(counts);
  if (!dominant) return UNDETERMINED;
  const declared = declaredLanguages(options.expected);
  const script = readingScript(dominant.script, counts, sample, declared);
  const ranking = rank(script, sample, counts, declared);
  const top = ranking[0];
  if (!top || top.score <= 0) return UNDETERMINED;
  const weight = weightedLetters(counts);
  const evidence = hinted(ranking, options.hint, weight < SHORT_UNITS) ?? top;
  const prior = declared.length > 0 ? withPrior(ranking, script, declared) : undefined;
  if (prior && prior.lang !== evidence.lang && !declared.some((d) => isDeclared(evidence.lang, d))) {
    return { lang: prior.lang, confidence: PRIOR_CONFIDENCE };
  }
  const chosen = evidence;
  const rival = ranking.find((c) => c !== chosen);
  const margin = chosen.score - (rival?.score ?? 0);
  const lengthFactor = Math.min(1, 0.4 + weight / 40);
  const confidence = clamp01(0.5 + 5 * margin) * dominant.share * lengthFactor;
  return { lang: chosen.lang, confidence: Math.round(confidence * 1000) / 1000 };
}

/** Detects many short texts (one headline or caption each) with one shared declared language. */
export function detectLines(lines: readonly string[], options: DetectOptions = {}): Detection[] {
  return lines.map((line) => detectLanguage(line, options));
}
