/**
 * Per-language report over every language of the built-in catalog: sentences (headline length)
 * and paragraphs of the development text (language-dev-text.ts), each detected without a prior and
 * with the prior of an outlet that declares the language (the one declaring the most languages
 * besides, the harder case). A prediction counts when it is what Meridian reports for the declared
 * tag (coverage.ts: fil → tl, bs and sr-ME → hr, nb → no; `sr` matches sr-Cyrl and sr-Latn).
 * Returns a markdown table; `language-eval.ts` prints it and writes it to bench/RESULTS.md.
 */
import { loadCatalog } from '../src/catalog/catalog.ts';
import { detectionTag } from '../src/language/coverage.ts';
import type { detectLanguage as DetectLanguage } from '../src/language/detect.ts';
import { primaryLanguage } from '../src/language/tags.ts';
import { devText } from './language-dev-text.ts';

interface Row {
  tag: string;
  outlets: number;
  prior: string[];
  cells: Array<{ right: number; total: number; errors: Map<string, number> }>;
}

const COLUMNS = ['sentences, no prior', 'sentences, prior', 'paragraphs, no prior', 'paragraphs, prior'];

function correct(predicted: string, wanted: string): boolean {
  return predicted === wanted || (!wanted.includes('-') && primaryLanguage(predicted) === wanted);
}

export function catalogLanguageReport(detectLanguage: typeof DetectLanguage): {
  markdown: string;
  worst: { sentencesPrior: number; sentencesNoPrior: number };
  msPerSentence: number;
} {
  const outlets = loadCatalog().outlets;
  const tags = [...new Set(outlets.flatMap((o) => o.languages))].sort();
  const rows: Row[] = [];
  let sentenceMs = 0;
  let sentenceCount = 0;
  for (const tag of tags) {
    const text = devText(tag);
    const wanted = detectionTag(tag);
    if (!text || !wanted) continue;
    const declaring = outlets.filter((o) => o.languages.includes(tag));
    const prior = [...declaring].sort((a, b) => b.languages.length - a.languages.length)[0]?.languages ?? [tag];
    const run = (texts: string[], expected?: string[]) => {
      const cell = { right: 0, total: 0, errors: new Map<string, number>() };
      for (const t of texts) {
        const lang = detectLanguage(t, expected ? { expected } : {}).lang;
        cell.total++;
        if (correct(lang, wanted)) cell.right++;
        else cell.errors.set(lang, (cell.errors.get(lang) ?? 0) + 1);
      }
      return cell;
    };
    const sentencesNoPrior = run(text.sentences);
    // Timed on a second pass: the first warms up the code (JIT), as a long-running worker is.
    const start = performance.now();
    run(text.sentences);
    sentenceMs += performance.now() - start;
    sentenceCount += text.sentences.length;
    rows.push({
      tag,
      outlets: declaring.length,
      prior,
      cells: [sentencesNoPrior, run(text.sentences, prior), run(text.paragraphs), run(text.paragraphs, prior)],
    });
  }
  const pct = (c: Row['cells'][number]) => (c.total === 0 ? '—' : `${((100 * c.right) / c.total).toFixed(1)}%`);
  const errs = (c: Row['cells'][number]) =>
    [...c.errors]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([k, n]) => `${k}×${n}`)
      .join(' ');
  const lines = [
    `| language (outlets) | prior | n sentences / paragraphs | ${COLUMNS.join(' | ')} | errors (sentences, no prior) |`,
    `|---|---|---|${COLUMNS.map(() => '---:').join('|')}|---|`,
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.tag} (${r.outlets}) | ${r.prior.join(',')} | ${r.cells[0]?.total} / ${r.cells[2]?.total} | ${r.cells.map(pct).join(' | ')} | ${errs(r.cells[0]!)} |`,
    );
  }
  const rate = (i: number) => (r: Row) => (r.cells[i]!.total === 0 ? 1 : r.cells[i]!.right / r.cells[i]!.total);
  return {
    markdown: lines.join('\n'),
    worst: {
      sentencesNoPrior: Math.min(...rows.map(rate(0))),
      sentencesPrior: Math.min(...rows.map(rate(1))),
    },
    msPerSentence: sentenceMs / sentenceCount,
  };
}
