/**
 * Extraction quality on public evaluation sets, through the same path as `meridian extract`
 * (read, gunzip, decode, extract). Usage:
 *
 *   npx tsx bench/extract-eval.ts [--show N] [DIR...]
 *
 * Each DIR is recognised by its contents:
 *  - trafilatura evaluation (evaldata.json + html/<file>.gz): "with" snippets found are true
 *    positives, missing false negatives; "without" snippets found are false positives, absent true
 *    negatives; summed over the corpus, F1 = 2TP/(2TP+FP+FN). White space is collapsed; a crash
 *    counts as empty output.
 *  - article-extraction-benchmark (ground-truth.json or a *.json of {id: {articleBody, url}} +
 *    html/<id>.html[.gz]): Unicode \w+ tokens, 4-gram shingle multisets, precision and recall per
 *    document averaged over documents, F1 of the two averages. An empty output scores 0/0.
 *  - Readability's test pages (pages/<slug>/source.html + expected.html): the same shingle scoring
 *    against the text of Readability.js's own expected output (a sanity check, not human gold).
 * Default: ../shared/data/trafilatura-eval and ../shared/data/readability-test-pages.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { extractFile } from '../src/cli/commands/extract.ts';

const args = process.argv.slice(2);
const showIndex = args.indexOf('--show');
const show = showIndex >= 0 ? Number(args.splice(showIndex, 2)[1]) : 0;
const dirs = args.length > 0 ? args : ['../shared/data/trafilatura-eval', '../shared/data/readability-test-pages'];

const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Body text of one page as the CLI would print it; empty on error (crash = empty output). */
function textOf(file: string, url: string): { text: string; error?: string } {
  const record = extractFile(file, { url });
  return record.error ? { text: '', error: record.error } : { text: record.text ?? '' };
}

function evalTrafilatura(dir: string): void {
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; with: string[]; without: string[] }
  >;
  let tp = 0;
  let fn = 0;
  let fp = 0;
  let tn = 0;
  let errors = 0;
  const misses: string[] = [];
  const started = performance.now();
  for (const [url, entry] of Object.entries(data)) {
    const path = join(dir, 'html', `${entry.file}.gz`);
    const { text, error } = textOf(existsSync(path) ? path : join(dir, 'html', entry.file), url);
    if (error) errors++;
    const out = collapse(text);
    for (const snippet of entry.with) {
      if (out.includes(collapse(snippet))) tp++;
      else {
        fn++;
        misses.push(`FN ${entry.file}: ${snippet}${error ? ` [${error}]` : ''}`);
      }
    }
    for (const snippet of entry.without) {
      if (out.includes(collapse(snippet))) {
        fp++;
        misses.push(`FP ${entry.file}: ${snippet}`);
      } else tn++;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const pages = Object.keys(data).length;
  console.log(`trafilatura-eval ${dir}: ${pages} pages in ${seconds.toFixed(1)} s, ${errors} without article/error`);
  console.log(`  TP ${tp} FN ${fn} FP ${fp} TN ${tn}`);
  console.log(
    `  precision ${(tp / (tp + fp)).toFixed(4)}  recall ${(tp / (tp + fn)).toFixed(4)}  F1 ${((2 * tp) / (2 * tp + fp + fn)).toFixed(4)}`,
  );
  for (const line of misses.slice(0, show)) console.log(`  ${line}`);
}

const TOKEN = /[\p{L}\p{M}\p{N}_]+/gu;

function shingles(text: string, n = 4): Map<string, number> {
  const tokens = text.match(TOKEN) ?? [];
  const out = new Map<string, number>();
  const add = (key: string) => out.set(key, (out.get(key) ?? 0) + 1);
  if (tokens.length > 0 && tokens.length < n) add(tokens.join(' '));
  for (let i = 0; i + n <= tokens.length; i++) add(tokens.slice(i, i + n).join(' '));
  return out;
}

/** Precision and recall of predicted against gold text over 4-gram shingle multisets. */
function shingleScore(gold: string, predicted: string): { precision: number; recall: number } {
  const g = shingles(gold);
  const p = shingles(predicted);
  let overlap = 0;
  let predictedCount = 0;
  let goldCount = 0;
  for (const [key, count] of p) {
    predictedCount += count;
    overlap += Math.min(count, g.get(key) ?? 0);
  }
  for (const count of g.values()) goldCount += count;
  if (goldCount === 0 && predictedCount === 0) return { precision: 1, recall: 1 };
  return {
    precision: predictedCount === 0 ? 0 : overlap / predictedCount,
    recall: goldCount === 0 ? 0 : overlap / goldCount,
  };
}

function report(name: string, scores: { id: string; precision: number; recall: number }[], seconds: number) {
  const p = scores.reduce((s, x) => s + x.precision, 0) / scores.length;
  const r = scores.reduce((s, x) => s + x.recall, 0) / scores.length;
  console.log(`${name}: ${scores.length} pages in ${seconds.toFixed(1)} s`);
  console.log(`  precision ${p.toFixed(4)}  recall ${r.toFixed(4)}  F1 ${((2 * p * r) / (p + r)).toFixed(4)}`);
  const worst = [...scores].sort((a, b) => a.precision + a.recall - b.precision - b.recall).slice(0, show);
  for (const w of worst) console.log(`  ${w.id}: P ${w.precision.toFixed(3)} R ${w.recall.toFixed(3)}`);
}

function evalShingleBenchmark(dir: string, goldFile: string): void {
  const gold = JSON.parse(readFileSync(goldFile, 'utf8')) as Record<string, { articleBody: string; url?: string }>;
  const scores: { id: string; precision: number; recall: number }[] = [];
  const started = performance.now();
  for (const [id, entry] of Object.entries(gold)) {
    const candidates = [`${id}.html.gz`, `${id}.html`].map((f) => join(dir, 'html', f));
    const file = candidates.find((f) => existsSync(f)) ?? candidates[1]!;
    const { text } = textOf(file, entry.url ?? 'http://example.invalid/');
    scores.push({ id, ...shingleScore(entry.articleBody ?? '', text) });
  }
  report(`article-extraction-benchmark ${dir}`, scores, (performance.now() - started) / 1000);
}

function evalReadabilityPages(dir: string): void {
  const root = existsSync(join(dir, 'pages')) ? join(dir, 'pages') : dir;
  const scores: { id: string; precision: number; recall: number }[] = [];
  const started = performance.now();
  for (const slug of readdirSync(root).sort()) {
    const expectedPath = join(root, slug, 'expected.html');
    if (!existsSync(expectedPath)) continue;
    const { document } = parseHTML(`<!doctype html><html><body>${readFileSync(expectedPath, 'utf8')}</body></html>`);
    const gold = document.body?.textContent ?? '';
    const { text } = textOf(join(root, slug, 'source.html'), 'http://fakehost/test/page.html');
    scores.push({ id: slug, ...shingleScore(gold, text) });
  }
  report(`readability-test-pages ${dir}`, scores, (performance.now() - started) / 1000);
}

for (const dir of dirs) {
  if (existsSync(join(dir, 'evaldata.json'))) evalTrafilatura(dir);
  else if (existsSync(join(dir, 'pages')) || existsSync(join(dir, '001'))) evalReadabilityPages(dir);
  else {
    const goldFile = ['ground-truth.json', 'gold.json'].map((f) => join(dir, f)).find((f) => existsSync(f));
    if (goldFile) evalShingleBenchmark(dir, goldFile);
    else console.error(`${dir}: not a known evaluation layout (see the header of this file)`);
  }
}
