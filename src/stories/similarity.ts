/**
 * How likely two articles report the same event, in [0, 1]. Evidence, each IDF-weighted by the
 * archive's own statistics: shared words (headline and lead count more), shared names, shared
 * numbers; the publication gap discounts it all; an embedding, when configured, adds meaning that
 * words miss. Without translation, articles in two languages still meet on names, numbers and
 * Latin-script words they share.
 */
import type { Profile, StoryDoc } from './doc.ts';
import { profileOf } from './features.ts';
import { TermStats } from './term-stats.ts';

export interface SimilarityTuning {
  /** Shares of the lexical score. Names and numbers are what survives across languages. */
  terms: number;
  names: number;
  numbers: number;
  /** IDF is raised to this power: above 1, rare shared words (names of places, of things) count more. */
  idfPower: number;
  /** Across two languages word overlap is thin; names and numbers get this much more say. */
  crossLanguageBoost: number;
  /** Publication gap: no discount within `graceDays`, then e-fold every `decayDays`. */
  graceDays: number;
  decayDays: number;
  /** The raw score is bent by 1 − e^(−k·s) so scores read as probabilities, not cosines. */
  curve: number;
  /** Share of the embedding's cosine when both sides have one, and the cosine that counts as 0. */
  embedding: number;
  embeddingFloor: number;
}

export const DEFAULT_TUNING: SimilarityTuning = {
  terms: 0.85,
  names: 0.1,
  numbers: 0.05,
  idfPower: 1.2,
  crossLanguageBoost: 1.6,
  graceDays: 1,
  decayDays: 6,
  curve: 4,
  embedding: 0.5,
  embeddingFloor: 0.2,
};

type Scored = StoryDoc | Profile;

function isProfile(x: Scored): x is Profile {
  return (x as Profile).terms instanceof Map;
}

/** The archive-wide state similarity needs: term statistics, tuning, and a profile cache. */
export class SimilarityModel {
  private readonly cache = new WeakMap<StoryDoc, Profile>();

  constructor(
    readonly stats: TermStats = new TermStats(),
    readonly tuning: SimilarityTuning = DEFAULT_TUNING,
  ) {}

  profile(doc: Scored): Profile {
    if (isProfile(doc)) return doc;
    let p = this.cache.get(doc);
    if (!p) {
      p = profileOf(doc);
      this.cache.set(doc, p);
    }
    return p;
  }

  /** Profiles an article and counts it in the term statistics (the archive grew by one). */
  observe(doc: Scored): Profile {
    const p = this.profile(doc);
    this.stats.observe(p);
    return p;
  }

  /** Attaches a unit-length embedding to an article's profile. */
  setEmbedding(doc: Scored, vector: ArrayLike<number>): void {
    this.profile(doc).embedding = unit(vector);
  }
}

export function unit(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  let norm = 0;
  for (const x of out) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) / norm;
  return out;
}

/** Dot product of two vectors of one length (the cosine, for unit vectors). */
export function dotProduct(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

const defaultModel = new SimilarityModel();

/** 1 = the same event. Profiles both articles with `model` (cached) and scores them. */
export function similarity(a: Scored, b: Scored, model: SimilarityModel = defaultModel): number {
  return scoreProfiles(model.profile(a), model.profile(b), model.stats, model.tuning);
}

/** Cosine of two bags weighted by sublinear count × IDF. */
export function weightedCosine(a: Map<string, number>, b: Map<string, number>, idf: (key: string) => number): number {
  return cosineWithNorms(a, b, idf, bagNorm(a, idf), bagNorm(b, idf));
}

function cosineWithNorms(
  a: Map<string, number>,
  b: Map<string, number>,
  idf: (key: string) => number,
  normA: number,
  normB: number,
): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, va] of small) {
    const vb = large.get(k);
    if (vb === undefined) continue;
    const w = idf(k);
    dot += Math.log1p(va) * Math.log1p(vb) * w * w;
  }
  return dot === 0 ? 0 : Math.min(1, dot / (normA * normB));
}

/** The same cosine, with both sides already weighted (log1p(count) × weight, see `weightedBags`). */
function cosinePreweighted(a: Map<string, number>, b: Map<string, number>, normA: number, normB: number): number {
  if (a.size === 0 || b.size === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, xa] of small) {
    const xb = large.get(k);
    if (xb !== undefined) dot += xa * xb;
  }
  return dot === 0 ? 0 : Math.min(1, dot / (normA * normB));
}

function bagNorm(bag: Map<string, number>, idf: (key: string) => number): number {
  let sum = 0;
  for (const [k, v] of bag) {
    const x = Math.log1p(v) * idf(k);
    sum += x * x;
  }
  return Math.sqrt(sum) || 1;
}

function primary(language: string): string {
  return language.toLowerCase().split('-')[0] ?? '';
}

interface Weighers {
  terms: (k: string) => number;
  names: (k: string) => number;
  numbers: (k: string) => number;
}

/** Words are weighed within the language of the text they came from, names and numbers archive-wide. */
function weighers(stats: TermStats, power: number, language: string): Weighers {
  const w = (k: string) => stats.weight(k, power);
  return { terms: (k) => stats.weight(k, power, language), names: w, numbers: w };
}

/**
 * A profile's bag norms, computed once per profile version (a story drops them when it changes).
 * A story's norms may thus lag the archive's IDF by its idle time: a small error for a large saving.
 */
function normsOf(p: Profile, w: Weighers): NonNullable<Profile['norms']> {
  if (p.norms) return p.norms;
  p.norms = {
    terms: bagNorm(p.terms, w.terms),
    names: bagNorm(p.names, w.names),
    numbers: bagNorm(p.numbers, w.numbers),
  };
  return p.norms;
}

/**
 * A profile's bags with each count already turned into log1p(count) × weight, so scoring it
 * against many stories costs one lookup per key and no weight lookups (cached like the norms).
 * Each side is weighted by its own language's statistics, and the product stays symmetric.
 */
function weightedBags(p: Profile, w: Weighers): NonNullable<Profile['weighted']> {
  if (p.weighted) return p.weighted;
  const computeNorms = !p.norms;
  const squares = { terms: 0, names: 0, numbers: 0 };
  let latinSquares = 0;
  const weigh = (bag: Map<string, number>, part: keyof typeof squares) => {
    const out = new Map<string, number>();
    const weight = w[part];
    let sum = 0;
    for (const [k, v] of bag) {
      const x = weight(k);
      const tf = Math.log1p(v);
      out.set(k, tf * x);
      sum += tf * x * (tf * x);
      if (part === 'terms' && isLatinKey(k)) latinSquares += tf * x * (tf * x);
    }
    squares[part] = sum;
    return out;
  };
  p.weighted = {
    terms: weigh(p.terms, 'terms'),
    names: weigh(p.names, 'names'),
    numbers: weigh(p.numbers, 'numbers'),
    latinTermsNorm: Math.sqrt(latinSquares),
  };
  // The norms fall out of the same pass: no second round of weight lookups.
  if (computeNorms) {
    p.norms = {
      terms: Math.sqrt(squares.terms) || 1,
      names: Math.sqrt(squares.names) || 1,
      numbers: Math.sqrt(squares.numbers) || 1,
    };
  }
  return p.weighted;
}

/** An article's keys with their scoring weight (log1p(count) × IDF^power), cached. */
export function keyWeights(p: Profile, model: SimilarityModel): NonNullable<Profile['weighted']> {
  return weightedBags(p, weighers(model.stats, model.tuning.idfPower, p.language));
}

/** Whether most of a profile's term weight is in Latin script (the article "writes Latin"). */
export function writesLatin(p: Profile, model: SimilarityModel): boolean {
  const w = keyWeights(p, model);
  const n = p.norms?.terms ?? 1;
  return 2 * w.latinTermsNorm * w.latinTermsNorm >= n * n;
}

/** Keys in Latin script (Basic Latin to Latin Extended-B; stems are accent-folded anyway). */
function isLatinKey(key: string): boolean {
  return key.charCodeAt(0) < 0x250;
}

/**
 * Term norms for a cosine over the words both sides can share. A Chinese or Russian report and an
 * English one can only share the Latin-script words the former quotes (names, brands, acronyms):
 * its own words are no evidence either way, so its norm counts only its Latin words. A side
 * writes Latin when most of its term weight is Latin; two sides of one script are left alone.
 */
function commonScriptNorms(normA: number, latinA: number, normB: number, latinB: number): [number, number] {
  const aLatin = 2 * latinA * latinA >= normA * normA;
  const bLatin = 2 * latinB * latinB >= normB * normB;
  if (aLatin === bLatin) return [normA, normB];
  return aLatin ? [normA, latinB || 1] : [latinA || 1, normB];
}

/** Shared words it takes before a cosine over one script stands for two reports in two scripts. */
const MIN_SHARED_ACROSS_SCRIPTS = 2;

/** The terms cosine; when the two sides write different scripts, over the script both write. */
function termsCosine(
  wa: NonNullable<Profile['weighted']>,
  wb: NonNullable<Profile['weighted']>,
  normA: number,
  normB: number,
): number {
  const [ta, tb] = commonScriptNorms(normA, wa.latinTermsNorm, normB, wb.latinTermsNorm);
  if (ta === normA && tb === normB) return cosinePreweighted(wa.terms, wb.terms, normA, normB);
  // Two signals at least: one shared word (a name, a brand) must not stand for a whole report
  // (a Chinese match report naming its sponsor Gazprom is not the English Gazprom gas deal).
  const [small, large] = wa.terms.size <= wb.terms.size ? [wa.terms, wb.terms] : [wb.terms, wa.terms];
  let dot = 0;
  let shared = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y === undefined) continue;
    dot += x * y;
    shared++;
  }
  if (dot === 0) return 0;
  return Math.min(1, dot / (shared >= MIN_SHARED_ACROSS_SCRIPTS ? ta * tb : normA * normB));
}

/** The lexical evidence alone, before time and embeddings: a weighted mean of three cosines. */
export function lexicalScore(a: Profile, b: Profile, stats: TermStats, tuning: SimilarityTuning): number {
  const wa = weightedBags(a, weighers(stats, tuning.idfPower, a.language));
  const wb = weightedBags(b, weighers(stats, tuning.idfPower, b.language));
  const na = normsOf(a, weighers(stats, tuning.idfPower, a.language));
  const nb = normsOf(b, weighers(stats, tuning.idfPower, b.language));
  const terms = termsCosine(wa, wb, na.terms, nb.terms);
  const names = cosinePreweighted(wa.names, wb.names, na.names, nb.names);
  const numbers = cosinePreweighted(wa.numbers, wb.numbers, na.numbers, nb.numbers);
  const cross = primary(a.language) !== primary(b.language);
  const boost = cross ? tuning.crossLanguageBoost : 1;
  // A side with no names (or numbers) gives no evidence either way: its share goes to words.
  const wNames = a.names.size && b.names.size ? tuning.names * boost : 0;
  const wNumbers = a.numbers.size && b.numbers.size ? tuning.numbers * boost : 0;
  const wTerms = tuning.terms + (wNames ? 0 : tuning.names) + (wNumbers ? 0 : tuning.numbers);
  const mixed = (wTerms * terms + wNames * names + wNumbers * numbers) / (wTerms + wNames + wNumbers);
  return cross ? Math.min(1, mixed * boost) : mixed;
}

/** Discount for the publication gap: 1 within the grace period, then exponential. */
export function timeFactor(a: Profile, b: Profile, tuning: SimilarityTuning): number {
  if (a.time === undefined || b.time === undefined) return 1;
  const days = Math.abs(a.time - b.time) / 86_400_000;
  return Math.exp(-Math.max(0, days - tuning.graceDays) / tuning.decayDays);
}

export function scoreProfiles(
  a: Profile,
  b: Profile,
  stats: TermStats,
  tuning: SimilarityTuning = DEFAULT_TUNING,
): number {
  let s = 1 - Math.exp(-tuning.curve * lexicalScore(a, b, stats, tuning));
  if (a.embedding && b.embedding && a.embedding.length === b.embedding.length) {
    const semantic = Math.max(
      0,
      (dotProduct(a.embedding, b.embedding) - tuning.embeddingFloor) / (1 - tuning.embeddingFloor),
    );
    s = (1 - tuning.embedding) * s + tuning.embedding * semantic;
  }
  return Math.min(1, Math.max(0, s * timeFactor(a, b, tuning)));
}
