import type { TranslatorLimits } from './translator.ts';

/**
 * Cutting text to a provider's limits and packing it into requests. A block longer than one
 * request is split between sentences (never inside a word when it can be helped) and the pieces
 * are rejoined with the whitespace that separated them, so the block stays one block.
 */
export interface Piece {
  text: string;
  /** The whitespace that followed this piece in the original. */
  after: string;
}

/** Splits `text` into pieces of at most `maxChars`, preferring sentence, then word boundaries. */
export function splitText(text: string, maxChars: number, lang: string): Piece[] {
  if (text.length <= maxChars) return [{ text, after: '' }];
  const sentences = segmentsOf(text, lang, 'sentence').flatMap((s) =>
    s.length <= maxChars ? [s] : splitLongSentence(s, maxChars, lang),
  );
  // Pack whole sentences greedily, so a long paragraph becomes a few requests, not dozens.
  const packed: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (current !== '' && current.length + sentence.length > maxChars) {
      packed.push(current);
      current = '';
    }
    current += sentence;
  }
  if (current !== '') packed.push(current);
  return packed.map((chunk) => {
    const body = chunk.trimEnd();
    return { text: body, after: chunk.slice(body.length) };
  });
}

/** Rejoins translated pieces with the original whitespace between them. */
export function joinPieces(translated: readonly string[], pieces: readonly Piece[]): string {
  return translated
    .map((t, i) => t + (pieces[i]?.after ?? ''))
    .join('')
    .trimEnd();
}

function segmentsOf(text: string, lang: string, granularity: 'sentence' | 'word'): string[] {
  let segmenter: Intl.Segmenter;
  try {
    segmenter = new Intl.Segmenter(lang, { granularity });
  } catch {
    segmenter = new Intl.Segmenter('en', { granularity });
  }
  return Array.from(segmenter.segment(text), (s) => s.segment);
}

/** A sentence longer than one request: cut between words, and as a last resort anywhere. */
function splitLongSentence(sentence: string, maxChars: number, lang: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const word of segmentsOf(sentence, lang, 'word')) {
    if (current !== '' && current.length + word.length > maxChars) {
      out.push(current);
      current = '';
    }
    current += word;
    while (current.length > maxChars) {
      out.push(current.slice(0, maxChars));
      current = current.slice(maxChars);
    }
  }
  if (current !== '') out.push(current);
  return out;
}

/**
 * Groups segment indexes into requests that respect the provider's limits on segment count and
 * total characters. Order is kept, so outputs can be put back by position.
 */
export function planBatches(lengths: readonly number[], limits: TranslatorLimits): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let chars = 0;
  lengths.forEach((length, index) => {
    const full =
      current.length >= limits.maxSegmentsPerRequest ||
      (current.length > 0 && chars + length > limits.maxCharsPerRequest);
    if (full) {
      batches.push(current);
      current = [];
      chars = 0;
    }
    current.push(index);
    chars += length;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Runs `tasks` with at most `limit` in flight; rejects with the first error after in-flight tasks settle. */
export async function runBounded<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < tasks.length) {
      const index = next++;
      const task = tasks[index];
      if (!task) continue;
      try {
        results[index] = await task();
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, tasks.length)) }, worker));
  if (failure) throw failure.error;
  return results;
}
