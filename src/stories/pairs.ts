/**
 * Article pairs in the SemEval-2022 Task 8 CSV layout (pair_id, lang1, lang2, text1, text2, other
 * columns ignored; a text's first line is its title), and their scoring with term statistics
 * learned from every text of the file: the file is the archive.
 */
import { parseCsv } from '../util/csv.ts';
import type { StoryDoc } from './doc.ts';
import { splitTitle } from './features.ts';
import { SimilarityModel, similarity } from './similarity.ts';

export interface ArticlePair {
  pairId: string;
  a: StoryDoc;
  b: StoryDoc;
  /** Every column of the row by header name, for evaluation (`Overall`). */
  columns: Record<string, string>;
}

export class PairFormatError extends Error {}

export function readPairs(csv: string): ArticlePair[] {
  const [header, ...rows] = parseCsv(csv);
  if (!header) return [];
  const col = (name: string) => header.indexOf(name);
  const need = ['pair_id', 'lang1', 'lang2', 'text1', 'text2'];
  const missing = need.filter((n) => col(n) < 0);
  if (missing.length > 0) throw new PairFormatError(`CSV header lacks ${missing.join(', ')}`);
  const pairs: ArticlePair[] = [];
  for (const row of rows) {
    if (row.length === 1 && row[0] === '') continue; // blank line
    const get = (name: string) => row[col(name)] ?? '';
    const doc = (side: '1' | '2'): StoryDoc => {
      const { title, body } = splitTitle(get(`text${side}`));
      return { id: `${get('pair_id')}/${side}`, language: get(`lang${side}`), title, text: body };
    };
    const columns: Record<string, string> = {};
    header.forEach((h, i) => {
      columns[h] = row[i] ?? '';
    });
    pairs.push({ pairId: get('pair_id'), a: doc('1'), b: doc('2'), columns });
  }
  return pairs;
}

/** Learns term statistics from all texts, then scores each pair. */
export function scorePairs(pairs: ArticlePair[], model = new SimilarityModel()): number[] {
  for (const p of pairs) {
    model.observe(p.a);
    model.observe(p.b);
  }
  return pairs.map((p) => similarity(p.a, p.b, model));
}
