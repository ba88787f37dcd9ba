/**
 * Languages written in Cyrillic. The n-gram model knows ru, uk, be, bg and sr, and confuses them
 * on short text (they share most words' shapes). Their alphabets differ, though: Ukrainian alone
 * has ї є ґ, Belarusian ў and no и, Russian ы э and no і, Bulgarian neither ы nor э, Serbian
 * ђ ћ ј љ њ and no й я ю. So a language whose alphabet lacks a letter the text uses is ruled
 * out, and the model ranks the rest.
 *
 * Macedonian, Kazakh, Kyrgyz, Mongolian, Tajik and Uzbek are unknown to the model; they are
 * recognised by their alphabets (ѓ ќ ѕ; ә ғ қ ұ; ң ө ү; ӣ ӯ ҷ; ў with қ ғ ҳ) and scored as the
 * model's nearest language. Macedonian written without its own letters is told from Bulgarian by
 * a few function words (во/във, од/от, што/че), and from Serbian (which shares ј љ њ џ) by others
 * (е/је, во/у, со/са, ќе/ће, кога/када).
 *
 * Russian written without ы э ё (a short headline) shares every letter with Bulgarian, and Serbian
 * spells most of it too; where the model puts Russian a hair behind them, its adjective and verb
 * endings and a few words (года, что, для) decide (russianLead).
 *
 * Serbian comes out as `sr-Cyrl` here; Serbian in Latin letters is `sr-Latn` (see latin.ts).
 */
import type { Ranking } from './ranking.ts';

const RUSSIAN = 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя';

/** Lower-case alphabet of each language; `model` is the n-gram language that stands in for it. */
const ALPHABETS: Record<string, { letters: string; model: string }> = {
  ru: { letters: RUSSIAN, model: 'ru' },
  uk: { letters: 'абвгґдеєжзиіїйклмнопрстуфхцчшщьюя', model: 'uk' },
  be: { letters: 'абвгґдеёжзійклмнопрстуўфхцчшыьэюя', model: 'be' },
  bg: { letters: 'абвгдежзийклмнопрстуфхцчшщъьюяѝ', model: 'bg' },
  'sr-Cyrl': { letters: 'абвгдђежзијклљмнњопрстћуфхцчџш', model: 'sr' },
  mk: { letters: 'абвгдѓежзѕијклљмнњопрстќуфхцчџшѐѝ', model: 'bg' },
  kk: { letters: `${RUSSIAN}әғқңөұүһі`, model: 'ru' },
  ky: { letters: `${RUSSIAN}ңөү`, model: 'ru' },
  mn: { letters: `${RUSSIAN}өү`, model: 'ru' },
  tg: { letters: 'абвгғдеёжзиӣйкқлмнопрстуӯфхҳчҷшъэюя', model: 'ru' },
  uz: { letters: 'абвгғдеёжзийкқлмнопрстуўфхҳцчшъьэюя', model: 'ru' },
};

/**
 * Languages the n-gram model does not know take a small handicap so they do not win its ties;
 * among those, a smaller alphabet that still spells the text is the better guess (ө ү alone is
 * Mongolian rather than Kazakh, which would also show ә қ ғ).
 */
const UNMODELLED_PENALTY = 0.005;
const PER_LETTER_PENALTY = 0.00001;

/** Share of foreign letters tolerated in a long text (a quoted name from a neighbour's language). */
const FOREIGN_TOLERANCE = 0.004;

function letterCounts(text: string): { counts: Map<string, number>; total: number } {
  const counts = new Map<string, number>();
  let total = 0;
  for (const ch of text.toLowerCase()) {
    const c = ch.charCodeAt(0);
    if (c >= 0x0400 && c <= 0x052f) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
      total++;
    }
  }
  return { counts, total };
}

/** Frequent words Macedonian and Bulgarian spell differently (во/във, од/от, со/със, што/че…). */
const MACEDONIAN_WORDS = new Set([
  'во',
  'од',
  'со',
  'што',
  'кој',
  'која',
  'кое',
  'овој',
  'оваа',
  'ова',
  'денеска',
  'треба',
]);
const BULGARIAN_WORDS = new Set([
  'от',
  'във',
  'със',
  'че',
  'което',
  'които',
  'ще',
  'са',
  'този',
  'тази',
  'това',
  'днес',
]);

/** Frequent words Macedonian and Serbian spell differently: е/је, во/у, со/са, ќе/ће, кога/када. */
const MACEDONIAN_NOT_SERBIAN = new Set(
  'е во со кој кое ќе кога но година денеска беше секој секоја секое никој биде таа тоа врз ниту кај'.split(' '),
);
const SERBIAN_NOT_MACEDONIAN = new Set(
  'је у са који које ће када али године био била сваки свако нико неће буде није јер шта'.split(' '),
);

/** Macedonian's definite endings (расата, луѓето, правата, членовите), which Serbian nouns lack. */
const MACEDONIAN_DEFINITE = /.{3}(?:ата|ите|ето)$/u;

/**
 * Macedonian marker words minus those of `rival`: Macedonian without ѓ ќ ѕ is otherwise its
 * neighbour's. Against Serbian, definite endings count for Macedonian as well.
 */
function macedonianWordLead(
  words: readonly string[],
  own: ReadonlySet<string>,
  rival: ReadonlySet<string>,
  endings?: RegExp,
): number {
  let lead = 0;
  for (const word of words) {
    if (own.has(word) || endings?.test(word)) lead++;
    else if (rival.has(word)) lead--;
  }
  return lead;
}

function usesOwnLetter(counts: Map<string, number>, letters: string, model: string): boolean {
  const modelLetters = ALPHABETS[model]?.letters ?? '';
  for (const ch of letters) if (!modelLetters.includes(ch) && counts.has(ch)) return true;
  return false;
}

/**
 * Russian forms that Bulgarian, Serbian and Macedonian do not write: the adjective and pronoun
 * endings -ого -ому -ые after three letters or more (нового; Bulgarian много), not -ая and -ий,
 * which Bulgarian writes too (случая, трамвая: a noun and its article; литий, Сергий), the
 * reflexive verb in -ся (считается; the
 * others write a separate се), and a few frequent words (года, что, это, его, для, был).
 * Ukrainian shares most of these endings; it is told apart by its letters, not here.
 */
const RUSSIAN_ENDING = /.{3}(?:ого|ому|ые|ться|тся)$/u;
const RUSSIAN_WORDS = new Set(
  'года году что это этого его для к был была были было который которая которые которого также только более сегодня'.split(
    ' ',
  ),
);
/** Function words of the neighbours, which Russian does not write as such. */
const NEIGHBOUR_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  bg: BULGARIAN_WORDS,
  'sr-Cyrl': new Set('је са који које ће када али године био била није јер шта'.split(' ')),
  mk: MACEDONIAN_WORDS,
};
/** A doubled letter (Бобби, Россия, класс): Serbian spelling writes none. */
const DOUBLED = /(\p{L})\1/u;
/** How far behind a neighbour Russian may be for each word of lead its forms give it. */
const RUSSIAN_REACH = 0.03;

/**
 * How many more words speak for Russian than for the neighbours ranked ahead of it (`rivals`,
 * each of bg, sr-Cyrl, mk): Russian forms, a doubled letter when Serbian alone is ahead, less the
 * neighbours' own function words. Short headlines without ы э ё (Барбара «Бобби» Четтер, 92
 * года) are otherwise scored as Serbian or Bulgarian by a hair.
 */
export function russianLead(words: readonly string[], rivals: readonly string[]): number {
  let lead = 0;
  for (const word of words) {
    if (RUSSIAN_WORDS.has(word) || RUSSIAN_ENDING.test(word)) lead++;
    else if (rivals.some((r) => NEIGHBOUR_WORDS[r]?.has(word))) lead--;
  }
  if (rivals.every((r) => r === 'sr-Cyrl') && words.some((w) => DOUBLED.test(w))) lead++;
  return lead;
}

/** Ranks Cyrillic languages from the model's scores, ruling out those whose alphabet cannot spell the text. */
export function rankCyrillic(text: string, modelScores: Map<string, number>): Ranking {
  const { counts, total } = letterCounts(text);
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const foreign = new Map<string, number>();
  for (const [lang, { letters }] of Object.entries(ALPHABETS)) {
    let n = 0;
    for (const [ch, count] of counts) if (!letters.includes(ch)) n += count;
    foreign.set(lang, n);
  }
  const fewest = Math.min(...foreign.values());
  const tolerated = Math.max(fewest, Math.floor(total * FOREIGN_TOLERANCE));
  const ranking: Ranking = [];
  for (const [lang, { letters, model }] of Object.entries(ALPHABETS)) {
    if ((foreign.get(lang) ?? 0) > tolerated) continue;
    const modelled = model === (lang === 'sr-Cyrl' ? 'sr' : lang);
    // A language scored through another's model is a candidate only when the text shows a
    // letter of its own (Macedonian ј, Kazakh ә): otherwise it is the model language's shadow.
    const macedonianLead = lang === 'mk' ? macedonianWordLead(words, MACEDONIAN_WORDS, BULGARIAN_WORDS) : 0;
    // Only where the model prefers Serbian to Bulgarian: Bulgarian shares the definite endings.
    const serbianLike = (modelScores.get('sr') ?? 0) >= (modelScores.get('bg') ?? 0);
    const notSerbianLead =
      lang === 'mk' && serbianLike
        ? macedonianWordLead(words, MACEDONIAN_NOT_SERBIAN, SERBIAN_NOT_MACEDONIAN, MACEDONIAN_DEFINITE)
        : 0;
    if (!modelled && !usesOwnLetter(counts, letters, model) && macedonianLead <= 0 && notSerbianLead <= 0) continue;
    const penalty = (modelled ? 0 : UNMODELLED_PENALTY) + letters.length * PER_LETTER_PENALTY;
    // Against Serbian the words decide both ways: the model scores Macedonian as Bulgarian, so
    // its score says nothing about Serbian.
    const serbian = lang === 'mk' && notSerbianLead !== 0 ? (modelScores.get('sr') ?? 0) + 0.03 * notSerbianLead : 0;
    const score = Math.max(
      (modelScores.get(model) ?? 0) - penalty + Math.max(0, Math.min(0.1, 0.02 * macedonianLead)),
      serbian,
    );
    ranking.push({ lang, score });
  }
  ranking.sort((a, b) => b.score - a.score);
  const russian = ranking.find((c) => c.lang === 'ru');
  const leader = ranking[0];
  // A letter Russian does not write (Serbian ј, Ukrainian і, Belarusian ў…): a name's Russian ending
  // (Песков, Дмитрий) then decides nothing.
  const writesRussianOnly = foreign.get('ru') === 0;
  if (russian && leader && leader !== russian && leader.lang in NEIGHBOUR_WORDS && writesRussianOnly) {
    const rivals = ranking.filter((c) => c.score > russian.score).map((c) => c.lang);
    if (rivals.every((r) => r in NEIGHBOUR_WORDS)) {
      const lead = russianLead(words, rivals);
      if (lead > 0 && leader.score - russian.score <= RUSSIAN_REACH * lead) {
        russian.score = leader.score + 0.001;
        ranking.sort((a, b) => b.score - a.score);
      }
    }
  }
  return ranking;
}
