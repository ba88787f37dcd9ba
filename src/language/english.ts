/**
 * English against its Latin-script look-alikes on short text. On four to ten words of a headline
 * the n-gram model often puts English a hair behind French, Danish, Norwegian or Dutch ("Fire
 * Service suspends tours", "Detroit's Ghostbusters headline … at Canterbury Village"): names and
 * loanwords carry no language, and the few function words decide. This counts the words that
 * speak for English against one rival (English function words the rival does not write, English
 * possessives) and those that speak for the rival (its own function words), so that English,
 * close behind, takes the lead only on evidence, and never against the rival's own words.
 *
 * The word lists are ours, from the grammars: the commonest function words of each language.
 */

const words = (list: string) => new Set(list.split(' '));

/**
 * English function words, each with the Latin-script languages (of those the model ranks) that
 * write the same word: it counts for English only against a rival not listed. "of" is Dutch
 * (or), "to" Danish and Norwegian (two) and Slavic (it), "for" and "at" Scandinavian, "in" German,
 * Dutch, Italian and Slovene (and), "on" Slavic (he), "by" Scandinavian (town) and Polish, Czech
 * and Slovak (would), "will" and "was" German ("was" Dutch too), "as" Portuguese, "at" Tagalog
 * (and), "is" Hungarian (also) and Nordic (ice), "are" Romanian (has), "on" and "at" Turkish
 * (ten, horse), "have" Danish (garden).
 */
const ENGLISH: ReadonlyMap<string, ReadonlySet<string>> = new Map(
  Object.entries({
    the: '',
    of: 'nl',
    and: 'da nb',
    to: 'da nb pl cs sk sl hr',
    for: 'da nb sv',
    at: 'da nb tl tr',
    with: '',
    from: '',
    are: 'ro',
    were: '',
    has: '',
    have: 'da',
    its: '',
    this: '',
    that: '',
    says: '',
    said: '',
    into: '',
    about: '',
    than: '',
    who: '',
    which: '',
    their: '',
    would: '',
    could: '',
    been: '',
    after: '',
    what: '',
    how: '',
    why: '',
    when: '',
    where: '',
    will: 'de',
    was: 'de nl',
    is: 'nl hu da nb sv',
    in: 'de nl it sv da nb ro sl',
    on: 'fi et fr pl cs sk sl hr tr',
    by: 'da nb sv pl cs sk',
    as: 'pt',
  }).map(([word, also]) => [word, new Set(also ? also.split(' ') : [])]),
);

/** Function words of the languages the model puts ahead of English on short headlines. */
const RIVAL_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  fr: words(
    'le la les un une des du de et en au aux à pour sur par dans avec est sont qui que ne pas ce cette son sa ses',
  ),
  da: words('og i på til af en et den det der er som med for at har ikke om fra efter skal var de ved'),
  nb: words('og i på til av en et den det der er som med for at har ikke om fra etter skal var de ved'),
  sv: words('och i på till av en ett den det som är med för att har inte om från efter ska var de vid'),
  nl: words('de het een en van in op te met voor is zijn niet dat die bij naar om over uit wordt'),
  tl: words('ang ng sa mga ay si ni kay nang na at hindi ito siya niya nila po rin lang dahil kung pero'),
  de: words(
    'der die das den dem des und ist im mit für auf ein eine nicht von zu zum zur bei beim nach aus sich wir ich sie er es über wie wird hat sind auch noch nur vom am',
  ),
  es: words('el la los las un una y de del en con por para es que se al su'),
  pt: words('o os as um uma e de do da dos das em no na com por para é que se ao'),
  it: words('il lo la gli le un una e di del della in con per è che si al nel'),
};

/** Words of a text with their case, possessives kept whole (Detroit's, City’s). */
const TOKEN = /\p{L}+(?:['’]\p{L}+)*/gu;
/** An English possessive after a consonant: Detroit's, Biden's (Dutch writes Anna's, auto's). */
const POSSESSIVE = /[b-df-hj-np-tv-z]['’]s$/u;

/**
 * A date written month first, the month in English and capitalised, before a day of one or two
 * digits: "Jan. 2", "March 14". The neighbours put the day first and the month in lower case
 * ("2. januar", "2 janvier", "14 maart"); German writes "2. Januar".
 */
const ENGLISH_DATE =
  /\b(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)\s+\d{1,2}(?![\d.])/u;

/** Languages that capitalise every noun, so a headline of capitalised words is ordinary in them. */
const CAPITALISED_NOUNS = new Set(['de', 'lb']);

/**
 * True for a headline in title case, three words or more all capitalised (Police Blotter, Jan.
 * 2; For Auld Lang Jackass): English style, whose capitalised function words then count.
 */
function titleCase(tokens: readonly string[]): boolean {
  const words = tokens.filter((t) => t.length > 1);
  return words.length >= 3 && words.every((w) => w[0] !== w[0]?.toLowerCase());
}

/**
 * How many more words speak for English than for its `rivals` (the languages ranked ahead of it)
 * in `text`: English function words none of them writes and possessives, minus their function
 * words, and an English date. Words count in lower case, capitalised as the first word (For, The),
 * or any way in a title-case headline (of a language that writes headlines in sentence case).
 */
export function englishLead(text: string, rivals: readonly string[]): number {
  const tokens = [...text.matchAll(TOKEN)].map(([token]) => token);
  const titled = titleCase(tokens) && !rivals.some((r) => CAPITALISED_NOUNS.has(r));
  // Title case lets capitalised function words count (The Garden); alone it is no evidence:
  // feeds re-case headlines in any language ("Equinor Kutter Investeringer" is Norwegian).
  let lead = ENGLISH_DATE.test(text) ? 1 : 0;
  let first = true;
  for (const token of tokens) {
    const lower = token.toLowerCase();
    if (POSSESSIVE.test(lower)) lead++;
    else if (first || titled || lower === token) {
      const also = ENGLISH.get(lower);
      if (also) {
        if (!rivals.some((r) => also.has(r))) lead++;
      } else if (rivals.some((r) => RIVAL_WORDS[r]?.has(lower))) lead--;
    }
    first = false;
  }
  return lead;
}
