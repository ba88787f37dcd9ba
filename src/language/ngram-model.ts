/**
 * The n-gram model: eld (Efficient Language Detector, Apache-2.0), 60 languages.
 *
 * Which database: eld ships four sizes. 'large' holds about 140 MB of heap for the life of the
 * process and loads in 1.5–3 s on this (shared, two-core) machine; 'medium' 70 MB and 0.7–1.5 s.
 * On the SemEval news set both score 99.8% on whole texts; on headlines large 98.7% against
 * medium 98.4% (en 97.7% vs 96.9%). We take 'large': a worker or server imports it once, and the
 * CLI imports this module lazily so other commands do not pay for it. `bench/language-eval.ts`
 * prints the figures.
 *
 * eld reads only about the first 350 bytes of what it is given, so a long article is sampled at
 * several places and the scores are averaged: a first paragraph in another language (a quoted
 * English title, a byline) then cannot decide alone.
 */
import { eld } from 'eld/large';

/** Language (eld's ISO 639-1 code) → score in [0, 1]; higher is more likely. */
export type Scores = Map<string, number>;

/** Characters per sample: eld stops after ~350 bytes, which is 120–350 characters. */
const SAMPLE_CHARS = 360;
/** Samples taken from a long text. */
const MAX_SAMPLES = 6;

export interface NgramResult {
  scores: Scores;
  /** Share of the samples that eld itself judged reliable. */
  reliable: number;
}

/** Adds one sample's scores to `into`; tells whether eld found a language and trusts it. */
function scoreSample(sample: string, into: Scores): 'none' | 'unreliable' | 'reliable' {
  const result = eld.detect(sample);
  if (!result.language) return 'none';
  for (const [lang, score] of Object.entries(result.getScores())) {
    into.set(lang, (into.get(lang) ?? 0) + score);
  }
  return result.isReliable() ? 'reliable' : 'unreliable';
}

/** Cuts `text` into at most MAX_SAMPLES windows spread evenly over it, each starting at a word. */
function samplesOf(text: string): string[] {
  if (text.length <= SAMPLE_CHARS * 1.5) return [text];
  const count = Math.min(MAX_SAMPLES, Math.ceil(text.length / SAMPLE_CHARS));
  const step = (text.length - SAMPLE_CHARS) / Math.max(1, count - 1);
  const samples: string[] = [];
  for (let i = 0; i < count; i++) {
    let start = Math.round(i * step);
    // Start after a space so the first word is whole (unless the text has no spaces: CJK).
    const space = text.indexOf(' ', start);
    if (start > 0 && space !== -1 && space - start < 40) start = space + 1;
    samples.push(text.slice(start, start + SAMPLE_CHARS));
  }
  return samples;
}

/** eld's scores for `text`, averaged over samples of a long text. */
export function ngramScores(text: string): NgramResult {
  const scores: Scores = new Map();
  const samples = samplesOf(text);
  let reliable = 0;
  let counted = 0;
  for (const sample of samples) {
    const outcome = scoreSample(sample, scores);
    if (outcome !== 'none') counted++;
    if (outcome === 'reliable') reliable++;
  }
  const n = Math.max(1, counted);
  for (const [lang, total] of scores) scores.set(lang, total / n);
  return { scores, reliable: reliable / n };
}
