/**
 * Translation throughput: N Spanish articles through Meridian (translateArticle with the
 * apertium provider, its long-lived null-flush pipelines) against one `apertium -u spa-eng FILE`
 * run over the same text in one file, in one run.
 *
 *   npx tsx bench/translate-apertium.ts [../shared/data] [--articles 302] [--concurrency 8]
 *
 * Articles: the 120 Spanish MEANTIME documents (tokenized CoNLL, rejoined; sentence 0 is the
 * title, sentence 1 the dateline, used as standfirst; three sentences per paragraph), then
 * Spanish texts of the SemEval 2022 task 8 pairs (title before the first double space; the body
 * cut into three-sentence paragraphs) until there are enough.
 *
 * Fairness: Apertium alone gets every article's segments joined by blank lines in one file and
 * one process, the fastest way to use the command by hand. Meridian translates the articles as
 * its worker does (`--concurrency` articles at once, each one translateArticle call with its
 * hashing, cache look-ups and writes, batching, separators and reassembly), and its time
 * includes starting its pipelines. The two runs alternate order over three rounds and the
 * medians are reported. A second pass over the same articles shows the cache (target 0 calls).
 *
 * Figures: each side's time, the ratio (target ≤ 1.5×), where Meridian's time goes (pipeline
 * start, its own work outside the engine) and the share of segments whose English is the same as
 * the single run's.
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
import { parseCsv } from '../src/util/csv.ts';
import { writeResults } from './results.ts';
import { median } from './stats.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    articles: { type: 'string', default: '302' },
    concurrency: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
  },
});
const dataDir = resolve(positionals[0] ?? '../shared/data');
const wanted = Number(values.articles);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

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

/** Wraps the provider to time the engine calls made from inside Meridian (wall time they cover). */
function timed(translator: Translator): { translator: Translator; busyMs: () => number; calls: () => number } {
  let busy = 0;
  let since = 0;
  let open = 0;
  let calls = 0;
  return {
    translator: {
      ...translator,
      async translate(segments, source, target, options) {
        calls++;
        if (open++ === 0) since = performance.now();
        try {
          return await translator.translate(segments, source, target, options);
        } finally {
          if (--open === 0) busy += performance.now() - since;
        }
      },
    },
    busyMs: () => busy,
    calls: () => calls,
  };
}

async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

interface MeridianRun {
  ms: number;
  /** CPU of Meridian's own process (hashing, cache, deformat/reformat, batching), not Apertium's. */
  nodeCpuMs: number;
  startMs: number;
  busyMs: number;
  calls: number;
  blocksOk: boolean;
  english: Map<string, string>;
  secondCalls: number;
  secondCached: number;
  secondMs: number;
}

/** One cold Meridian: a new translator (its pipelines start inside the timing) and an empty cache. */
async function meridianRun(articles: readonly TranslatableArticle[]): Promise<MeridianRun> {
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const base = await createTranslator(Config.fromEnv({ MERIDIAN_TRANSLATOR: 'apertium' }));
  // Pipelines start on first use: one tiny input per pipeline counts as their start-up.
  const probe = timed(base);
  await Promise.all(
    Array.from({ length: Number(Config.fromEnv({}).int('MERIDIAN_APERTIUM_CONCURRENCY')) }, () =>
      base.translate(['Hola.'], 'es', 'en'),
    ),
  );
  const startMs = performance.now() - t0;
  const cache = new MemorySegmentCache();
  const deps = { translator: probe.translator, cache, target: 'en' };
  let blocksOk = true;
  const english = new Map<string, string>();
  await pool(articles, concurrency, async (article) => {
    const result = await translateArticle(article, deps);
    if (result.blocks.length !== article.blocks.length) blocksOk = false;
    english.set(article.title, result.title);
    article.blocks.forEach((b, i) => {
      english.set(b.text, result.blocks[i]?.text ?? '');
    });
  });
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const nodeCpuMs = (cpu.user + cpu.system) / 1000;
  const s0 = performance.now();
  let secondCalls = 0;
  let secondCached = 0;
  for (const article of articles) {
    const result = await translateArticle(article, deps);
    secondCalls += result.providerCalls;
    secondCached += result.cachedSegments;
  }
  const secondMs = performance.now() - s0;
  await base.close?.();
  return {
    ms,
    nodeCpuMs,
    startMs,
    busyMs: probe.busyMs(),
    calls: probe.calls(),
    blocksOk,
    english,
    secondCalls,
    secondCached,
    secondMs,
  };
}

async function main(): Promise<void> {
  const meantime = join(dataDir, 'meantime/es/meantime.conll');
  const semeval = join(dataDir, 'semeval2022-task8-pairs/training_set.csv');
  if (!existsSync(meantime) || !existsSync(semeval)) throw new Error(`data not found under ${dataDir}`);
  const articles = [...meantimeArticles(meantime), ...semevalArticles(semeval)].slice(0, wanted);
  const segments = articles.flatMap(segmentsOf);
  const chars = segments.join('').length;
  const words = segments.join(' ').split(/\s+/).length;
  const lines: string[] = [];
  const say = (line: string) => {
    console.log(line);
    lines.push(line);
  };
  say(
    `articles: ${articles.length} (MEANTIME es + SemEval es), ${segments.length} segments, ${words} words, ${chars} characters; Meridian concurrency ${concurrency}, ${rounds} rounds`,
  );

  // Warm the disk cache of the language data for both.
  await apertiumAlone('Hola.');
  const text = segments.join('\n\n');
  const alone: number[] = [];
  const meridian: MeridianRun[] = [];
  let aloneOut = '';
  for (let r = 0; r < rounds; r++) {
    const runAlone = async () => {
      const t0 = performance.now();
      aloneOut = await apertiumAlone(text);
      alone.push(performance.now() - t0);
    };
    const runMeridian = async () => {
      meridian.push(await meridianRun(articles));
    };
    // Alternate which side goes first, so neither always runs on a warmer machine.
    if (r % 2 === 0) {
      await runAlone();
      await runMeridian();
    } else {
      await runMeridian();
      await runAlone();
    }
  }
  const m = meridian.sort((a, b) => a.ms - b.ms)[Math.floor(meridian.length / 2)] as MeridianRun;
  const aloneMs = median(alone);

  // The single run's English per segment (blank lines separate them there too).
  const aloneParts = aloneOut.split(/\n\n/).map((p) => p.trim());
  let same = 0;
  let compared = 0;
  if (aloneParts.length === segments.length) {
    segments.forEach((seg, i) => {
      const mine = m.english.get(seg);
      if (mine === undefined) return;
      compared++;
      if (mine.trim() === aloneParts[i]) same++;
    });
  }
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  say(
    `Apertium alone (one apertium -u run, one file): ${s(aloneMs)} (median of ${rounds}: ${alone.map(s).join(', ')}; ${Math.round(words / (aloneMs / 1000))} words/s)`,
  );
  say(
    `Meridian (${m.calls} provider calls):            ${s(m.ms)} (median of ${rounds}: ${meridian.map((x) => s(x.ms)).join(', ')})`,
  );
  say(`Ratio Meridian / alone:                        ${(m.ms / aloneMs).toFixed(2)}× (target ≤ 1.5×)`);
  say(`  of which starting the pipelines:             ${s(m.startMs)}`);
  say(`  engine busy (some call in flight):           ${s(m.busyMs)}`);
  say(`  Meridian's own time outside any call:        ${s(m.ms - m.startMs - m.busyMs)}`);
  say(`  CPU of Meridian's own process:               ${s(m.nodeCpuMs)} (the rest is Apertium's stages)`);
  say(`Block counts preserved:                        ${m.blocksOk ? 'yes' : 'NO'}`);
  say(
    `Same English as the single run:                ${compared ? `${same}/${compared} segments (${((same / compared) * 100).toFixed(1)}%)` : 'not comparable (segment count differs)'}`,
  );
  say(
    `Second pass:                                   ${m.secondCalls} provider calls, ${m.secondCached} segments from cache, ${s(m.secondMs)}`,
  );
  writeResults('translate-apertium', `\`\`\`\n${lines.join('\n')}\n\`\`\``);
}

await main();
