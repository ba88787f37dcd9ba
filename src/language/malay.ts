/**
 * Indonesian `id` or Malay `ms`: the two standards of one language. Most sentences are spelled
 * the same in both, so only words one standard writes and the other does not tell them apart:
 * the evidence is a weighted count of such words, positive for Indonesian.
 *
 * Where the lists come from: the spelling and vocabulary pairs of the two standards as set out in
 * Wikipedia's "Comparison of Standard Malay and Indonesian" and Wiktionary's "Appendix:Indonesian–
 * Standard Malay relations" (karena/kerana, uang/wang, kesehatan/kesihatan, dokter/doktor,
 * resmi/rasmi, Senin/Isnin, berbeda/berbeza, pribadi/peribadi, pidana/jenayah, terdakwa/tertuduh,
 * narkoba/dadah…), kept to words that are frequent in news (dates, days, institutions,
 * the police, money and its signs RM and Rp, health, travel, the verbs of reported speech: ujarnya,
 * tuturnya). A word goes in a list only if the other standard's news does not write it in any
 * sense: pejabat (Malay office, Indonesian official), kanak-kanak, gempa susulan, kilang minyak and
 * bandar udara are written in both and are left out.
 * Words both standards use but in different measure count half (`WEAK`): Indonesian news says
 * `tidak boleh` (must not) where Malay says `boleh` for can, and Malay says `daripada` where
 * Indonesian mostly says `dari`. Left out on purpose: `dari` (Malay news uses it for places and
 * times as often), `negeri` (Indonesian luar negeri, Pengadilan Negeri), `-kan` and `-nya` (both).
 * Besides whole words, word shapes: Malay takes English `-ity` as `-iti` (universiti, komuniti,
 * aktiviti, kualiti) where Indonesian takes Dutch `-iteit` as `-itas` (universitas, komunitas,
 * aktivitas, kualitas), and a few stems are spelled apart in all their derivations (Malay sihat,
 * seksa, kurnia, faham, isytihar, perkhidmatan, ubat; Indonesian sehat, siksa, karunia, paham, obat).
 */

const list = (words: string) => words.split(' ');

/** Indonesian words and spellings (each counts 1 towards Indonesian). */
const INDONESIAN = list(
  // spelling pairs
  'karena bahwa uang persen miliar triliun kendaraan tentara agustus desember juni juli maret senin kamis jumat ' +
    'parlemen kampanye proyek dokter resmi taksi film musik mau ' +
    // vocabulary pairs
    'pemerintah kantor pajak pengadilan kecelakaan internasional universitas telepon rupiah ' +
    'yaitu sedangkan ungkap bisa kemarin besok tersangka karyawan pria ' +
    'investasi pemilu koran pernyataan wisatawan pariwisata olahraga mobil gratis pabrik ' +
    'apapun hendaknya konstitusi sesudah pidana perbatasan serikat rahasia maupun istirahat ' +
    'liburan perserikatan diperbolehkan kasus panitia sekretaris terkait jelang ujar ujarnya tutur ' +
    'tuturnya rp terdakwa terdampak narkoba ponsel bandara',
);
/** Malay words and spellings (each counts 1 towards Malay). */
const MALAY = list(
  // spelling pairs
  'kerana bahawa peratus bilion trilion kenderaan tentera ogos disember jun julai mac isnin khamis jumaat ' +
    'parlimen kempen projek rasmi teksi filem muzik mahu baharu sahaja ' +
    // vocabulary pairs
    'polis syarikat kemalangan antarabangsa universiti telefon ringgit ' +
    'iaitu manakala bagaimanapun selepas mangsa kakitangan ' +
    'pelaburan pelabur akhbar mesyuarat perlembagaan lawatan pelancong pelancongan sukan percuma ' +
    'tempatan jurucakap pengangkutan menyiasat siasatan sebarang hendaklah ekoran ianya ' +
    'jenayah sempadan sekerja rahsia mahupun rehat percutian pertubuhan pengundian mengundi ' +
    'berkongsi maklumat kes jawatankuasa setiausaha naib timbalan rm tertuduh terjejas dadah bimbit',
);
/** Words both use, one far more than the other: half a point each. */
const WEAK: ReadonlyMap<string, number> = new Map([
  ...list(
    'boleh daripada beliau berkata kenyataan semasa bekas kereta ahli semula berkesan pasukan warganegara berlaku ' +
      // Malay's words for government, court, money, man and physician: Indonesian writes them for
      // kingdom (Kerajaan Arab Saudi), its high courts (Mahkamah Agung), the name Wang (lower-cased
      // here), literary man and PhD.
      'kerajaan mahkamah wang lelaki doktor ' +
      // and Malay's words Indonesian also writes in another sense or less often: kumpulan
      // (collection), awam (lay), di pasaran, cukai (excise), semalam, esok, ialah, suspek.
      'kumpulan awam pasaran cukai semalam esok ialah suspek',
  ).map((w) => [w, -0.5] as const),
  ...list(
    'saja banyak dapat harus hingga mulai meski sejumlah saat kelompok kesempatan efektif berbagi informasi menemukan pasar tim ' +
      // Indonesian's usual words that Malay news writes too, less often: Presiden (of other
      // countries), tersebut, polisi (Malay: policy), perusahaan (Perusahaan Kecil dan Sederhana),
      // kunjungan hormat, mantan, setelah, mengatakan, menurutnya, terjadi (Malay: berlaku), korban
      // (Malay: sacrifice), yakni; soal, usai, bakal.
      'presiden tersebut polisi perusahaan kunjungan mantan setelah mengatakan menurutnya soal usai bakal ' +
      'terjadi korban yakni',
  ).map((w) => [w, 0.5] as const),
]);

const WEIGHTS: ReadonlyMap<string, number> = new Map([
  ...INDONESIAN.map((w) => [w, 1] as const),
  ...MALAY.map((w) => [w, -1] as const),
  ...WEAK,
]);

/** Word shapes: [pattern, weight]. Stems are matched inside derivations (kesihatan, diseksa). */
const SHAPES: ReadonlyArray<readonly [RegExp, number]> = [
  // -iti of at least seven letters, but not (pen)eliti (Indonesian teliti, peneliti: research).
  [/^\p{L}{4,}(?<!el)iti$/u, -1],
  [/^\p{L}{3,}itas$/u, 1],
  // Not seksama (Indonesian: careful), nor the Indonesian name Kurniawan.
  // sihat as a stem (kesihatan, menyihatkan), not inside nasihat and penasihat, which both write;
  // khidmat only as Malay's word for service (perkhidmatan): Indonesian writes khidmat (solemn).
  [/^(?:ke|menye?)?sihat|seksa(?!ma)|isytihar|perkhidmatan|^(?:dikurniai|dikurniakan|mengurniakan|kurniaan)$/u, -1],
  [/^(?:faham|fahaman|difahami|memfahami|kefahaman|ubat|perubatan|mengubati)$/u, -1],
  [/^(?:fikir|fikiran|berfikir|difikirkan|kahwin|berkahwin|perkahwinan|kewajipan)$/u, -1],
  [/^(?:beza|berbeza|perbezaan|membezakan|dibezakan|menubuhkan|ditubuhkan|penubuhan)$/u, -1],
  [/peribadi|iktiraf/u, -1],
  // bahawa/bahwa in their formal longer form (bahawasanya, bahwasanya: that, whereas).
  [/^bahawasanya$/u, -1],
  [/^bahwasanya$/u, 1],
  [/sehat|siksa|karunia/u, 1],
  [/^(?:paham|pemahaman|dipahami|obat|pengobatan|mengobati)$/u, 1],
  [/^(?:pikir|pikiran|berpikir|dipikirkan|kawin|perkawinan|kewajiban|kewajibannya)$/u, 1],
  [/^(?:beda|berbeda|perbedaan|membedakan|dibedakan|pribadi|pribadinya|kepribadian)$/u, 1],
];

/**
 * How much more the words of a text say Indonesian than Malay (`lead`: positive for Indonesian,
 * negative for Malay, 0 when they are silent or even), and how many of those words or shapes
 * belong to one standard alone (`strong`). `tokens` are lower-cased words.
 */
export function standardEvidence(tokens: readonly string[]): { lead: number; strong: number } {
  let lead = 0;
  let strong = 0;
  for (const t of tokens) {
    const w = WEIGHTS.get(t);
    if (w !== undefined) {
      lead += w;
      if (Math.abs(w) >= 1) strong++;
      continue;
    }
    for (const [shape, weight] of SHAPES) {
      if (shape.test(t)) {
        lead += weight;
        strong++;
        break;
      }
    }
  }
  return { lead, strong };
}
