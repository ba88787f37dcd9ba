/**
 * How each country frames a story: the words and names its coverage uses markedly more than the
 * rest of the story's coverage, by the log-odds ratio with an informative Dirichlet prior of
 * Monroe, Colaresi and Quinn ("Fightin' Words", Political Analysis 2008). For word w, country i
 * and the rest j, with prior pseudo-counts α_w = α0 · (share of w in the whole story):
 *
 *   δ_w = log((y_iw + α_w) / (n_i + α0 − y_iw − α_w)) − log((y_jw + α_w) / (n_j + α0 − y_jw − α_w))
 *   σ²_w ≈ 1 / (y_iw + α_w) + 1 / (y_jw + α_w),   z_w = δ_w / σ_w
 *
 * The prior shrinks rare words' ratios toward zero, so one odd word in one article is not a
 * "frame"; z above ~1.96 is a difference unlikely by chance.
 *
 * Only English text is compared (English originals and translations): words of untranslated
 * articles would set one language's grammar against another's. A country whose coverage is not
 * translated yet is listed with its count of untranslated articles and no words.
 */
import type { StoryDoc } from './doc.ts';
import { readerText, SurfaceForms, surfaceCounts } from './surface.ts';
import { NAME_PREFIX } from './term-stats.ts';

export interface FramingTerm {
  term: string;
  z: number;
  /** Occurrences in the country's coverage. */
  count: number;
}

export interface CountryFraming {
  country: string;
  articles: number;
  /** Of `articles`, those not in English yet (left out of the comparison). */
  untranslated: number;
  words: FramingTerm[];
  names: FramingTerm[];
}

export interface FramingOptions {
  /** Total prior pseudo-count α0; default: the story's own token count, capped at 10,000. */
  alpha0?: number;
  /** Least z-score to list a term. */
  minZ?: number;
  /** Terms per list. */
  top?: number;
}

type Counts = Map<string, number>;

function addInto(into: Counts, from: Counts): void {
  for (const [k, v] of from) into.set(k, (into.get(k) ?? 0) + v);
}

function total(c: Counts): number {
  let n = 0;
  for (const v of c.values()) n += v;
  return n;
}

/** z-scores of every key of `mine` against `rest`, with prior shares from `all`. */
export function logOddsZ(mine: Counts, rest: Counts, all: Counts, alpha0: number): Map<string, number> {
  const ni = total(mine);
  const nj = total(rest);
  const nAll = total(all) || 1;
  const out = new Map<string, number>();
  for (const [w, yi] of mine) {
    const yj = rest.get(w) ?? 0;
    const a = (alpha0 * (all.get(w) ?? yi)) / nAll;
    const delta = Math.log((yi + a) / (ni + alpha0 - yi - a)) - Math.log((yj + a) / (nj + alpha0 - yj - a));
    const variance = 1 / (yi + a) + 1 / (yj + a);
    out.set(w, delta / Math.sqrt(variance));
  }
  return out;
}

/** Per country of the story (two countries at least), its over-used words and names. */
export function countryFraming(articles: StoryDoc[], options: FramingOptions = {}): CountryFraming[] {
  const minZ = options.minZ ?? 1.96;
  const top = options.top ?? 8;
  const forms = new SurfaceForms();
  const byCountry = new Map<string, { articles: number; untranslated: number; counts: Counts }>();
  for (const doc of articles) {
    const country = doc.country ?? 'XX';
    const entry = byCountry.get(country) ?? { articles: 0, untranslated: 0, counts: new Map() };
    entry.articles++;
    byCountry.set(country, entry);
    if (readerText(doc).language !== 'en') {
      entry.untranslated++;
      continue;
    }
    const { words, names } = surfaceCounts(doc, forms);
    addInto(entry.counts, words);
    addInto(entry.counts, names);
  }
  if (byCountry.size < 2) return [];
  const all: Counts = new Map();
  for (const { counts } of byCountry.values()) addInto(all, counts);
  const alpha0 = options.alpha0 ?? Math.min(10_000, total(all));

  const result: CountryFraming[] = [];
  for (const [country, { articles: n, untranslated, counts }] of byCountry) {
    if (counts.size === 0) {
      result.push({ country, articles: n, untranslated, words: [], names: [] });
      continue;
    }
    const rest: Counts = new Map();
    for (const [other, { counts: c }] of byCountry) if (other !== country) addInto(rest, c);
    const z = logOddsZ(counts, rest, all, alpha0);
    const ranked = [...z]
      .filter(([, score]) => score >= minZ)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([key, score]) => ({
        key,
        term: forms.display(key),
        z: Math.round(score * 100) / 100,
        count: counts.get(key) ?? 0,
      }));
    const pick = (names: boolean) =>
      ranked
        .filter((t) => t.key.startsWith(NAME_PREFIX) === names)
        .slice(0, top)
        .map(({ term, z: score, count }) => ({ term, z: score, count }));
    result.push({ country, articles: n, untranslated, words: pick(false), names: pick(true) });
  }
  return result.sort((a, b) => b.articles - a.articles || a.country.localeCompare(b.country));
}
