/**
 * Languages written in the Latin script: the n-gram model ranks the 31 it knows, and marker
 * words (frequent words one language uses and its look-alike does not) settle what it cannot:
 * - Indonesian vs Malay: the model knows only `ms`; news words the two spell or choose
 *   differently tell them apart (malay.ts: karena/kerana, uang/wang, kesehatan/kesihatan,
 *   universitas/universiti…). Without markers, the trigram profiles break the tie, and a
 *   declared `ms` or `id` settles it.
 * - Swahili, unknown to the model, by its very frequent function words (katika, kwa, kuwa…).
 * - Afrikaans, unknown to the model (it scores as Dutch): nie, vir, hulle, baie, gesê; only when
 *   Dutch leads, as German shares 'nie'.
 * - Serbian in Latin letters, unknown to the model (it scores as Croatian): Serbian is ekavian
 *   (vreme, predsednik, gde) where Croatian is ijekavian (vrijeme, predsjednik, gdje), and says
 *   šta/hiljada/opština for što/tisuća/općina. Serbian Latin comes out as `sr-Latn`; Bosnian and
 *   Montenegrin (ijekavian) stay `hr`.
 * - Languages the model lacks altogether (Swahili, Kinyarwanda, Maltese, Māori and any a catalog
 *   adds): the trigram profiles compare them with the model's three best guesses, and one they
 *   prefer goes to the top (trigram-model.ts). Where Indonesian and Malay markers are silent, the
 *   profiles break that tie too.
 * Before that, letters a language never writes lower its score (latin-letters.ts).
 * The marker lists are our own, chosen from common news vocabulary.
 */
import { DEFAULT_TRIGRAM_LANGUAGES } from './coverage.ts';
import { penalizeForeignLetters, writesLettersOf } from './latin-letters.ts';
import { indonesianLead } from './malay.ts';
import type { Ranking } from './ranking.ts';
import { hasTrigramProfile, trigramScores } from './trigram-model.ts';

/** The languages the n-gram model knows that are written in Latin letters. */
const MODELLED = new Set(
  'az ca cs da de en es et eu fi fr hr hu is it lt lv ms nl no pl pt ro sk sl sq sv tl tr vi yo'.split(' '),
);

const words = (list: string) => new Set(list.split(' '));

const SWAHILI = words(
  'katika kwa kuwa hiyo huo hilo hayo yake wake zake yao wao zao ambao ambayo ambaye amesema alisema serikali watu mwaka nchi pia baada kabla kutoka wakati zaidi wananchi hii huu hizi kwamba lakini sana hadi bado kila jana leo mkuu',
);
const AFRIKAANS = words("nie vir hulle baie gesê jy julle ek sê 'n wees deur gaan kon hierdie moet");
const DUTCH = words('niet zijn wordt voor een naar zij werd heeft deze worden door gaat kunnen moeten');
const SERBIAN = words(
  'šta hiljada hiljade opština opštine saopštio saopštenje takođe predsednik predsednika vreme vremena gde deo reč dete deca uvek pre ovde posle ponedeljak nedelje avgusta septembra oktobra novembra decembra februara januara univerzitet bezbednost evropski evropske zvaničnik lekar lekari srpski srpske',
);
const CROATIAN = words(
  'što tisuća tisuće općina općine također predsjednik predsjednika vrijeme vremena gdje dio riječ dijete djeca uvijek prije ovdje poslije tko europski europske sigurnost liječnik liječnici hrvatski hrvatske siječnja veljače ožujka travnja svibnja lipnja srpnja kolovoza rujna listopada studenoga prosinca',
);

/** Words of a text, lower-cased, with Afrikaans' 'n kept whole. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().match(/'n\b|[\p{L}\p{M}]+/gu) ?? [];
}

function hits(tokens: string[], markers: ReadonlySet<string>): number {
  let n = 0;
  for (const t of tokens) if (markers.has(t)) n++;
  return n;
}

/** Gives `winner` the score of `loser` (which it splits off from) plus a margin that grows with evidence. */
function splitOff(scores: Map<string, number>, loser: string, winner: string, lead: number): void {
  const base = scores.get(loser) ?? 0;
  // Even without evidence the winner leads by a hair: the default side of a tie.
  scores.set(winner, base + 0.001 + Math.min(0.1, 0.02 * lead));
  scores.set(loser, base - Math.min(0.1, 0.02 * lead));
}

/** How far above the model's best a language the trigram profiles prefer is placed. */
const TRIGRAM_LEAD = 0.05;
/** How far the profiles must put the model's best guess behind, when the model is sure of it. */
const TRIGRAM_MARGIN = 0.1;
/** Letters that only these languages (of those Meridian knows) write: Maltese ħ ġ ċ ż, Māori's macrons. */
const DISTINCTIVE_LETTERS: Readonly<Record<string, RegExp>> = { mt: /[ħġċżĦĠĊŻ]/u, mi: /[āēīōūĀĒĪŌŪ]/u };
/**
 * Languages with a small alphabet of their own: a text of twenty letters or more written (all but
 * one in fifty) in it is that language, whatever the model says. Māori has fifteen letters (g only
 * in ng); English, Tagalog and Albanian, where the model puts Māori, all write s, l or d.
 */
const CLOSED_ALPHABETS: Readonly<Record<string, RegExp>> = { mi: /[aeiouhkmnprtwgāēīōū]/u };

function writtenInAlphabet(text: string, alphabet: RegExp): boolean {
  const letters = text.toLowerCase().match(/\p{L}/gu) ?? [];
  if (letters.length < 20) return false;
  const inside = letters.filter((ch) => alphabet.test(ch)).length;
  return inside >= letters.length * 0.98;
}

/**
 * Places the languages the model lacks (`extra`) among its candidates: the trigram profiles
 * compare them with the model's three best, and each goes below the model's best by how far the
 * profiles put it behind. The one they put first goes to the top when the model itself was unsure
 * (`reliable` < 1: on five-word snippets of English and German, trusting the profiles alone took
 * 6% for Māori, Maltese or Swahili), or when the text shows the language's own letters and the
 * profiles put the model's guesses well behind.
 */
function placeUnmodelled(
  text: string,
  scores: Map<string, number>,
  extra: readonly string[],
  reliable: number,
  always: boolean,
): void {
  // Nothing could be promoted and nobody asked for the scores: spare the profiles (half the time).
  const telling = Object.values(DISTINCTIVE_LETTERS).some((re) => re.test(text));
  const closed = Object.values(CLOSED_ALPHABETS).some((alphabet) => writtenInAlphabet(text, alphabet));
  if (!always && reliable >= 1 && !telling && !closed) return;
  const ranked = [...scores].sort((a, b) => b[1] - a[1]);
  const top = ranked[0]?.[1] ?? 0;
  const rivals = ranked
    .slice(0, 3)
    .map(([lang]) => lang)
    .filter(hasTrigramProfile);
  const trigram = trigramScores(text, [...new Set([...rivals, ...extra])]);
  let leader: string | undefined;
  for (const [lang, score] of trigram) if (score === 1) leader = lang;
  for (const [lang, alphabet] of Object.entries(CLOSED_ALPHABETS)) {
    if (extra.includes(lang) && writtenInAlphabet(text, alphabet)) leader = lang;
  }
  const rivalBest = Math.max(0, ...rivals.filter((r) => r !== leader).map((r) => trigram.get(r) ?? 0));
  const promoted =
    leader !== undefined &&
    (reliable < 1 ||
      (leader in CLOSED_ALPHABETS && writtenInAlphabet(text, CLOSED_ALPHABETS[leader] as RegExp)) ||
      (DISTINCTIVE_LETTERS[leader]?.test(text) === true && 1 - rivalBest >= TRIGRAM_MARGIN));
  for (const lang of extra) {
    const score = trigram.get(lang);
    if (score === undefined || !writesLettersOf(text, lang)) continue;
    const placed = lang === leader && promoted ? top + TRIGRAM_LEAD : top - 0.1 - (1 - score);
    scores.set(lang, Math.max(scores.get(lang) ?? Number.NEGATIVE_INFINITY, placed));
  }
}

/**
 * Ranks Latin-script languages. `extra` names the languages the model lacks that are worth
 * comparing (the catalog's, by default); the trigram profiles score them.
 */
export function rankLatin(
  text: string,
  modelScores: Map<string, number>,
  extra: readonly string[] = DEFAULT_TRIGRAM_LANGUAGES,
  reliable = 0,
  /** Score `extra` even where none can be promoted: the outlet declares one of them. */
  always = false,
): Ranking {
  const scores = new Map<string, number>();
  // eld says `no` for Norwegian; Meridian reports Bokmål as `nb`, the code translators take.
  for (const [lang, score] of modelScores) if (MODELLED.has(lang)) scores.set(lang === 'no' ? 'nb' : lang, score);
  penalizeForeignLetters(text, scores);
  const tokens = wordsOf(text);
  const top = Math.max(0, ...scores.values());
  const near = (lang: string) => scores.has(lang) && scores.get(lang)! >= top - 0.1;

  // Swahili: the model has no Swahili, so its words scatter over Albanian, Malay, English…
  const sw = hits(tokens, SWAHILI);
  if (sw >= 2 && sw >= tokens.length * 0.12) scores.set('sw', top + Math.min(0.1, 0.02 * sw));

  if (near('ms')) {
    let lead = indonesianLead(tokens);
    // Without a word of one standard alone (weak words at most), the trigram profiles (Malay and
    // Indonesian UDHR) count as much as one weak word; an even count stays Indonesian.
    if (Math.abs(lead) < 1) lead += (trigramScores(text, ['ms', 'id']).get('ms') ?? 0) === 1 ? -0.5 : 0.5;
    if (lead >= 0) splitOff(scores, 'ms', 'id', lead);
    else scores.set('id', (scores.get('ms') ?? 0) - 0.01);
  }
  // Only where the model already says Dutch: German shares 'nie' and would be pulled away.
  if (scores.has('nl') && scores.get('nl') === top) {
    const lead = hits(tokens, AFRIKAANS) - hits(tokens, DUTCH);
    if (lead > 0) splitOff(scores, 'nl', 'af', lead);
  }
  if (near('hr') || near('sl')) {
    const lead = hits(tokens, SERBIAN) - hits(tokens, CROATIAN);
    if (lead > 0) splitOff(scores, 'hr', 'sr-Latn', lead);
  }
  if (extra.length > 0) placeUnmodelled(text, scores, extra, reliable, always);
  return [...scores].map(([lang, score]) => ({ lang, score })).sort((a, b) => b.score - a.score);
}
