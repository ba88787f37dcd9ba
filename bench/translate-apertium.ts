/**
 * Translation overhead: 200 Spanish articles through Meridian (translateArticle with the
 * apertium provider) against Apertium alone on the same text, in one run.
 *
 *   npx tsx bench/translate-apertium.ts [../shared/data] [--articles 200]
 *
 * Articles: the 120 Spanish MEANTIME documents (tokenized CoNLL, rejoined; sentence 0 is the
 * title, sentence 1 the dateline, used as standfirst; three sentences per paragraph), then
 * Spanish texts of the SemEval 2022 task 8 pairs (title before the first double space; the body
 * cut into three-sentence paragraphs) until there are enough.
 *
 * Fairness: both sides run one `apertium -u spa-eng FILE` process per article (Meridian batches
 * a whole article into one call: it is under the provider's 200-segment / 50,000-character
 * request limit), one article at a time (MERIDIAN_APERTIUM_CONCURRENCY=1), and the two sides
 * alternate article by article so load on the machine falls on both alike. Apertium alone gets
 * the article's segments joined by blank lines, as one would feed it by hand; Meridian adds its
 * separator lines, hashing, cache look-ups and writes, batching and reassembly.
 *
 * Figures: total time of each side, Meridian's overhead as a share of the engine's time
 * (target < 10%), Meridian's own time outside the engine call, and the provider calls of a
 * second pass over the same articles (target 0).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Config } from '../src/config/config.ts';
import type { Block } from '../src/model/article.ts';
import { type TranslatableArticle, translateArticle } from '../src/translate/article.ts';
import { MemorySegmentCache } from '../src/translate/cache.ts';
import { createTranslator } from '../src/translate/providers/index.ts';
import type { Translator } from '../src/translate/translator.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { articles: { type: 'string', default: '200' } },
});
const dataDir = resolve(positionals[0] ?? '../shared/data');
const wanted = Number(values.articles);

// ---------------------------------------------------------------------------------------------
// Building articles from the corpora

/** Rejoins CoNLL tokens: no space before closing punctuation, none after opening marks. */
function detokenize(tokens: readonly string[]): string {
  let out = '';
  let quoteOpen = false;
  for (const token of tokens) {
    const noSpaceBefore = /^[.,;:!?%)\]}»]$/.test(token) || (token === '"' && quoteOpen);
    const prev = out.at(-1) ?? '';
    const afterOpening = /[(¿¡[{«]$/.test(out) || (prev === '"' && quoteOpen);
    if (out !== '' && !noSpaceBefore && !afterOpening) out += ' ';
    out += token;
    if (token === '"') quoteOpen = !quoteOpen;
  }
  return out;
}

function paragraphs(sentences: readonly string[], per = 3): Block[] {
  const blocks: Block[] = [];
  for (let i = 0; i < sentences.length; i += per)
    blocks.push({ kind: 'p', text: sentences.slice(i, i + per).join(' ') });
  return blocks;
}

function meantimeArticles(file: string): TranslatableArticle[] {
  const docs = new Map<string, Map<number, string[]>>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const cols = line.split('\t');
    if (cols.length < 4 || line.startsWith('#')) continue;
    const [doc = '', sentence = '0', , token = ''] = cols;
    const sentences = docs.get(doc) ?? new Map<number, string[]>();
    docs.set(doc, sentences);
    const n = Number(sentence);
    sentences.set(n, [...(sentences.get(n) ?? []), token]);
  }
  return [...docs.values()].map((sentences) => {
    const ordered = [...sentences.entries()].sort((a, b) => a[0] - b[0]).map(([, t]) => detokenize(t));
    return {
      title: ordered[0] ?? '',
      standfirst: ordered[1] ?? '',
      blocks: paragraphs(ordered.slice(2)),
      language: 'es',
    };
  });
}

/** Minimal RFC 4180 reader (quoted fields with commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

function semevalArticles(file: string): TranslatableArticle[] {
  const [header = [], ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const col = (name: string) => header.indexOf(name);
  const texts = new Set<string>();
  for (const r of rows) {
    if (r[col('lang1')] === 'es') texts.add(r[col('text1')] ?? '');
    if (r[col('lang2')] === 'es') texts.add(r[col('text2')] ?? '');
  }
  const segmenter = new Intl.Segmenter('es', { granularity: 'sentence' });
  return [...texts]
    .map((t) => t.trim())
    .filter((t) => t.length >= 400)
    .map((t) => {
      const cut = t.indexOf('  ');
      const title = cut > 0 ? t.slice(0, cut).trim() : '';
      const body = cut > 0 ? t.slice(cut).trim() : t;
      const sentences = Array.from(segmenter.segment(body), (s) => s.segment.trim()).filter(Boolean);
      return { title, blocks: paragraphs(sentences), language: 'es' };
    });
}

// ---------------------------------------------------------------------------------------------
// Apertium alone

async function apertiumAlone(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-apertium-'));
  try {
    const input = join(dir, 'input.txt');
    await writeFile(input, text, 'utf8');
    return await new Promise((resolvePromise, reject) => {
      const child = spawn('apertium', ['-u', 'spa-eng', input], { stdio: ['ignore', 'pipe', 'inherit'] });
      const out: Buffer[] = [];
      child.stdout.on('data', (c: Buffer) => out.push(c));
      child.on('error', reject);
      child.on('close', (code) =>
        code === 0 ? resolvePromise(Buffer.concat(out).toString('utf8')) : reject(new Error(`apertium exited ${code}`)),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function segmentsOf(a: TranslatableArticle): string[] {
  return [a.title, a.standfirst ?? '', ...a.blocks.map((b) => b.text), a.image?.caption ?? ''].filter(
    (s) => s.trim() !== '',
  );
}

// ---------------------------------------------------------------------------------------------

/** Wraps the provider to time the engine calls made from inside Meridian. */
function timed(translator: Translator): { translator: Translator; engineMs: () => number; calls: () => number } {
  let ms = 0;
  let calls = 0;
  return {
    translator: {
      ...translator,
      async translate(segments, source, target, options) {
        const t0 = performance.now();
        calls++;
        try {
          return await translator.translate(segments, source, target, options);
        } finally {
          ms += performance.now() - t0;
        }
      },
    },
    engineMs: () => ms,
    calls: () => calls,
  };
}

async function main(): Promise<void> {
  const meantime = join(dataDir, 'meantime/es/meantime.conll');
  const semeval = join(dataDir, 'semeval2022-task8-pairs/training_set.csv');
  if (!existsSync(meantime) || !existsSync(semeval)) throw new Error(`data not found under ${dataDir}`);
  const articles = [...meantimeArticles(meantime), ...semevalArticles(semeval)].slice(0, wanted);
  const segments = articles.reduce((n, a) => n + segmentsOf(a).length, 0);
  const chars = articles.reduce((n, a) => n + segmentsOf(a).join('').length, 0);
  const words = articles.reduce((n, a) => n + segmentsOf(a).join(' ').split(/\s+/).length, 0);
  console.log(
    `articles: ${articles.length} (MEANTIME es + SemEval es), ${segments} segments, ${words} words, ${chars} characters`,
  );

  const base = await createTranslator(
    Config.fromEnv({ MERIDIAN_TRANSLATOR: 'apertium', MERIDIAN_APERTIUM_CONCURRENCY: '1' }),
  );
  const probe = timed(base);
  const cache = new MemorySegmentCache();
  const deps = { translator: probe.translator, cache, target: 'en' };

  // Warm both paths (disk cache of the language data, JIT) on an article outside the measured set.
  await apertiumAlone('Hola.');
  await translateArticle(
    { title: 'Hola mundo.', blocks: [], language: 'es' },
    { ...deps, cache: new MemorySegmentCache() },
  );
  const warmCalls = probe.calls();
  const warmEngine = probe.engineMs();

  let aloneMs = 0;
  let meridianMs = 0;
  let providerCalls = 0;
  let blocksOk = true;
  for (const [i, article] of articles.entries()) {
    const runAlone = async () => {
      const t0 = performance.now();
      await apertiumAlone(segmentsOf(article).join('\n\n'));
      aloneMs += performance.now() - t0;
    };
    const runMeridian = async () => {
      const t0 = performance.now();
      const result = await translateArticle(article, deps);
      meridianMs += performance.now() - t0;
      providerCalls += result.providerCalls;
      if (result.blocks.length !== article.blocks.length) blocksOk = false;
    };
    // Alternate which side goes first, so neither always runs on a warmer machine.
    if (i % 2 === 0) {
      await runAlone();
      await runMeridian();
    } else {
      await runMeridian();
      await runAlone();
    }
  }
  const engineMs = probe.engineMs() - warmEngine;

  const t0 = performance.now();
  let secondCalls = 0;
  let secondCached = 0;
  for (const article of articles) {
    const result = await translateArticle(article, deps);
    secondCalls += result.providerCalls;
    secondCached += result.cachedSegments;
  }
  const secondMs = performance.now() - t0;

  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `Apertium alone:            ${(aloneMs / 1000).toFixed(2)} s (${articles.length} runs, ${Math.round(words / (aloneMs / 1000))} words/s)`,
  );
  console.log(
    `Meridian (first pass):     ${(meridianMs / 1000).toFixed(2)} s (${providerCalls} provider calls, ${probe.calls() - warmCalls} engine runs)`,
  );
  console.log(`  engine time inside:      ${(engineMs / 1000).toFixed(2)} s`);
  console.log(
    `  Meridian's own time:     ${((meridianMs - engineMs) / 1000).toFixed(3)} s = ${pct((meridianMs - engineMs) / engineMs)} of engine time`,
  );
  console.log(`Overhead vs Apertium alone: ${pct((meridianMs - aloneMs) / aloneMs)} (target < 10%)`);
  console.log(`Block counts preserved:    ${blocksOk ? 'yes' : 'NO'}`);
  console.log(
    `Second pass:               ${secondCalls} provider calls, ${secondCached} segments from cache, ${(secondMs / 1000).toFixed(3)} s`,
  );
}

await main();
