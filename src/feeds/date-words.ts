/**
 * The words feed dates are written with: month names in the languages of the catalog's outlets
 * and the time-zone abbreviations seen in RFC 822 dates. Data only; `dates.ts` uses them.
 */

const ENGLISH: Record<number, string> = {
  1: 'jan january',
  2: 'feb february',
  3: 'mar march',
  4: 'apr april',
  5: 'may',
  6: 'jun june',
  7: 'jul july',
  8: 'aug august',
  9: 'sep sept september',
  10: 'oct october',
  11: 'nov november',
  12: 'dec december',
};

const LOCALIZED: Record<number, string> = {
  // German, French, Spanish, Portuguese, Italian, Dutch, Indonesian, Polish, Turkish, Russian, Ukrainian
  1: 'januar jänner jän janvier janv enero ene janeiro gennaio gen januari stycznia styczeń sty ocak январь января янв січень січня січ',
  2: 'februar février fevrier févr fevr febrero fevereiro fev febbraio februari lutego luty lut şubat subat февраль февраля фев февр лютий лютого лют',
  3: 'märz mär maerz mrz mars marzo março marco maart maret marca marzec mart март марта мар березень березня бер',
  4: 'avril avr abril abr aprile april kwietnia kwiecień kwi nisan апрель апреля апр квітень квітня квіт',
  5: 'mai mayo maio maggio mag mei maja maj mayıs mayis май мая травень травня трав',
  6: 'juni juin junio junho giugno giu czerwca czerwiec cze haziran июнь июня июн червень червня черв',
  7: 'juli juillet juil julio julho luglio lug lipca lipiec lip temmuz июль июля июл липень липня лип',
  8: 'august août aout agosto ago augustus agustus ags sierpnia sierpień sie ağustos agustos август августа авг серпень серпня серп',
  9: 'september septembre septiembre setiembre setembro settembre set sep wrzesnia września wrzesień wrz eylül eylul сентябрь сентября сен сент вересень вересня вер',
  10: 'oktober okt octobre octubre outubro out ottobre ott oct października pazdziernika październik paź ekim октябрь октября окт жовтень жовтня жовт',
  11: 'november novembre noviembre novembro nov listopada listopad lis kasım kasim ноябрь ноября ноя листопад листопада лист',
  12: 'dezember dez décembre decembre déc diciembre dic dezembro dicembre desember grudnia grudzień gru aralık aralik декабрь декабря дек грудень грудня груд',
};

/** Month number (1–12) by lower-case word: full names and the abbreviations sites print. */
export const MONTHS: ReadonlyMap<string, number> = buildMonths();

function buildMonths(): Map<string, number> {
  const map = new Map<string, number>();
  for (const table of [ENGLISH, LOCALIZED]) {
    for (const [month, words] of Object.entries(table)) {
      for (const word of words.split(' ')) if (!map.has(word)) map.set(word, Number(month));
    }
  }
  return map;
}

/**
 * Offsets in minutes east of UTC. RFC 822 defines UT/GMT and the US zones; the rest are what
 * feeds print. Ambiguous abbreviations take the reading RFC 822 or the news world uses most:
 * CST is US Central (RFC 822), IST is India, AST is Atlantic.
 */
export const ZONES: ReadonlyMap<string, number> = new Map(
  Object.entries({
    z: 0,
    ut: 0,
    utc: 0,
    gmt: 0,
    wet: 0,
    est: -300,
    edt: -240,
    cst: -360,
    cdt: -300,
    mst: -420,
    mdt: -360,
    pst: -480,
    pdt: -420,
    akst: -540,
    akdt: -480,
    hst: -600,
    ast: -240,
    adt: -180,
    nst: -210,
    ndt: -150,
    art: -180,
    brt: -180,
    clt: -240,
    cot: -300,
    pet: -300,
    vet: -240,
    bst: 60,
    ist: 330,
    west: 60,
    cet: 60,
    met: 60,
    mez: 60,
    cest: 120,
    mest: 120,
    mesz: 120,
    eet: 120,
    eest: 180,
    sast: 120,
    cat: 120,
    eat: 180,
    wat: 60,
    msk: 180,
    мск: 180,
    trt: 180,
    irst: 210,
    gst: 240,
    pkt: 300,
    npt: 345,
    bdt: 360,
    ict: 420,
    wib: 420,
    wita: 480,
    wit: 540,
    hkt: 480,
    sgt: 480,
    myt: 480,
    pht: 480,
    awst: 480,
    jst: 540,
    kst: 540,
    acst: 570,
    acdt: 630,
    aest: 600,
    aedt: 660,
    nzst: 720,
    nzdt: 780,
  }),
);
