/**
 * Extraction quality on the development sets, per set and per language, with plain Readability
 * (mozilla/readability 0.6 over linkedom, default options) scored the same way beside each figure,
 * the false "no article" count on every page that is an article, and the throughput of both in
 * this one process. Usage:
 *
 *   npx tsx bench/extract-eval.ts [--show N] [--dump FILE] [--gate] [DIR...]
 *
 * Each DIR is recognised by its contents:
 *  - trafilatura evaluation (evaldata.json + html/<file>.gz): "with" snippets found are true
 *    positives, missing false negatives; "without" snippets found are false positives; summed over
 *    the pages, F1 = 2TP/(2TP+FP+FN). Languages from lang-guess.heuristic.json. A page with "with"
 *    snippets is an article.
 *  - Readability's test pages (pages/<slug>/source.html + expected.html): 4-gram shingles against
 *    the text of Readability.js's own expected output (a sanity check, not human gold); language
 *    detected from that text. Every page is an article.
 *  - zh-web-content-extraction (original/<id>.html + cleaned/<id>.txt): 4-gram shingles against
 *    the hand-copied text. Every page is a Chinese article.
 *  Shingles (bench/extract-scoring.ts) are over words, with each CJK character a token; precision
 *  and recall per page are averaged, and F1 is taken of the averages. An empty output scores 0/0.
 * Pages are read as `meridian extract` reads them (gunzip, charset detection); both extractors get
 * the same decoded string. Throughput counts extraction only, alternating which runs first.
 *
 * --gate: Meridian only (half the time), compared with bench/extract-floors.json; exits 1 when a
 *   set's F1 falls below its floor or any article page comes back as "no article" (`.ci/run`).
 * Otherwise the figures are written to bench/RESULTS.md (section extract-eval).
 * Default DIRs: ../shared/data/{trafilatura-eval,readability-test-pages,zh-web-content-extraction}.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { articleText, readPageBytes } from '../src/cli/commands/extract.ts';
import { extractArticle } from '../src/extract/extract.ts';
import { detectLanguage } from '../src/language/detect.ts';
import { decodeBody } from '../src/net/charset.ts';
import {
  averagedF1,
  type PageScore,
  type SnippetCounts,
  shingleScore,
  snippetCounts,
  snippetF1,
} from './extract-scoring.ts';
import { writeResults } from './results.ts';

const args = process.argv.slice(2);
function option(name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : undefined;
}
function flag(name: string): boolean {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
}
const show = Number(option('--show') ?? 0);
const dumpFile = option('--dump');
const gate = flag('--gate');
const DATA = '../shared/data';
const dirs =
  args.length > 0
    ? args
    : ['trafilatura-eval', 'readability-test-pages', 'zh-web-content-extraction'].map((d) => join(DATA, d));

/** One development page: where it is, how it is scored, whether it is an article. */
interface Page {
  set: string;
  id: string;
  lang: string;
  file: string;
  url: string;
  isArticle: boolean;
  gold: { kind: 'shingles'; text: string } | { kind: 'snippets'; with: string[]; without: string[] };
}

interface Outcome {
  text: string;
  /** null: the extractor said "no article" (or threw). */
  none: boolean;
  ms: number;
}

function trafilaturaPages(dir: string): Page[] {
  const data = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; with: string[]; without: string[] }
  >;
  const langPath = join(dir, 'lang-guess.heuristic.json');
  const langs = existsSync(langPath) ? (JSON.parse(readFileSync(langPath, 'utf8')) as Record<string, string>) : {};
  return Object.entries(data).map(([url, entry]) => {
    const gz = join(dir, 'html', `${entry.file}.gz`);
    return {
      set: 'trafilatura-eval',
      id: entry.file,
      lang: langs[url] ?? '?',
      file: existsSync(gz) ? gz : join(dir, 'html', entry.file),
      url,
      isArticle: entry.with.length > 0,
      gold: { kind: 'snippets', with: entry.with, without: entry.without },
    };
  });
}

function readabilityPages(dir: string): Page[] {
  const root = existsSync(join(dir, 'pages')) ? join(dir, 'pages') : dir;
  const pages: Page[] = [];
  for (const slug of readdirSync(root).sort()) {
    const expectedPath = join(root, slug, 'expected.html');
    if (!existsSync(expectedPath)) continue;
    const { document } = parseHTML(`<!doctype html><html><body>${readFileSync(expectedPath, 'utf8')}</body></html>`);
    const text = document.body?.textContent ?? '';
    pages.push({
      set: 'readability-test-pages',
      id: slug,
      lang: detectLanguage(text).lang.split('-')[0] ?? '?',
      file: join(root, slug, 'source.html'),
      url: 'http://fakehost/test/page.html',
      isArticle: true,
      gold: { kind: 'shingles', text },
    });
  }
  return pages;
}

function chinesePages(dir: string): Page[] {
  return readdirSync(join(dir, 'original'))
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const id = basename(f, '.html');
      return {
        set: 'zh-web-content-extraction',
        id,
        lang: 'zh',
        file: join(dir, 'original', f),
        url: 'http://example.invalid/',
        isArticle: true,
        gold: { kind: 'shingles', text: readFileSync(join(dir, 'cleaned', `${id}.txt`), 'utf8') },
      };
    });
}

function pagesOf(dir: string): Page[] {
  if (existsSync(join(dir, 'evaldata.json'))) return trafilaturaPages(dir);
  if (existsSync(join(dir, 'pages')) || existsSync(join(dir, '001'))) return readabilityPages(dir);
  if (existsSync(join(dir, 'original')) && existsSync(join(dir, 'cleaned'))) return chinesePages(dir);
  console.error(`${dir}: not a known evaluation layout (see the header of this file)`);
  return [];
}

function runMeridian(html: string, url: string): Outcome {
  const t0 = performance.now();
  let text = '';
  let none = true;
  try {
    const article = extractArticle(html, url);
    if (article) {
      text = articleText(article);
      none = false;
    }
  } catch {
    // A crash counts as empty output.
  }
  return { text, none, ms: performance.now() - t0 };
}

function runReadability(html: string): Outcome {
  const t0 = performance.now();
  let text = '';
  let none = true;
  try {
    const { document } = parseHTML(html);
    const result = new Readability(document as unknown as Document).parse();
    if (result) {
      text = result.textContent ?? '';
      none = false;
    }
  } catch {
    // As above.
  }
  return { text, none, ms: performance.now() - t0 };
}

type Score = { kind: 'shingles'; score: PageScore } | { kind: 'snippets'; counts: SnippetCounts };

function score(page: Page, text: string): Score {
  return page.gold.kind === 'shingles'
    ? { kind: 'shingles', score: shingleScore(page.gold.text, text) }
    : { kind: 'snippets', counts: snippetCounts(text, page.gold.with, page.gold.without) };
}

interface Result {
  page: Page;
  meridian: Outcome & { score: Score };
  readability?: Outcome & { score: Score };
}

function evaluate(page: Page, index: number): Result {
  let html = '';
  try {
    html = decodeBody(readPageBytes(page.file)).text;
  } catch {
    // Unreadable: both get an empty page.
  }
  // Alternate which extractor runs first, so neither always meets a warm cache.
  const first = index % 2 === 0 && !gate;
  const before = first ? runReadability(html) : undefined;
  const m = runMeridian(html, page.url);
  const r = gate ? undefined : (before ?? runReadability(html));
  return {
    page,
    meridian: { ...m, score: score(page, m.text) },
    ...(r ? { readability: { ...r, score: score(page, r.text) } } : {}),
  };
}

/** F1 of a group of results, by the scoring their set uses. */
function f1Of(results: Result[], which: 'meridian' | 'readability'): number {
  const scores = results.map((r) => r[which]?.score).filter((s): s is Score => s !== undefined);
  const shingled = scores.flatMap((s) => (s.kind === 'shingles' ? [s.score] : []));
  const counted = scores.flatMap((s) => (s.kind === 'snippets' ? [s.counts] : []));
  return counted.length > 0 ? snippetF1(counted).f1 : averagedF1(shingled).f1;
}

const falseNone = (results: Result[], which: 'meridian' | 'readability') =>
  results.filter((r) => r.page.isArticle && r[which]?.none);

interface Row {
  name: string;
  pages: number;
  articles: number;
  meridian: number;
  readability?: number;
  meridianNone: number;
  readabilityNone?: number;
}

function row(name: string, results: Result[]): Row {
  return {
    name,
    pages: results.length,
    articles: results.filter((r) => r.page.isArticle).length,
    meridian: f1Of(results, 'meridian'),
    meridianNone: falseNone(results, 'meridian').length,
    ...(gate
      ? {}
      : { readability: f1Of(results, 'readability'), readabilityNone: falseNone(results, 'readability').length }),
  };
}

function rowsFor(set: string, results: Result[]): Row[] {
  const byLang = new Map<string, Result[]>();
  for (const r of results) byLang.set(r.page.lang, [...(byLang.get(r.page.lang) ?? []), r]);
  const langs = [...byLang.entries()].sort((a, b) => b[1].length - a[1].length);
  const rows = [row(`**${set}**`, results)];
  if (langs.length > 1) for (const [lang, group] of langs) rows.push(row(`${set} · ${lang}`, group));
  return rows;
}

function markdownTable(rows: Row[]): string {
  const f = (x: number | undefined) => (x === undefined ? '–' : x.toFixed(4));
  const lines = [
    '| set · language | pages | articles | Meridian F1 | Readability F1 | Δ | false "no article" (Meridian / Readability) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of rows) {
    const delta = r.readability === undefined ? undefined : r.meridian - r.readability;
    const sign = delta !== undefined && delta >= 0 ? '+' : '';
    lines.push(
      `| ${r.name} | ${r.pages} | ${r.articles} | ${f(r.meridian)} | ${f(r.readability)} | ${delta === undefined ? '–' : sign + delta.toFixed(4)} | ${r.meridianNone} / ${r.readabilityNone ?? '–'} |`,
    );
  }
  return lines.join('\n');
}

function worstPages(results: Result[]): string[] {
  const value = (s: Score) =>
    s.kind === 'shingles' ? s.score.precision + s.score.recall : -(s.counts.fn + s.counts.fp);
  const gap = (r: Result) => value(r.meridian.score) - (r.readability ? value(r.readability.score) : 0);
  return [...results]
    .sort((a, b) => gap(a) - gap(b))
    .slice(0, show)
    .map((r) => {
      const describe = (o: Outcome & { score: Score }) =>
        o.none
          ? 'none'
          : o.score.kind === 'shingles'
            ? `P ${o.score.score.precision.toFixed(3)} R ${o.score.score.recall.toFixed(3)}`
            : `FN ${o.score.counts.fn} FP ${o.score.counts.fp}`;
      return `  ${r.page.set}/${r.page.id} [${r.page.lang}]: Meridian ${describe(r.meridian)}${r.readability ? `, Readability ${describe(r.readability)}` : ''}`;
    });
}

const started = performance.now();
const all: Result[] = [];
const rows: Row[] = [];
for (const dir of dirs) {
  const pages = pagesOf(dir);
  if (pages.length === 0) continue;
  const results = pages.map((page, i) => evaluate(page, i));
  all.push(...results);
  rows.push(...rowsFor(pages[0]!.set, results));
  for (const line of worstPages(results)) console.log(line);
}
const table = markdownTable(rows);
console.log(table);

const lost = falseNone(all, 'meridian');
for (const r of lost) console.log(`  no article: ${r.page.set}/${r.page.id} [${r.page.lang}] ${r.page.url}`);

const meridianSeconds = all.reduce((s, r) => s + r.meridian.ms, 0) / 1000;
const readabilitySeconds = all.reduce((s, r) => s + (r.readability?.ms ?? 0), 0) / 1000;
const speed = gate
  ? `Meridian ${(all.length / meridianSeconds).toFixed(1)} pages/s`
  : `Meridian ${(all.length / meridianSeconds).toFixed(1)} pages/s, Readability+linkedom ${(all.length / readabilitySeconds).toFixed(1)} pages/s: ${(readabilitySeconds / meridianSeconds).toFixed(2)}× (extraction only, ${all.length} pages, same process, alternating order)`;
console.log(speed);
console.log(`(${((performance.now() - started) / 1000).toFixed(0)} s in all)`);

if (dumpFile) {
  const lines = all.map((r) =>
    JSON.stringify({
      set: r.page.set,
      id: r.page.id,
      lang: r.page.lang,
      meridian: { none: r.meridian.none, ms: r.meridian.ms, score: r.meridian.score },
      readability: r.readability && { none: r.readability.none, ms: r.readability.ms, score: r.readability.score },
    }),
  );
  writeFileSync(dumpFile, `${lines.join('\n')}\n`);
}

if (gate) process.exit(checkFloors(rows, lost.length) ? 0 : 1);
writeResults('extract-eval', `${table}\n\n${speed}. The machine is shared: pages/s are noisy, the ratio less so.`);

/** The gate: every set at or above its floor in bench/extract-floors.json, no article lost. */
function checkFloors(measured: Row[], lostCount: number): boolean {
  const path = join(dirname(fileURLToPath(import.meta.url)), 'extract-floors.json');
  const floors = JSON.parse(readFileSync(path, 'utf8')) as { sets: Record<string, number>; maxFalseNoArticle: number };
  let ok = true;
  for (const [set, floor] of Object.entries(floors.sets)) {
    const found = measured.find((r) => r.name === `**${set}**`);
    if (!found) continue; // the set is not on this machine
    const pass = found.meridian >= floor;
    console.log(`gate: ${set} F1 ${found.meridian.toFixed(4)} (floor ${floor}) ${pass ? 'ok' : 'BELOW FLOOR'}`);
    ok &&= pass;
  }
  const pass = lostCount <= floors.maxFalseNoArticle;
  console.log(`gate: ${lostCount} article pages lost (at most ${floors.maxFalseNoArticle}) ${pass ? 'ok' : 'FAILED'}`);
  return ok && pass;
}
