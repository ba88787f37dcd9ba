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
 * - English close behind a neighbour on a short text (names and loanwords carry no language)
 *   takes the lead on English function words none of the languages ahead writes, and on
 *   possessives, net of their own function words (english.ts).
 * - Where English leads a short text on its capitalised words (names of companies, films and
 *   events are English in any language's news), the lower-case words alone, scored by the model,
 *   may hand it to the language they are written in (lowerCaseRival); and where another language
 *   leads a text of names with English close behind, they may hand it to English.
 * Before that, letters a language never writes lower its score (latin-letters.ts).
 * The marker lists are our own, chosen from common news vocabulary.
 */
import { DEFAULT_TRIGRAM_LANGUAGES } from './coverage.ts';
import { englishLead } from './english.ts';
import { penalizeForeignLetters, writesLettersOf } from './latin-letters.ts';
import { standardEvidence } from './malay.ts';
import { ngramScores } from './ngram-model.ts';
import { type Candidate, type Ranking, rankScores } from './ranking.ts';
import { hasTrigramProfile, trigramScores } from './trigram-model.ts';

/** The languages the n-gram model knows that are written in Latin letters. */
const MODELLED = new Set(
  'az ca cs da de en es et eu fi fr hr hu is it lt lv ms nl no pl pt ro sk sl sq sv tl tr vi yo'.split(' '),
);

/** The same, as Meridian reports them (Bokmål as `nb`). */
const MODELLED_TAGS = new Set([...MODELLED].map((lang) => (lang === 'no' ? 'nb' : lang)));

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

/**
 * Nigerian Pidgin's words, as written in the UDHR's pcm text and in Pidgin news (the BBC's
 * service writes di, dey, wey, dem, don, pipo, goment, kontri); ours, from those two ways of
 * writing it. English loans Pidgin shares (go, make, fit, say, for) are left out, as English has
 * them too. A word is whole with its hyphens, so the e of e-mail is no Pidgin pronoun.
 * - PIDGIN_OWN: words no language Meridian knows writes (dey, wey, wetin, goment, kontri…).
 * - PIDGIN_SHARED: Pidgin words other languages write too (de and e in Romance, dem and im in
 *   German, dat in Dutch, ting in Danish), and words English writes capitalised as names or
 *   abbreviations (Dem. for Democrat, Princess Di): they count only in lower case, and only beside
 *   an own word or with others that Romance text lacks: "la succession de la" is no Pidgin.
 */
const PIDGIN_OWN = words(
  'dey wey wetin pikin sabi wahala abeg comot goment kontri kontris pipo everibodi evribodi nobodi anybodi anoda ' +
    'propati broda weda naim sef helep gree neva sometin notin anytin anyting weting tori ontop becos wia everi ' +
    'everione bodi moni skul nobi kampe tink gada',
);
/** Own words that are also names (Naim Qassem, Tori Amos, the Neva, Sef, Broda): lower case only. */
const PIDGIN_NAMES = words('naim tori neva sef gada kampe broda weda moni');
const PIDGIN_SHARED = words('dem di de e im na don una abi dis dat wan wen tay mata ting tings');
/**
 * Pairs of English words in Pidgin's grammar, not English's: the pronouns e and dem before a verb
 * (e go, dem don; German's dem comes before a noun), must to, no be, make we, no fit. They count
 * as own words. Not e de nor dem de (Romance "e de", "dem de"); e no (Portuguese: and in the) and
 * e don (Italian: and the priest) count only where English leads, as every Pidgin word does.
 */
const PIDGIN_PAIRS = words(
  'e_go e_fit e_don e_get e_no e_be e_dey e_wan e_like must_to no_be make_we make_una make_dem no_fit no_dey ' +
    'na_im na_so dem_be dem_don dem_no dem_go dem_dey dem_get dem_come dem_fit dem_wan dem_take dem_talk dem_say',
);
/** Shared words that are function words of Romance or Slavic text (di e una: "il CEO di Apple e…"). */
const ROMANCE_CLASH = words('de di e una na don dis');
/** At least this many Pidgin words (one of them its own, else three), and this share of all words. */
const PIDGIN_WORDS = 2;
const PIDGIN_SHARE = 0.12;
/** Pidgin's object pronoun: "carry am go court", not English "I am" nor "10 am" (German "am" is shared). */
const PIDGIN_AM = /(\p{L}+)\s+am\b/gu;
/** Words English writes before "am" (who am I, so am I, nor am I, as am I). */
const ENGLISH_BEFORE_AM = words('i who what so nor as how where why when than');
/** Latin abbreviations whose letters are Pidgin words (e.g., i.e.). */
const LATIN_ABBREVIATIONS = /\b(?:e\.\s?g|i\.\s?e)\./giu;

/**
 * How many words of `text` are Pidgin's own, how many are shared with others, of how many kinds
 * that Romance text does not write, how many are lower-case dem, and how many words it has.
 */
export function pidginWords(text: string): {
  own: number;
  shared: number;
  kinds: number;
  dem: number;
  words: number;
} {
  const plain = text.replace(LATIN_ABBREVIATIONS, ' ');
  const tokens = plain.match(/[\p{L}\p{M}]+(?:[-'’][\p{L}\p{M}]+)*/gu) ?? [];
  let own = 0;
  const shared = new Map<string, number>();
  const count = (w: string) => shared.set(w, (shared.get(w) ?? 0) + 1);
  for (const [i, t] of tokens.entries()) {
    // Capitalised mid-text, an own word is a name; first, it counts unless it is also one
    // (Wetin we know…, but Naim Qassem…, Tori Amos…).
    const lower = i === 0 ? t.toLowerCase() : t;
    if (PIDGIN_OWN.has(lower) && (lower === t || !PIDGIN_NAMES.has(lower))) own++;
    else if (PIDGIN_SHARED.has(t)) count(t);
  }
  // A pair may open the text (E don happen), so its first word is taken in lower case.
  for (let i = 1; i < tokens.length; i++) {
    const first = i === 1 ? tokens[0]?.toLowerCase() : tokens[i - 1];
    if (PIDGIN_PAIRS.has(`${first}_${tokens[i]}`)) own++;
  }
  for (const [, before] of plain.matchAll(PIDGIN_AM))
    if (!ENGLISH_BEFORE_AM.has(before?.toLowerCase() ?? 'i')) count('am');
  let n = 0;
  for (const c of shared.values()) n += c;
  let kinds = 0;
  for (const w of shared.keys()) if (!ROMANCE_CLASH.has(w)) kinds++;
  return { own, shared: n, kinds, dem: shared.get('dem') ?? 0, words: tokens.length };
}

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

/** How far behind the leader English may be for each word of lead its function words give it. */
const ENGLISH_REACH = 0.05;

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

  // Nigerian Pidgin is written in English words: where English leads, its own words decide. Two
  // own words speak for themselves wherever English stands among the close ones.
  const pidginCounts = near('en') ? pidginWords(text) : undefined;
  if (pidginCounts && (scores.get('en') === top || pidginCounts.own >= 2)) {
    const { own, shared, kinds, dem, words: n } = pidginCounts;
    const pidgin = own + shared;
    // Without an own word, three shared ones do, two of them of kinds Romance text lacks or two
    // of them lower-case dem (they, them), which English never writes.
    const enough = own > 0 ? pidgin >= PIDGIN_WORDS : shared >= 3 && (kinds >= 2 || dem >= 2);
    if (enough && pidgin >= n * PIDGIN_SHARE) {
      scores.set('pcm', top + Math.min(0.1, 0.02 * pidgin));
    }
  }

  if (near('ms')) {
    const evidence = standardEvidence(tokens);
    let lead = evidence.lead;
    // Without a word of one standard alone (weak words at most), the trigram profiles (Malay and
    // Indonesian UDHR) count as much as one weak word; an even count stays Indonesian.
    if (evidence.strong === 0) lead += (trigramScores(text, ['ms', 'id']).get('ms') ?? 0) === 1 ? -0.5 : 0.5;
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
  const ranking = rankScores(scores);
  const first = ranking[0];
  const english = ranking.find((c) => c.lang === 'en');
  // The model puts short English strings of names first as Tagalog ("Kim Jong-un says North
  // Korea", "Pacquiao announces comeback"); Tagalog text all but always writes one of its
  // particles (ng, sa, ang, mga…). Only English close behind takes its place. A Tagalog headline
  // without a particle ("Bagong COVID variant, natukoy") is lost to English: rarer in news than
  // English names and a verb, and an outlet's declared Tagalog settles it.
  if (first?.lang === 'tl' && english && first.score - english.score <= 0.1 && !writesTagalogParticle(text)) {
    first.score = english.score - 0.001;
    ranking.sort((a, b) => b.score - a.score);
  }
  const leader = ranking[0];
  // English close behind on a short text takes the lead on its function words (english.ts): each
  // word of lead reaches further down, as names and loanwords say nothing.
  if (leader && english && MODELLED_TAGS.has(leader.lang) && leader.score - english.score <= ENGLISH_REACH * 3) {
    const rivals = ranking.filter((c) => c.score > english.score).map((c) => c.lang);
    const lead = englishLead(text, rivals);
    if (lead > 0 && leader.score - english.score <= ENGLISH_REACH * lead) {
      english.score = leader.score + 0.001;
      ranking.sort((a, b) => b.score - a.score);
    }
  }
  const head = ranking[0];
  if (head && MODELLED_TAGS.has(head.lang) && text.length <= NAMES_TEXT_CHARS) {
    const rival = lowerCaseRival(text, ranking, head);
    if (rival) {
      rival.score = head.score + 0.001;
      ranking.sort((a, b) => b.score - a.score);
    }
  }
  return ranking;
}

/** Texts up to this long (one sample of the model) are checked for names around a sentence. */
const NAMES_TEXT_CHARS = 400;
/** How much the lower-case words must prefer the rival to the leader, on the model's scores. */
const LOWER_CASE_MARGIN = 0.05;
/** A token that is an address, not a word (iloveponysmag.com, a/b, @handle). */
export const ADDRESS = /[@/]|\p{L}\.\p{L}/u;

/**
 * The language the lower-case words of a short text are written in, when English leads only on
 * its capitalised words: names and titles of companies, films and events are English in any
 * language's news ("China Eastern Airlines compra veinte nuevos jets Airbus A320", "Apple onthult
 * iPhone 4 en iOS 4 tijdens Worldwide Developers Conference"), while the lower-case words carry
 * the sentence. The model scores those words alone; a language it prefers to English by a clear
 * margin, that ranks within ENGLISH_REACH * 2 of English on the whole text and against which
 * English shows no function word of its own, is returned. The other way round, English close
 * behind another leader ("Merkel meets Putin in Moscow" was Romanian) is returned when the text has
 * a name after its first word and the lower-case words prefer English by that margin, unless the
 * leader's function words outnumber English's, or the leader is German (whose capitalised words
 * are its nouns, and its few lower-case ones often English loans).
 */
function lowerCaseRival(text: string, ranking: Ranking, head: Candidate): Candidate | undefined {
  const near = ranking.filter(
    (c) => c !== head && MODELLED_TAGS.has(c.lang) && head.score - c.score <= ENGLISH_REACH * 2,
  );
  // Only English against another language: either English leads, or it is near.
  if (head.lang !== 'en' && !near.some((c) => c.lang === 'en')) return undefined;
  const { lower, names } = lowerCaseWords(text);
  if (lower.replace(/\s/g, '').length < 5 || names === 0) return undefined;
  const scores = ngramScores(lower).scores;
  let best: [string, number] | undefined;
  for (const [lang, score] of scores) if (!best || score > best[1]) best = [lang, score];
  const headKey = head.lang === 'nb' ? 'no' : head.lang;
  if (!best || best[1] - (scores.get(headKey) ?? 0) < LOWER_CASE_MARGIN) return undefined;
  const tag = best[0] === 'no' ? 'nb' : best[0];
  const rival = near.find((c) => c.lang === tag);
  if (!rival) return undefined;
  if (head.lang === 'en') return englishLead(text, [rival.lang]) <= 0 ? rival : undefined;
  // German capitalises its nouns: its capitalised words are no names, its lower-case ones few.
  if (rival.lang !== 'en' || head.lang === 'de') return undefined;
  return englishLead(text, [head.lang]) >= 0 ? rival : undefined;
}

/**
 * The words of `text` after the first written all in lower case, addresses left out, and how many
 * words after the first are written as names (a capital in them).
 */
function lowerCaseWords(text: string): { lower: string; names: number } {
  const out: string[] = [];
  let names = 0;
  let first = true;
  for (const token of text.split(/\s+/u)) {
    if (ADDRESS.test(token)) continue;
    for (const [word] of token.matchAll(/[\p{L}\p{M}]+/gu)) {
      // iPhone and eBay are names too: a capital anywhere leaves the word out.
      if (word === word.toLowerCase()) {
        if (!first) out.push(word);
      } else if (!first) names++;
      first = false;
    }
  }
  return { lower: out.join(' '), names };
}

/**
 * Tagalog's particles and pronouns, ours, from its grammar: the case markers (ang, ng, sa, si,
 * ni, kay, mga), the linker na, and the commonest pronouns and conjunctions. English words of the
 * same spelling (at, may, din) are left out; all count only in lower case (Kay Ivey is a name),
 * but for the first word of the text.
 */
const TAGALOG = words(
  'ang ng sa mga ay si ni kay nang na hindi ito iyon siya niya nila kanyang kanilang mo po rin lang naman dahil ' +
    'kung pero yung ngayon noong upang ayon isang dalawang wala walang o pa pang mang iba',
);

function writesTagalogParticle(text: string): boolean {
  let first = true;
  for (const [word] of text.matchAll(/\p{L}+/gu)) {
    // The first word may be capitalised: "Ang Pangkalahatang Kapulungan".
    if (TAGALOG.has(first ? word.toLowerCase() : word)) return true;
    first = false;
  }
  return false;
}
