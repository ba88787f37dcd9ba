/**
 * Scale: 100,000 articles clustered incrementally in one process. Prints total time, memory, the
 * mean time to add an article in a window around the 1,000th and around the 100,000th, and the CPU
 * of each block of 10,000 articles (the steadier measure of whether the cost per article grows).
 * Times are given as wall clock and as this process's CPU time: on a shared machine the wall
 * clock mostly measures the neighbours, CPU time measures the clusterer.
 *
 * The load is real text, repeated and perturbed: each article is a SemEval or MEANTIME article
 * with its sentences shuffled, some names swapped for names from other articles, numbers changed
 * and its date moved along a 100-day stream (1,000 articles a day). Reissues of one source article
 * within a few days are one "event", as a wire story is rewritten by many outlets.
 *
 *   npx tsx --expose-gc bench/stories-scale.ts [../shared/data] [count]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import nlp from 'compromise';
import { StoryClusterer } from '../src/stories/clusterer.ts';
import type { StoryDoc } from '../src/stories/doc.ts';
import { extractEntities } from '../src/stories/entities.ts';
import { readPairs } from '../src/stories/pairs.ts';
import { mulberry32 } from '../src/util/random.ts';
import { median } from './stats.ts';
import { readMeantime } from './stories-eval-lib.ts';

const dataDir = process.argv[2] ?? '../shared/data';
const total = Number(process.argv[3] ?? 100_000);
const PER_DAY = 1000;
const START = Date.parse('2026-01-01T00:00:00Z');

function loadPool(): StoryDoc[] {
  const pairs = readPairs(readFileSync(join(dataDir, 'semeval2022-task8-pairs/training_set.csv'), 'utf8'));
  const seen = new Set<string>();
  const pool: StoryDoc[] = [];
  for (const p of pairs) {
    for (const d of [p.a, p.b]) {
      const key = d.title + d.text.slice(0, 200);
      if (!seen.has(key) && d.text.length > 200) {
        seen.add(key);
        pool.push(d);
      }
    }
  }
  for (const d of readMeantime(join(dataDir, 'meantime'))) pool.push(d);
  return pool;
}

function perturb(base: StoryDoc, random: () => number, names: string[], n: number, day: number): StoryDoc {
  const sentences = base.text.split(/(?<=[.!?。！？])\s*/u).filter(Boolean);
  // Keep the lead, shuffle the rest: rewrites of one story mostly keep their first sentence.
  const [lead = '', ...rest] = sentences;
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j] ?? '', rest[i] ?? ''];
  }
  const keep = rest.slice(0, Math.max(3, Math.floor(rest.length * (0.5 + random() * 0.5))));
  let text = [lead, ...keep].join(' ');
  // Swap a few capitalised names and nudge numbers.
  text = text.replace(/\b\p{Lu}\p{Ll}{3,}\b/gu, (w) =>
    random() < 0.1 ? (names[Math.floor(random() * names.length)] ?? w) : w,
  );
  text = text.replace(/\b\d{2,}\b/g, (d) => (random() < 0.3 ? String(Number(d) + Math.floor(random() * 9) + 1) : d));
  const hour = Math.floor(random() * 24 * 60) * 60_000;
  return {
    id: n,
    language: base.language,
    title: base.title,
    text,
    published: new Date(START + day * 86_400_000 + hour).toISOString(),
    country: ['US', 'DE', 'FR', 'CN', 'RU', 'TW', 'JP', 'BR', 'IN', 'ZA'][Math.floor(random() * 10)] ?? 'XX',
    outlet: `outlet-${Math.floor(random() * 150)}`,
  };
}

function entitySpeed(pool: StoryDoc[]): void {
  const english = pool.filter((d) => d.language === 'en').slice(0, 100);
  const texts = english.map((d) => `${d.title}\n${d.text}`);
  const chars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  for (const t of texts.slice(0, 20)) {
    nlp(t).people(); // warm up both
    extractEntities(t, 'en');
  }
  let t0 = performance.now();
  for (const t of texts) {
    const doc = nlp(t);
    doc.people().out('array');
    doc.places().out('array');
    doc.organizations().out('array');
  }
  const compromiseMs = (performance.now() - t0) / texts.length;
  t0 = performance.now();
  for (const t of texts) extractEntities(t, 'en');
  const heuristicMs = (performance.now() - t0) / texts.length;
  console.log(
    `entity extraction on ${texts.length} English articles (${chars.toFixed(0)} chars avg): compromise ${compromiseMs.toFixed(2)} ms/article, heuristic ${heuristicMs.toFixed(3)} ms/article`,
  );
}

const pool = loadPool();
console.log(`pool: ${pool.length} real articles from ${dataDir}`);
entitySpeed(pool);

const names = [...new Set(pool.flatMap((d) => extractEntities(d.title, d.language).surface))].filter(
  (n) => !n.includes(' '),
);
// Deterministic, so runs are comparable.
const random = mulberry32(42);
// Each day, a fresh draw of 300 source articles is "in the news"; articles of the day rewrite them.
const clusterer = new StoryClusterer();
// Around the 1,000th, the 10,000th (index full, steady state) and the last article.
const windows = {
  early: [500, 1500],
  middle: [Math.min(9500, total / 2), Math.min(10500, total / 2 + 1000)],
  late: [total - 1000, total],
} as const;
type Window = keyof typeof windows;
const windowNames = Object.keys(windows) as Window[];
const spent: Record<Window, number> = { early: 0, middle: 0, late: 0 };
const cpuSpent: Record<Window, number> = { early: 0, middle: 0, late: 0 };
const samples: Record<Window, number[]> = { early: [], middle: [], late: [] };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const started = performance.now();
const cpuStarted = cpuMs();
let addCpu = 0;
let todays: StoryDoc[] = [];
let peakRss = 0;
/** CPU seconds of each block of 10,000 articles (add() only): whether the cost per article stays flat. */
const blockCpu: number[] = [];
let blockStart = 0;
for (let n = 1; n <= total; n++) {
  const day = Math.floor((n - 1) / PER_DAY);
  if ((n - 1) % PER_DAY === 0)
    todays = Array.from({ length: 300 }, () => pool[Math.floor(random() * pool.length)] as StoryDoc);
  const doc = perturb(todays[Math.floor(random() * todays.length)] as StoryDoc, random, names, n, day);
  const c0 = cpuMs();
  const t0 = performance.now();
  clusterer.add(doc);
  const dt = performance.now() - t0;
  const dc = cpuMs() - c0;
  addCpu += dc;
  for (const w of windowNames) {
    if (n > windows[w][0] && n <= windows[w][1]) {
      spent[w] += dt;
      cpuSpent[w] += dc;
      samples[w].push(dt);
    }
  }
  if (n % 10_000 === 0) {
    blockCpu.push((addCpu - blockStart) / 1000);
    blockStart = addCpu;
    const rss = process.memoryUsage().rss;
    peakRss = Math.max(peakRss, rss);
    console.log(
      `  ${n} articles, wall ${((performance.now() - started) / 1000).toFixed(1)} s, cpu ${((cpuMs() - cpuStarted) / 1000).toFixed(1)} s, live stories ${clusterer.liveCount}, index keys ${clusterer.indexKeys}, term stats ${clusterer.model.stats.size} keys, rss ${(rss / 2 ** 20).toFixed(0)} MB`,
    );
  }
}
const seconds = (performance.now() - started) / 1000;
const cpuSeconds = (cpuMs() - cpuStarted) / 1000;
gc?.();
const mem = process.memoryUsage();
const span = (w: readonly [number, number]) => w[1] - w[0];
const per = (ms: number, w: readonly [number, number]) => (ms / span(w)).toFixed(3);
console.log(
  `clustered ${total} articles: wall ${seconds.toFixed(1)} s, process CPU ${cpuSeconds.toFixed(1)} s (of which add() ${(addCpu / 1000).toFixed(1)} s; the rest generates the load)`,
);
console.log(
  `memory: peak rss ${(peakRss / 2 ** 20).toFixed(0)} MB, heap used ${gc ? 'after a full GC' : '(no --expose-gc: garbage included)'} ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB`,
);
for (const w of windowNames) {
  console.log(
    `add(), articles ${windows[w][0]}–${windows[w][1]}: mean wall ${per(spent[w], windows[w])} ms, median wall ${median(samples[w]).toFixed(3)} ms, mean cpu ${per(cpuSpent[w], windows[w])} ms`,
  );
}
const ratio = (a: number, b: number) => (a / b).toFixed(2);
// Windows of 1,000 articles are short next to the neighbours' load on a shared machine: their
// late/middle ratio went from 1.00 to 1.32 between runs of the same code. Blocks of 10,000 are
// steadier; the first block is the index filling up.
if (blockCpu.length >= 3) {
  const steady = blockCpu.slice(1);
  console.log(
    `add() cpu per 10,000 articles: ${blockCpu.map((s) => s.toFixed(1)).join(', ')} s; last/second ${ratio(blockCpu[blockCpu.length - 1] ?? 0, blockCpu[1] ?? 1)}, max/min after the first ${ratio(Math.max(...steady), Math.min(...steady))}`,
  );
}
console.log(
  `late/early: mean wall ${ratio(spent.late, spent.early)}, median wall ${ratio(median(samples.late), median(samples.early))}, cpu ${ratio(cpuSpent.late, cpuSpent.early)}; late/middle cpu ${ratio(cpuSpent.late, cpuSpent.middle)}`,
);
