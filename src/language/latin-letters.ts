/**
 * Letters beyond a–z that each Latin-script language writes. On short text the n-gram model
 * often hesitates between neighbours (Turkish and Romanian, Azerbaijani and Turkish, Danish and
 * English); a letter the language never writes (ü in Romanian, ğ in English) is then strong
 * evidence against it. Names from elsewhere carry such letters too (Erdoğan in an English
 * headline), so the evidence lowers a score a little per letter instead of ruling it out, and
 * counts less in a long text, where the model has plenty to go on.
 */

const OWN_LETTERS: Record<string, string> = {
  en: '',
  de: 'äöüß',
  fr: 'àâæçéèêëîïôœùûüÿ',
  es: 'áéíóúüñ',
  pt: 'áâãàçéêíóôõú',
  it: 'àèéìíîòóùú',
  ca: 'àçéèíïòóúü·',
  nl: 'áéèëíïóöü',
  pl: 'ąćęłńóśźż',
  cs: 'áčďéěíňóřšťúůýž',
  sk: 'áäčďéíĺľňóôŕšťúýž',
  sl: 'čšžćđ',
  hr: 'čćđšž',
  hu: 'áéíóöőúüű',
  ro: 'ăâîșțşţ',
  tr: 'çğıöşüâîû',
  az: 'çəğıöşü',
  sv: 'åäöé',
  da: 'æøåé',
  nb: 'æøåéòôó',
  fi: 'äöåšž',
  et: 'äöõüšž',
  lv: 'āčēģīķļņšūž',
  lt: 'ąčęėįšųūž',
  is: 'áðéíóúýþæö',
  sq: 'çë',
  eu: 'ñ',
  tl: 'ñ',
  ms: '',
  sw: '',
  rw: '',
  mt: 'àèìòùċġħż',
  mi: 'āēīōū',
};

/**
 * True unless the text uses letters `lang` never writes, beyond about one in a hundred (a quoted
 * name): a Turkish headline is no Maltese one, whatever its trigrams. Unknown alphabets pass.
 */
export function writesLettersOf(text: string, lang: string): boolean {
  const own = OWN_LETTERS[lang];
  if (own === undefined) return true;
  const { counts, letters } = accentedLetters(text);
  let foreign = 0;
  for (const [ch, n] of counts) if (!own.includes(ch)) foreign += n;
  return foreign <= Math.floor(letters / 100);
}

/** Score taken off per foreign letter in a short text, and the most taken off in all. */
const PENALTY_PER_LETTER = 0.04;
const MAX_PENALTY = 0.15;
/** Above this many letters, each foreign letter counts proportionally less. */
const SHORT_LETTERS = 60;

/** Counts of each non-ASCII Latin letter in the text, lower-cased (Turkish İ becomes i). */
function accentedLetters(text: string): { counts: Map<string, number>; letters: number } {
  const counts = new Map<string, number>();
  let letters = 0;
  for (const ch of text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\u0307/g, '')) {
    const c = ch.charCodeAt(0);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || ch === 'ə') letters++;
    if ((c >= 0xdf && c <= 0x24f && c !== 0xf7) || ch === 'ə') counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  return { counts, letters };
}

/**
 * Spanish and Catalan write ü only as the diaeresis of gü and qü (pingüino, qüestió): an ü after
 * any other letter (koronavirüs, Müller) is as foreign to them as ğ.
 */
const DIAERESIS_AFTER_GQ = new Set(['es', 'ca']);
const LOOSE_U = /(?<![gq])ü/giu;

/**
 * Lowers, in place, the score of each language with a known alphabet by the letters the text uses
 * that it does not write. Azerbaijani also loses for lacking ə, which nearly every sentence of it has,
 * and Spanish and Catalan for an ü that is no diaeresis.
 */
export function penalizeForeignLetters(text: string, scores: Map<string, number>): void {
  const { counts, letters } = accentedLetters(text);
  const scale = letters > SHORT_LETTERS ? SHORT_LETTERS / letters : 1;
  const looseU = counts.has('ü') ? (text.match(LOOSE_U) ?? []).length : 0;
  for (const [lang, score] of scores) {
    const own = OWN_LETTERS[lang];
    if (own === undefined) continue;
    let foreign = 0;
    for (const [ch, n] of counts) if (!own.includes(ch)) foreign += n;
    if (lang === 'az' && !counts.has('ə') && letters >= 15) foreign += 1;
    if (DIAERESIS_AFTER_GQ.has(lang)) foreign += looseU;
    if (foreign > 0) scores.set(lang, score - Math.min(MAX_PENALTY, PENALTY_PER_LETTER * foreign * scale));
  }
}
