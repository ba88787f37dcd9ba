/**
 * Languages written in the Latin script: the n-gram model ranks the 31 it knows, and marker
 * words (frequent words one language uses and its look-alike does not) settle what it cannot:
 * - Indonesian vs Malay: the model knows only `ms`; karena/kerana, uang/wang, polisi/polis,
 *   pemerintah/kerajaan tell them apart. Without markers, Indonesian (the larger press) leads a
 *   tie that a declared `ms` breaks.
 * - Swahili, unknown to the model, by its very frequent function words (katika, kwa, kuwa…).
 * - Afrikaans, unknown to the model (it scores as Dutch): nie, vir, hulle, baie, gesê; only when
 *   Dutch leads, as German shares 'nie'.
 * - Serbian in Latin letters, unknown to the model (it scores as Croatian): Serbian is ekavian
 *   (vreme, predsednik, gde) where Croatian is ijekavian (vrijeme, predsjednik, gdje), and says
 *   šta/hiljada/opština for što/tisuća/općina. Serbian Latin comes out as `sr-Latn`; Bosnian and
 *   Montenegrin (ijekavian) stay `hr`.
 * Before that, letters a language never writes lower its score (latin-letters.ts).
 * The marker lists are our own, chosen from common news vocabulary.
 */
import { penalizeForeignLetters } from './latin-letters.ts';
import type { Ranking } from './ranking.ts';

/** The languages the n-gram model knows that are written in Latin letters. */
const MODELLED = new Set(
  'az ca cs da de en es et eu fi fr hr hu is it lt lv ms nl no pl pt ro sk sl sq sv tl tr vi yo'.split(' '),
);

const words = (list: string) => new Set(list.split(' '));

const INDONESIAN = words(
  'karena bisa uang polisi pemerintah kantor mengatakan setelah sesudah rupiah presiden menurutnya ungkap sedangkan meski dapat harus banyak sejumlah hingga saat',
);
const MALAY = words(
  'kerana boleh wang polis kerajaan berkata selepas ringgit iaitu ialah bagaimanapun semasa manakala kenyataan mahkamah negeri beliau',
);
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

export function rankLatin(text: string, modelScores: Map<string, number>): Ranking {
  const scores = new Map<string, number>();
  for (const [lang, score] of modelScores) if (MODELLED.has(lang)) scores.set(lang, score);
  penalizeForeignLetters(text, scores);
  const tokens = wordsOf(text);
  const top = Math.max(0, ...scores.values());
  const near = (lang: string) => scores.has(lang) && scores.get(lang)! >= top - 0.1;

  // Swahili: the model has no Swahili, so its words scatter over Albanian, Malay, English…
  const sw = hits(tokens, SWAHILI);
  if (sw >= 2 && sw >= tokens.length * 0.12) scores.set('sw', top + Math.min(0.1, 0.02 * sw));

  if (near('ms')) {
    const lead = hits(tokens, INDONESIAN) - hits(tokens, MALAY);
    if (lead >= 0) splitOff(scores, 'ms', 'id', lead);
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
  return [...scores].map(([lang, score]) => ({ lang, score })).sort((a, b) => b.score - a.score);
}
