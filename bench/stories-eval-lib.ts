/** Shared by the stories benchmarks: metrics and the MEANTIME reader. Not a benchmark itself. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StoryDoc } from '../src/stories/doc.ts';

export function pearson(x: number[], y: number[]): number {
  const n = x.length;
  const mx = x.reduce((a, b) => a + b, 0) / n;
  const my = y.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] ?? 0) - mx;
    const dy = (y[i] ?? 0) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxy / Math.sqrt(sxx * syy || 1);
}

/** B-cubed precision, recall and F1 of a clustering against gold labels, item by item. */
export function bcubed(
  predicted: Map<string, string>,
  gold: Map<string, string>,
): { p: number; r: number; f1: number } {
  const groups = (labels: Map<string, string>) => {
    const out = new Map<string, Set<string>>();
    for (const [item, label] of labels) {
      let set = out.get(label);
      if (!set) {
        set = new Set();
        out.set(label, set);
      }
      set.add(item);
    }
    return out;
  };
  const pg = groups(predicted);
  const gg = groups(gold);
  let p = 0;
  let r = 0;
  for (const [item, label] of predicted) {
    const mine = pg.get(label) ?? new Set<string>();
    const truth = gg.get(gold.get(item) ?? '') ?? new Set<string>();
    let both = 0;
    for (const x of mine) if (truth.has(x)) both++;
    p += both / mine.size;
    r += both / truth.size;
  }
  p /= predicted.size;
  r /= predicted.size;
  return { p, r, f1: (2 * p * r) / (p + r || 1) };
}

export interface MeantimeDoc extends StoryDoc {
  docId: string;
  topic: string;
}

/** Joins CoNLL tokens back into text: no space before closing punctuation or after opening. */
function detokenize(tokens: string[]): string {
  return tokens
    .join(' ')
    .replace(/ ([.,;:!?%)\]’”])/g, '$1')
    .replace(/([([“‘$]) /g, '$1')
    .replace(/ ?' ?s\b/g, "'s");
}

/**
 * MEANTIME's CoNLL files, one StoryDoc per document and language. Sentence 0 is the title,
 * sentence 1 the dateline; every language version gets the English dateline's date.
 */
export function readMeantime(dir: string): MeantimeDoc[] {
  const docs: MeantimeDoc[] = [];
  const englishDates = new Map<string, string>();
  for (const language of ['en', 'es', 'it', 'nl']) {
    const sentences = new Map<string, Map<number, string[]>>();
    for (const line of readFileSync(join(dir, language, 'meantime.conll'), 'utf8').split('\n')) {
      const cols = line.split('\t');
      if (cols.length < 4 || line.startsWith('#')) continue;
      const [doc = '', sent = '0', , token = ''] = cols;
      let bySentence = sentences.get(doc);
      if (!bySentence) {
        bySentence = new Map();
        sentences.set(doc, bySentence);
      }
      const n = Number(sent);
      bySentence.set(n, [...(bySentence.get(n) ?? []), token]);
    }
    for (const [doc, bySentence] of sentences) {
      const ordered = [...bySentence].sort((a, b) => a[0] - b[0]).map(([, t]) => detokenize(t));
      const [title = '', dateline = '', ...body] = ordered;
      if (language === 'en') {
        const t = Date.parse(dateline.replace(/ ,/g, ','));
        if (Number.isFinite(t)) englishDates.set(doc, new Date(t).toISOString());
      }
      docs.push({
        id: `${language}:${doc}`,
        docId: doc,
        topic: doc.split('/')[0] ?? '',
        language,
        title,
        text: body.join('\n'),
        published: englishDates.get(doc) ?? '2008-01-01T00:00:00Z',
      });
    }
  }
  return docs;
}
